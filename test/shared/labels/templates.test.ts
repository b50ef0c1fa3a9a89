import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { example } from './examples';
import { BUILT_IN_TEMPLATES, compileZpl, listTemplates, renderTemplate, vda4994, type TemplateRow } from '../../../shared/labels';

const golden = (id: string) => new URL(`./golden/${id}.zpl`, import.meta.url);

describe('templates', () => {
  it('lists every template with its citation and data fields', () => {
    const list = listTemplates();
    expect(list.map((t) => t.id)).toEqual(['vda-4902', 'vda-4994', 'gs1-logistic', 'jis-rack', 'gs1-mixed-load']);
    for (const t of list) expect(t.citation.length).toBeGreaterThan(10);
    const gtl = list.find((t) => t.id === 'vda-4994')!;
    expect(gtl.fields.find((f) => f.name === 'licensePlate')).toMatchObject({ required: true, type: 'string' });
    expect(gtl.fields.find((f) => f.name === 'batch')).toMatchObject({ required: false });
  });

  it.each(Object.keys(BUILT_IN_TEMPLATES))('%s compiles to its golden ZPL', (id) => {
    const rendered = renderTemplate(id, example(id));
    expect(rendered.ok).toBe(true);
    const zpl = rendered.ok && compileZpl(rendered.value.model);
    expect(zpl && zpl.ok && zpl.value).toBe(readFileSync(golden(id), 'utf8'));
  });

  it.each(Object.keys(BUILT_IN_TEMPLATES))('%s also renders at 300 dpi', (id) => {
    const r = renderTemplate(id, example(id), { dpi: 300 });
    expect(r.ok && r.value.model).toMatchObject({ dpi: 300 });
    expect(r.ok && compileZpl(r.value.model).ok).toBe(true);
  });

  it('refuses data that does not match the schema, with the field', () => {
    expect(renderTemplate('gs1-logistic', { ...(example('gs1-logistic') as object), sscc: '106141411234567890' })).toMatchObject({
      ok: false,
      error: { code: 'label-data-invalid', message: expect.stringContaining('sscc') },
    });
    expect(renderTemplate('nope', {})).toMatchObject({ ok: false, error: { code: 'label-template-unknown' } });
  });

  it('VDA 4902 refuses bar-coded values Code 39 cannot carry, naming the field', () => {
    for (const [field, value] of [['customerPartNumber', 'p4711'], ['batch', 'B_1'], ['packageNumber', 'S*1'], ['deliveryNote', 'LS#1']] as const) {
      expect(renderTemplate('vda-4902', { ...(example('vda-4902') as object), [field]: value })).toMatchObject({
        ok: false,
        error: { code: 'label-data-invalid', message: expect.stringContaining(field) },
      });
    }
  });

  it('leaves optional data out of the symbols', () => {
    const { batch: _b, changeLevel: _c, supplierPartNumber: _s, productionDate: _p, unloadingPoint: _u, ...minimal } = example('vda-4994') as Record<string, unknown>;
    const r = renderTemplate('vda-4994', minimal);
    const dm = r.ok && r.value.model.elements.find((e) => e.type === 'datamatrix');
    expect(dm && dm.type === 'datamatrix' && dm.content.kind === 'iso15434' && dm.content.fields.map((f) => f.di)).toEqual(['1J', 'P', 'Q', 'V', 'N']);
  });

  it('binds values literally: a value holding {{placeholder}} stays text', () => {
    const r = renderTemplate('vda-4994', { ...(example('vda-4994') as object), receiver: '{{licensePlate}} ^XA' });
    expect(r.ok && r.value.model.elements.some((e) => e.type === 'text' && e.value === '{{licensePlate}} ^XA')).toBe(true);
  });

  it('a master-data row replaces a built-in layout and keeps its data schema', () => {
    const row: TemplateRow = {
      id: 'vda-4994',
      name: 'GTL (plant layout)',
      kind: 'vda-4994',
      model: { widthDots: 800, heightDots: 400, dpi: 203, elements: [{ type: 'code128', x: 40, y: 40, height: 80, moduleWidth: 2, value: '1J{{licensePlate}}' }] },
    };
    const r = renderTemplate('vda-4994', example('vda-4994'), { rows: [row] });
    expect(r.ok && r.value.template.source).toBe('master-data');
    expect(r.ok && r.value.model.elements).toEqual([{ type: 'code128', x: 40, y: 40, height: 80, moduleWidth: 2, value: '1JUN081234567000000042' }]);
    expect(renderTemplate('vda-4994', { licensePlate: 'x' }, { rows: [row] })).toMatchObject({ ok: false, error: { code: 'label-data-invalid' } });
    expect(listTemplates([row]).find((t) => t.id === 'vda-4994')?.placeholders).toEqual(['licensePlate']);
    expect(vda4994.layout.elements.length).toBeGreaterThan(1);
  });

  it('refuses raw-ZPL rows and rows of unknown kind', () => {
    expect(renderTemplate('x', {}, { rows: [{ id: 'x', name: 'x', kind: 'vda-4994', zpl: '^XA^XZ' }] })).toMatchObject({ ok: false, error: { code: 'label-template-invalid' } });
    expect(renderTemplate('x', {}, { rows: [{ id: 'x', name: 'x', kind: 'nope', model: {} }] })).toMatchObject({ ok: false, error: { code: 'label-template-invalid' } });
  });
});
