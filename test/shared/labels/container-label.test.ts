import { describe, expect, it } from 'vitest';
import { parseBarcode } from '../../../shared/barcode';
import { compileZpl, containerLabelData, markDuplicate, renderTemplate, type ContainerLabelFacts, type LabelModel } from '../../../shared/labels';
import type { Customer } from '../../../shared/master-data';
import { darkPixels, decodeGreyPng, differencesOutside } from './png-pixels';
import { scanImage, zplToPng } from './readback';
import { zplFields, zplTexts } from './zpl-fields';

// VDA 4902 version 4 (Warenanhänger): every field from customer and plant master data.
const customer: Customer = {
  id: 'C-AWS',
  name: 'Autowerk Sued AG',
  supplierNumber: '47110815',
  shipTo: { name: 'Autowerk Sued Werk Ingolstadt', address: 'Tor 3', unloadingPoint: 'WE-03-L7' },
  parts: [{ materialId: 'M-SG1', customerPartNumber: '8W0-907-468-B', changeLevel: 'C', description: 'Steuergeraet Sitz', unitWeightKg: 0.42, containerTareKg: 1.6 }],
};

const facts = (patch: Partial<ContainerLabelFacts> = {}): ContainerLabelFacts => ({
  order: { id: 'ORD-1001', number: 'ORD-1001', lineId: 'L1', materialId: 'M-SG1', lot: 'L2026-0042' },
  material: { id: 'M-SG1', number: 'SG-100', name: 'Steuergeraet SG-100' },
  customers: [customer],
  lines: [{ id: 'L1', plantId: 'P1' }],
  plants: [{ id: 'P1', name: 'Takt Elektronik Werk Nord', address: 'Industriestr. 12, Wolfsburg' }],
  container: { containerId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', quantity: 20 },
  packageNumber: '712445956301',
  now: new Date('2026-03-02T07:00:00Z'),
  ...patch,
});

function render(f: ContainerLabelFacts, templateId = 'vda-4902'): LabelModel {
  const data = containerLabelData(templateId, f);
  if (!data.ok) throw new Error(data.error.message);
  const r = renderTemplate(templateId, data.value);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.model;
}

async function print(model: LabelModel) {
  const zpl = compileZpl(model);
  if (!zpl.ok) throw new Error(zpl.error.message);
  const png = await zplToPng(zpl.value, model);
  return { zpl: zpl.value, png, scans: await scanImage(png) };
}

/**
 * Each Code 39 symbol (AIM `]A`; zxing says `]A1` when the last character happens to match a mod-43 check) of the label as data identifier → value: a
 * goods receipt knows which field it scans, so the leading letter is the
 * identifier whatever the value starts with.
 */
function fieldsOf(scans: string[]): Record<string, string> {
  return Object.fromEntries(scans.filter((s) => /^\]A\d/.test(s)).map((s) => [s[3]!, s.slice(4)]));
}

