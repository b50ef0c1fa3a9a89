import type { renderSvg } from '../../shared/labels/svg';

/** Draws a label model as SVG (bwip-js draws the symbols); see shared/labels/svg.ts. */
export type RenderLabelSvg = typeof renderSvg;

let loading: Promise<RenderLabelSvg> | null = null;

/**
 * The label preview's renderer, loaded the first time a label is drawn.
 * bwip-js (the symbol encoders) is about half of the renderer's code and
 * the login screen, like most of a shift, draws no label: a dynamic import
 * keeps it out of the chunks the first screen waits for. A failed load (a
 * corrupt install) is not cached, so the next label tries again.
 */
export function loadLabelSvg(): Promise<RenderLabelSvg> {
  loading ??= import('../../shared/labels/svg').then(
    (module) => module.renderSvg,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
