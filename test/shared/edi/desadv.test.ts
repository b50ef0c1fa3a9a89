import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { writeAperak } from '../../../shared/edi/messages/aperak';
import { writeDesadv, type DespatchAdvice } from '../../../shared/edi/messages/desadv';
import { parseDesadv } from '../../../shared/edi/messages/desadv-read';
import { parseInterchange } from '../../../shared/edi/edifact/interchange';
import { value } from '../../../shared/edi/edifact/tokenize';
import { parseVda } from '../../../shared/edi/vda/engine';
import { VDA_4913 } from '../../../shared/edi/vda/formats';
import { writeVda4913 } from '../../../shared/edi/vda/vda4913';

// The independent reader: the `edifact` npm package (dev dependency), never used by the product.
const { Reader } = createRequire(import.meta.url)('edifact') as { Reader: new () => { parse(text: string): { name: string; elements: string[][] }[] } };

const SHIPMENT: DespatchAdvice = {
  profile: 'D96A',
  deliveryNoteNumber: '40001234',
  shipmentId: 'SH-7',
  despatchedAt: '2025-03-03T09:30:00.000Z',
  supplier: { number: '47110815', name: "Takt Werk Nord, O'Brien+Söhne" },
  customer: { id: 'AWS', name: 'Autowerk Süd' },
  shipTo: { name: 'Autowerk Süd Werk 1', unloadingPoint: 'Tor 3' },
  carrier: 'Spedition Maier',
  vehicleId: 'M-XY 123',
  grossWeightKg: 412.5,
  items: [
    { containerId: 'C-1', sscc: '340123450000000017', materialId: 'M-HSG', customerPartNumber: 'A0004711', quantity: 48, batches: [{ batch: 'B-100' }, { batch: 'B-101' }], packagingType: '0012' },
    { containerId: 'JIS-R1', materialId: 'M-SEAT', customerPartNumber: '5Q0-857-001-A', quantity: 2, batches: [{ batch: 'F-9' }], sequenceId: 'S1', sequenceNumbers: [1001, 1003] },
    { containerId: 'JIS-R1', materialId: 'M-SEAT', customerPartNumber: '5Q0-857-001-B', quantity: 1, batches: [{ batch: 'F-9' }], sequenceId: 'S1', sequenceNumbers: [1002] },
  ],
};

describe.each(['D96A', 'GLOBAL-D07A'] as const)('DESADV %s', (profile) => {
  const advice = { ...SHIPMENT, profile };
  const text = writeDesadv(advice, { controlRef: 'O000001', preparedAt: '2025-03-03T09:31:00.000Z' });

  it('our own inbound layer reads back the shipment: note, packages, SSCCs, parts, quantities, batches', () => {
    const r = parseDesadv(text);
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ deliveryNoteNumber: '40001234', supplier: '47110815', customer: 'AWS', unloadingPoint: 'Tor 3', despatchedAt: '2025-03-03T09:30', release: profile === 'D96A' ? '96A' : '07A' });
    expect(r.value.packages).toEqual([
      { label: 'C-1', sscc: '340123450000000017', packagingType: '0012', customerPartNumber: 'A0004711', materialId: 'M-HSG', quantity: 48, batches: ['B-100', 'B-101'] },
      { label: 'JIS-R1', packagingType: 'RACK', customerPartNumber: '5Q0-857-001-A', materialId: 'M-SEAT', quantity: 2, batches: ['F-9'] },
      { label: 'JIS-R1', packagingType: 'RACK', customerPartNumber: '5Q0-857-001-B', materialId: 'M-SEAT', quantity: 1, batches: ['F-9'] },
    ]);
  });

  it('the edifact package reads it without error, with the released characters restored', () => {
    const segments = new Reader().parse(text);
    expect(segments[0]!.name).toBe('UNB');
    const seller = segments.find((s) => s.name === 'NAD' && s.elements[0]![0] === 'SE')!;
    expect(seller.elements[3]![0]).toBe("Takt Werk Nord, O'Brien+Söhne");
    expect(segments.filter((s) => s.name === 'LIN')).toHaveLength(3);
    expect(segments.filter((s) => s.name === 'CPS')).toHaveLength(3);
  });

  it('counts are right: no warning from our own envelope check', () => {
    const r = parseInterchange(text);
    expect(r.ok && r.warnings).toEqual([]);
    if (r.ok && profile === 'GLOBAL-D07A') {
      const m = r.value.messages[0]!;
      expect([m.release, m.association]).toEqual(['07A', 'GAVF13']);
      expect(m.segments.find((s) => s.tag === 'MEA')!.elements[2]).toEqual(['KGM', '412.500']);
      expect(m.segments.filter((s) => s.tag === 'CPS').map((s) => value(s, 1))).toEqual(['1', '2', '3']);
    }
  });
});

describe('VDA 4913 for the same shipment', () => {
  it('writes 711–715 and 719 that the VDA engine reads back with the right counts', () => {
    const text = writeVda4913(SHIPMENT, { transmissionOld: 6, transmissionNew: 7, shipmentNumber: '7' });
    const r = parseVda(text, VDA_4913);
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    expect(r.value.map((x) => x.type)).toEqual(['711', '712', '713', '714', '715', '714', '715', '714', '715', '719']);
    expect(r.value[2]!.values).toMatchObject({ deliveryNote: '40001234', despatchDate: '250303', unloadingPoint: 'Tor 3' });
    expect(r.value[3]!.values).toMatchObject({ customerPart: 'A0004711', quantity: '0000000048000', batch: 'B-100,B-101' });
    expect(r.value[4]!.values).toMatchObject({ sscc: '340123450000000017', quantityPerPackage: '0000000048000' });
    expect(r.value[9]!.values).toMatchObject({ count714: '0000003', count715: '0000003' });
  });
});

describe('APERAK-style answer', () => {
  it('names the interchange it answers and every problem with segment and element', () => {
    const text = writeAperak({ to: 'AWS', from: '47110815', inboundReference: 'DJ000777', controlRef: 'A1', preparedAt: '2025-03-03T06:00:00Z', problems: [{ code: 'edi-no-part', message: 'LIN names no item number', segment: 12, tag: 'LIN', element: 3, component: 1, expected: 'part' }] });
    const r = parseInterchange(text);
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    const m = r.value.messages[0]!;
    expect(m.type).toBe('APERAK');
    expect(value(m.segments.find((s) => s.tag === 'RFF')!, 1, 2)).toBe('DJ000777');
    expect(m.segments.find((s) => s.tag === 'FTX')!.elements[3]!.join('')).toContain('segment 12 (LIN), element 3.1');
    expect(() => new Reader().parse(text)).not.toThrow();
  });
});
