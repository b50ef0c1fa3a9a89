import { toSVG } from 'bwip-js/generic';
import { GS } from '../barcode';
import { ok, type Result } from '../errors';
import { labelFail } from './errors';
import { LabelModel, isSymbol, type LabelElement, type SymbolElement } from './model';
import { symbolContent } from './symbol-content';
import { fitText, textTooLong } from './text-fit';

/**
 * The screen's picture of a label: an SVG in printer dots, computed from the
 * same model and the same symbol content as the ZPL. Symbols are drawn by
 * bwip-js (BWIPP encoders, pure JS, no DOM), so a preview that renders is a
 * symbol that carries exactly `symbolContent(...)`. Module sizes follow the
 * model; the encodation (subset switches, PDF417 row count) may differ from
 * the printer's, the data does not.
 */

export function renderSvg(input: LabelModel): Result<string> {
  const parsed = LabelModel.safeParse(input);
  if (!parsed.success) return labelFail('label-data-invalid', `label model: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const model = parsed.data;
  const parts: string[] = [];
  for (const [index, element] of model.elements.entries()) {
    const svg = elementSvg(element);
    if (!svg.ok) return labelFail(svg.error.code as 'label-value-unencodable', `element ${index + 1} (${element.type}): ${svg.error.message}`);
    parts.push(svg.value);
  }
  const { widthDots: w, heightDots: h } = model;
  return ok(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" data-dpi="${model.dpi}">` +
      `<rect width="${w}" height="${h}" fill="#fff"/>${parts.join('')}</svg>`,
  );
}

function elementSvg(e: LabelElement): Result<string> {
  switch (e.type) {
    case 'text': {
      // The same lines at the same height as the ZPL (text-fit.ts decides both).
      const fitted = fitText(e.value, e.height, e.maxWidth, e.maxHeight);
      if (!fitted) return labelFail('label-text-too-long', textTooLong(e.value, e.maxWidth ?? 0, e.maxHeight));
      // ^FO is the top-left of the field; a baseline at 80 % of the cell matches font 0 closely enough.
      return ok(
        fitted.lines
          .map(
            (line, i) =>
              `<text x="${e.x}" y="${e.y + i * fitted.height + Math.round(fitted.height * 0.8)}" font-family="Helvetica, Arial, sans-serif" font-size="${fitted.height}" fill="#000">${xmlText(line)}</text>`,
          )
          .join(''),
      );
    }
    case 'box': {
      // ^GB draws its border inside width × height.
      const t = Math.min(e.thickness, e.width / 2, e.height / 2);
      return ok(`<rect x="${e.x + t / 2}" y="${e.y + t / 2}" width="${e.width - t}" height="${e.height - t}" fill="none" stroke="#000" stroke-width="${t}"/>`);
    }
    case 'line': {
      const [w, h] = e.direction === 'horizontal' ? [e.length, e.thickness] : [e.thickness, e.length];
      return ok(`<rect x="${e.x}" y="${e.y}" width="${w}" height="${h}" fill="#000"/>`);
    }
    default:
      return isSymbol(e) ? symbolSvg(e) : labelFail('label-data-invalid', 'unknown element');
  }
}

function symbolSvg(e: SymbolElement): Result<string> {
  const content = symbolContent(e);
  if (!content.ok) return content;
  const { text, aim } = content.value;
  const fnc1Text = '^FNC1' + text.split(GS).join('^FNC1');
  let options: Record<string, unknown>;
  switch (e.type) {
    case 'code128':
      options = { bcid: 'code128', text };
      break;
    case 'code39':
      // BWIPP draws Code 39 at 3:1 without a check character, as the ZPL does.
      options = { bcid: 'code39', text, includecheck: false };
      break;
    case 'gs1-128':
      options = { bcid: 'code128', text: fnc1Text, parsefnc: true };
      break;
    case 'datamatrix':
      options = e.content.kind === 'gs1' ? { bcid: 'datamatrix', text: fnc1Text, parsefnc: true } : { bcid: 'datamatrix', text };
      break;
    case 'qr':
      options = { bcid: 'qrcode', text, eclevel: e.errorCorrection };
      break;
    case 'pdf417':
      options = { bcid: 'pdf417', text, eclevel: e.securityLevel, ...(e.columns ? { columns: e.columns } : {}) };
      break;
  }
  let svg: string;
  try {
    svg = toSVG({ ...(options as { bcid: string; text: string }), scale: 1 });
  } catch (err) {
    return labelFail('label-value-unencodable', `the preview encoder refused the data: ${err instanceof Error ? err.message : String(err)}`);
  }
  const box = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(svg);
  if (!box) return labelFail('label-value-unencodable', 'the preview encoder returned no picture');
  const [vw, vh] = [Number(box[1]), Number(box[2])];
  const [width, height] = symbolSize(e, vw, vh);
  const inner = svg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  return ok(
    `<svg x="${e.x}" y="${e.y}" width="${width}" height="${height}" viewBox="0 0 ${vw} ${vh}" preserveAspectRatio="none" ` +
      `data-symbol="${e.type}" data-aim="${aim}">${inner}</svg>`,
  );
}

/** bwip-js at scale 1 draws one unit per linear module and two per matrix module; PDF417 rows are three units high. */
function symbolSize(e: SymbolElement, vw: number, vh: number): [number, number] {
  switch (e.type) {
    case 'code128':
    case 'code39':
    case 'gs1-128':
      return [vw * e.moduleWidth, e.height];
    case 'datamatrix':
      return [(vw / 2) * e.moduleSize, (vh / 2) * e.moduleSize];
    case 'qr':
      return [(vw / 2) * e.magnification, (vh / 2) * e.magnification];
    case 'pdf417':
      return [vw * e.moduleWidth, (vh / 3) * e.rowHeight];
  }
}

/** XML 1.0 cannot hold most C0 controls: show them as Unicode control pictures, as the scan views do. */
function xmlText(value: string): string {
  return value
    // eslint-disable-next-line no-control-regex -- exactly the C0 controls XML 1.0 forbids
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
