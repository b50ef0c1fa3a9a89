import { readFileSync } from 'node:fs';
import { BUILT_IN_TEMPLATES, compileZpl, renderTemplate } from '../shared/labels';
import { renderSvg } from '../shared/labels/svg';
import { medianTime } from './support/stats';

/**
 * Per template: median time to bind + compile one label to ZPL, and to draw
 * its SVG preview, and the bytes one label sends to the printer. Register in
 * bench/run.ts as `labels: () => import('./labels')`.
 */
const example = (id: string): unknown => JSON.parse(readFileSync(new URL(`../assets/labels/examples/${id}.json`, import.meta.url), 'utf8'));


export async function run(): Promise<unknown> {
  const rows = Object.keys(BUILT_IN_TEMPLATES).map((id) => {
    const data = example(id);
    const compile = () => {
      const r = renderTemplate(id, data);
      if (!r.ok || !compileZpl(r.value.model).ok) throw new Error(`${id} does not compile`);
    };
    const rendered = renderTemplate(id, data);
    if (!rendered.ok) throw new Error(rendered.error.message);
    const zpl = compileZpl(rendered.value.model);
    const svg = () => {
      if (!renderSvg(rendered.value.model).ok) throw new Error(`${id} has no preview`);
    };
    const row = {
      template: id,
      compileMsMedian: Number(medianTime(compile, 200).toFixed(3)),
      svgMsMedian: Number(medianTime(svg, 20).toFixed(3)),
      zplBytes: zpl.ok ? zpl.value.length : 0,
    };
    console.log(`${id.padEnd(14)} compile ${row.compileMsMedian} ms  preview ${row.svgMsMedian} ms  ${row.zplBytes} bytes`);
    return row;
  });
  return { templates: rows };
}
