import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { example } from './examples';
import { decodeGreyPng } from './png-pixels';
import { zplToPng } from './readback';
import { zplFields, zplTexts } from './zpl-fields';
import { compileZpl, renderTemplate, type LabelModel } from '../../../shared/labels';
import { renderSvg } from '../../../shared/labels/svg';
import { MIN_TEXT_HEIGHT, estimateWidth, fitText } from '../../../shared/labels/text-fit';

const LONG_RECEIVER = 'Autowerk Süd AG Werk Ingolstadt, Tor 3, Halle 12 Süd West';

function vda4902(receiver: string, supplier?: string) {
  const data = { ...(example('vda-4902') as Record<string, unknown>), receiver, ...(supplier ? { supplier } : {}) };
  const r = renderTemplate('vda-4902', data);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.model;
}

describe('a text fitted into its label cell', () => {
  it('keeps a value that fits exactly as given, at its height, spacing included', () => {
    expect(fitText('BAND3-12  JIS-7', 28, 572)).toEqual({ height: 28, lines: ['BAND3-12  JIS-7'] });
    expect(fitText('anything at all', 28)).toEqual({ height: 28, lines: ['anything at all'] });
  });

  it('shrinks, then wraps at spaces, within the cell, and loses no word', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-zÄÖÜäöüß0-9.,\-/]{1,14}$/), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 16, max: 40 }),
        fc.integer({ min: 300, max: 900 }),
        fc.integer({ min: 1, max: 3 }),
        (words, height, width, lines) => {
          const value = words.join(' ');
          const fitted = fitText(value, height, width, lines * height);
          if (fitted === null) {
            // Refused only when even the smallest height cannot hold it.
            expect(estimateWidth(value, MIN_TEXT_HEIGHT)).toBeGreaterThan(width);
            return;
          }
          expect(fitted.height).toBeLessThanOrEqual(height);
          expect(fitted.height).toBeGreaterThanOrEqual(Math.min(height, MIN_TEXT_HEIGHT));
          expect(fitted.lines.length * fitted.height).toBeLessThanOrEqual(Math.max(lines * height, fitted.height));
          for (const line of fitted.lines) expect(estimateWidth(line, fitted.height)).toBeLessThanOrEqual(width);
          expect(fitted.lines.join('').replace(/\s/g, '')).toBe(value.replace(/\s/g, ''));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('prints a long receiver in two lines inside cell (1) of VDA 4902, and the screen shows the same lines', () => {
    const model = vda4902(LONG_RECEIVER);
    const zpl = compileZpl(model);
    expect(zpl.ok).toBe(true);
    const texts = zpl.ok ? zplTexts(zpl.value) : [];
    expect(texts).toContain(LONG_RECEIVER);
    const lines = zpl.ok ? zplFields(zpl.value).filter((f) => LONG_RECEIVER.includes(f) && f.length > 3 && !f.startsWith('(')) : [];
    expect(lines.length).toBe(2);
    const svg = renderSvg(model);
    expect(svg.ok).toBe(true);
    for (const line of lines) expect(svg.ok && svg.value).toContain(`>${line.replace(/&/g, '&amp;')}</text>`);
  });

  it('draws nothing of the receiver past the rule between cells (1) and (4), as rendered from the ZPL', async () => {
    const model: LabelModel = vda4902(LONG_RECEIVER, 'X');
    const zpl = compileZpl(model);
    if (!zpl.ok) throw new Error(zpl.error.message);
    const image = decodeGreyPng(await zplToPng(zpl.value, model));
    const scale = image.width / model.widthDots;
    // Right of the rule at x = 1260 (2 dots) and left of the supplier's text at 1268: white, in the receiver's rows.
    let ink = 0;
    for (let y = Math.round(28 * scale); y < Math.round(62 * scale); y++) {
      for (let x = Math.round(1263 * scale); x < Math.round(1267 * scale); x++) if (image.pixels[y * image.width + x]! < 128) ink++;
    }
    expect(ink).toBe(0);
  });

  it('refuses a text no height can fit, naming it, rather than print it over its neighbour', () => {
    const model: LabelModel = { widthDots: 400, heightDots: 100, dpi: 203, elements: [{ type: 'text', x: 0, y: 0, height: 24, value: 'W'.repeat(80), maxWidth: 200 }] };
    const zpl = compileZpl(model);
    expect(zpl.ok).toBe(false);
    expect(!zpl.ok && zpl.error.code).toBe('label-text-too-long');
    expect(!zpl.ok && zpl.error.message).toContain('WWWW');
    const svg = renderSvg(model);
    expect(!svg.ok && svg.error.code).toBe('label-text-too-long');
  });
});