describe('a container label made of customer master data', () => {
  it('prints fields 1-15 from master data: the customer part, our supplier number, the produced lot, no delivery note before dispatch', async () => {
    const { zpl, scans } = await print(render(facts()));
    // Bar codes (VDA 4902 section 3.3): P (7), Q (8), V (11), S (14), H (15); N (3) only once a shipment exists.
    expect(fieldsOf(scans)).toEqual({ P: '8W0-907-468-B', Q: '20', V: '47110815', S: '712445956301', H: 'L2026-0042' });
    const text = zplTexts(zpl);
    expect(text).toEqual(expect.arrayContaining([
      'Autowerk Sued Werk Ingolstadt, Tor 3', // (1)
      'WE-03-L7', // (2)
      'Takt Elektronik Werk Nord, Industriestr. 12, Wolfsburg', // (4)
      'net 8.4 kg / gross 10 kg', // (5) 20 × 0.42 kg, plus 1.6 kg tare
      '1', // (6) one package per label
      'Steuergeraet Sitz', // (9)
      'SG-100', // (10) our part number
      'C', // (13)
    ]));
    for (const placeholder of ['Customer', 'Takt plant', '000000', 'ORD-1001']) expect(text).not.toContain(placeholder);
  });

  it('prints a long plant name and address whole, never cut at a character count', () => {
    const plants = [{ id: 'P1', name: 'Takt Elektronik GmbH Werk Nord', address: 'Industriestr. 12, 38440 Wolfsburg, Deutschland' }];
    const zpl = compileZpl(render(facts({ plants })));
    expect(zpl.ok && zplTexts(zpl.value)).toContain('Takt Elektronik GmbH Werk Nord, Industriestr. 12, 38440 Wolfsburg, Deutschland');
  });

  it('carries the shipment number as the delivery note (3) once the container is dispatched', async () => {
    const { scans } = await print(render(facts({ shipmentNumber: 'LS-2026-0815' })));
    expect(fieldsOf(scans)).toMatchObject({ N: 'LS-2026-0815' });
  });

  it('takes the order number as the produced lot when the ERP sent none, never a component batch', async () => {
    const { scans } = await print(render(facts({ order: { id: 'o', number: 'ORD-1002', lineId: 'L1', materialId: 'M-SG1' } })));
    expect(fieldsOf(scans).H).toBe('ORD-1002');
  });

  const { unitWeightKg: _w, ...noWeight } = customer.parts[0]!;
  const { containerTareKg: _t, ...noTare } = customer.parts[0]!;
  it.each([
    ['no customer lists the material', { customers: [] }, 'customer.parts[materialId=M-SG1]'],
    ['no unloading point', { customers: [{ ...customer, shipTo: { ...customer.shipTo, unloadingPoint: '' } }] }, 'customer[C-AWS].shipTo.unloadingPoint'],
    ['no net weight per part', { customers: [{ ...customer, parts: [noWeight] }] }, 'customer[C-AWS].parts[8W0-907-468-B].unitWeightKg'],
    ['no container tare', { customers: [{ ...customer, parts: [noTare] }] }, 'customer[C-AWS].parts[8W0-907-468-B].containerTareKg'],
    ['the line has no plant', { plants: [] }, 'plant[P1]'],
    ['the plant has no address', { plants: [{ id: 'P1', name: 'Werk' }] }, 'plant[P1].address'],
    ['the material is unknown', { material: undefined }, 'material[M-SG1]'],
  ] as [string, Partial<ContainerLabelFacts>, string][])('refuses with a coded reason when %s', (_why, patch, field) => {
    const r = containerLabelData('vda-4902', facts(patch));
    expect(r).toMatchObject({ ok: false, error: { code: 'label-master-data-missing' } });
    expect(r.ok ? '' : r.error.message).toContain(field);
  });

  it('refuses a GTL and a GS1 logistic label without an SSCC, and fills them from the same master data with one', async () => {
    expect(containerLabelData('vda-4994', facts())).toMatchObject({ ok: false, error: { code: 'label-master-data-missing' } });
    expect(containerLabelData('gs1-logistic', facts({ sscc: '340123450000000018' }))).toMatchObject({ ok: false, error: { message: expect.stringContaining('material[M-SG1].gtin') } });
    const { scans } = await print(render(facts({ sscc: '340123450000000018' }), 'vda-4994'));
    const dm = parseBarcode(scans.find((s) => s.startsWith(']d'))!);
    expect(dm.ok && Object.fromEntries(dm.elements.map((e) => [e.id, e.value]))).toEqual({
      '1J': '340123450000000018', P: '8W0-907-468-B', Q: '20', V: '47110815', '1T': 'L2026-0042', '2P': 'C', '1P': 'SG-100', '16D': '20260302', '20L': 'WE-03-L7',
    });
  });
});

describe('a reprinted label', () => {
  it.each(['vda-4902', 'vda-4994'])('%s shows DUPLIKAT / DUPLICATE in a free corner, its bar codes unchanged', async (templateId) => {
    const original = render(facts({ sscc: '340123450000000018' }), templateId);
    const duplicate = markDuplicate(original, templateId);
    expect(markDuplicate(duplicate, templateId)).toEqual(duplicate);
    const [a, b] = await Promise.all([print(original), print(duplicate)]);
    expect(b.scans).toEqual(a.scans);
    expect(zplFields(b.zpl)).toEqual(expect.arrayContaining(['DUPLIKAT', 'DUPLICATE']));
    expect(zplFields(a.zpl)).not.toContain('DUPLIKAT');
    // The mark is ink inside its frame, and nothing else on the label moved.
    const frame = duplicate.elements.slice(original.elements.length).find((e) => e.type === 'box');
    if (frame?.type !== 'box') throw new Error('no frame');
    const [imgA, imgB] = [decodeGreyPng(a.png), decodeGreyPng(b.png)];
    expect(darkPixels(imgA, frame)).toBe(0);
    expect(darkPixels(imgB, { x: frame.x + 8, y: frame.y + 8, width: frame.width - 16, height: frame.height - 16 })).toBeGreaterThan(500);
    expect(differencesOutside(imgA, imgB, frame)).toBe(0);
  });
});
