import { describe, expect, it } from 'vitest';
import { parseBarcode } from '../../../shared/barcode';
import { BUILT_IN_TEMPLATES, compileZpl, isSymbol, renderTemplate, symbolContent, type LabelModel } from '../../../shared/labels';
import { renderSvg } from '../../../shared/labels/svg';
import { scanImage, zplToPng } from './readback';
import { example } from './examples';

/** What the screen says each symbol carries: the content the SVG preview was drawn from. */
function screenSays(model: LabelModel): string[] {
  const svg = renderSvg(model);
  if (!svg.ok) throw new Error(svg.error.message);
  return model.elements
    .filter(isSymbol)
    .map((e) => {
      const c = symbolContent(e);
      if (!c.ok) throw new Error(c.error.message);
      expect(svg.value).toContain(`data-symbol="${e.type}" data-aim="${c.value.aim}"`);
      return c.value.aim + c.value.text;
    })
    .sort();
}

describe('read-back: what is printed is what the screen said', () => {
  it.each([
    ...Object.keys(BUILT_IN_TEMPLATES).map((id) => [id, 203] as const),
    ['vda-4994', 300] as const,
    ['vda-4902', 300] as const,
  ])('%s at %i dpi: every symbol scans back to the previewed data', async (id, dpi) => {
    const rendered = renderTemplate(id, example(id), { dpi });
    if (!rendered.ok) throw new Error(rendered.error.message);
    const model = rendered.value.model;
    const zpl = compileZpl(model);
    if (!zpl.ok) throw new Error(zpl.error.message);
    const scanned = await scanImage(await zplToPng(zpl.value, model));
    const expected = screenSays(model);
    expect(scanned).toEqual(expected);
    // GS1 symbols: the element strings parse to the same AIs and values as the data.
    for (const raw of scanned.filter((s) => s.startsWith(']C1') || s.startsWith(']d2'))) {
      const parsed = parseBarcode(raw, { checkAssociations: false });
      expect(parsed.ok, raw).toBe(true);
      const fromModel = model.elements.flatMap((e) => (e.type === 'gs1-128' ? [e.elements] : e.type === 'datamatrix' && e.content.kind === 'gs1' ? [e.content.elements] : []));
      expect(fromModel.map((els) => els.map((x) => [x.ai, x.value]))).toContainEqual(parsed.ok ? parsed.elements.map((x) => [x.id, x.value]) : []);
    }
  });

  it('VDA 4902: six Code 39 symbols (]A0), one data identifier each, the package number parses back as the container\'s', async () => {
    // Longest values the template takes, so the layout is shown to keep every symbol readable.
    const data = { ...(example('vda-4902') as object), deliveryNote: 'LS-2026/0099887 $+%.', customerPartNumber: 'A'.repeat(20), supplierNumber: '1'.repeat(20), packageNumber: '012345678901', batch: 'B-20260042 X', quantity: 99_999_999 };
    const rendered = renderTemplate('vda-4902', data);
    if (!rendered.ok) throw new Error(rendered.error.message);
    const model = rendered.value.model;
    expect(model.elements.filter(isSymbol).map((e) => e.type)).toEqual(Array(6).fill('code39'));
    const zpl = compileZpl(model);
    if (!zpl.ok) throw new Error(zpl.error.message);
    const scanned = await scanImage(await zplToPng(zpl.value, model));
    expect(scanned).toEqual(
      [']A0NLS-2026/0099887 $+%.', `]A0P${'A'.repeat(20)}`, ']A0Q99999999', `]A0V${'1'.repeat(20)}`, ']A0S012345678901', ']A0HB-20260042 X'].sort(),
    );
    expect(scanned).toEqual(screenSays(model));
    const pkg = parseBarcode(scanned.find((s) => s.startsWith(']A0S'))!);
    expect(pkg).toMatchObject({ ok: true, symbology: 'code39', elements: [{ id: 'S', value: '012345678901' }], fields: { packageId: '012345678901' } });
  });

  it('hostile text next to a symbol prints literally and leaves the symbol intact', async () => {
    const model: LabelModel = {
      widthDots: 800,
      heightDots: 400,
      dpi: 203,
      elements: [
        { type: 'text', x: 20, y: 20, height: 30, value: '^XZ~JR^FD_1\\& שלום 中文' },
        { type: 'qr', x: 40, y: 80, magnification: 5, errorCorrection: 'M', value: '^XA~JR_5E\\&中' },
        { type: 'datamatrix', x: 400, y: 80, moduleSize: 6, content: { kind: 'iso15434', format: '06', fields: [{ di: 'P', value: '^XZ~HS' }, { di: 'Q', value: '1' }] } },
      ],
    };
    const zpl = compileZpl(model);
    if (!zpl.ok) throw new Error(zpl.error.message);
    expect(await scanImage(await zplToPng(zpl.value, model))).toEqual(screenSays(model));
  });
});
