import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { desadvSegments, writeDesadv, type DespatchAdvice } from '../../../shared/edi/messages/desadv';
import { parseDesadv } from '../../../shared/edi/messages/desadv-read';
import { parseInterchange } from '../../../shared/edi/edifact/interchange';
import { value } from '../../../shared/edi/edifact/tokenize';

// The independent reader: the `edifact` npm package (dev dependency), never used by the product.
const { Reader } = createRequire(import.meta.url)('edifact') as { Reader: new () => { parse(text: string): { name: string; elements: string[][] }[] } };

/** A mixed load: two containers of different parts under one master label (its GS1 SSCC). */
const MASTER = '340123450000005007';
const MIXED: DespatchAdvice = {
  profile: 'D96A',
  deliveryNoteNumber: '40001235',
  shipmentId: 'SH-8',
  despatchedAt: '2025-03-03T09:30:00.000Z',
  supplier: { number: '47110815', name: 'Takt Werk Nord' },
  customer: { id: 'AWS', name: 'Autowerk Süd' },
  shipTo: { name: 'Autowerk Süd Werk 1', unloadingPoint: 'Tor 3' },
  items: [
    { containerId: 'C-1', sscc: '340123450000000017', materialId: 'M-HSG', customerPartNumber: 'A0004711', quantity: 48, batches: [{ batch: 'B-100' }] },
    { containerId: 'C-2', sscc: '340123450000000024', materialId: 'M-SEAT', customerPartNumber: 'A0004712', quantity: 12, batches: [] },
  ],
};
const AT = { controlRef: 'O000002', preparedAt: '2025-03-03T09:31:00.000Z' };

describe.each(['D96A', 'GLOBAL-D07A'] as const)('DESADV %s of a mixed load under a master label', (profile) => {
  const plain = { ...MIXED, profile };
  const mixed = { ...plain, masterSscc: MASTER };
  const text = writeDesadv(mixed, AT);
  const message = () => {
    const r = parseInterchange(text);
    if (!r.ok) throw new Error('unreadable');
    return r.value.messages[0]!;
  };

  it('puts the master handling unit between the consignment and the containers, identified by its SSCC', () => {
    const cps = message().segments.filter((s) => s.tag === 'CPS').map((s) => [value(s, 1), value(s, 2)]);
    expect(cps).toEqual([['1', ''], ['2', '1'], ['3', '2'], ['4', '2']]);
    const segments = message().segments;
    const master = segments.findIndex((s) => s.tag === 'CPS' && value(s, 1) === '2');
    const unit = segments.slice(master, segments.findIndex((s) => s.tag === 'CPS' && value(s, 1) === '3'));
    expect(unit.map((s) => s.tag)).toEqual(['CPS', 'PAC', 'PCI', 'GIN']);
    expect([value(unit[3]!, 1), value(unit[3]!, 2, 1)]).toEqual(['BJ', MASTER]);
  });

  it('our own reader gives the master SSCC and still every container with its own SSCC', () => {
    const r = parseDesadv(text);
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    expect(r.value.masterSscc).toBe(MASTER);
    expect(r.value.packages.map((p) => [p.label, p.sscc, p.customerPartNumber, p.quantity])).toEqual([
      ['C-1', '340123450000000017', 'A0004711', 48],
      ['C-2', '340123450000000024', 'A0004712', 12],
    ]);
  });

  it('the edifact package reads it: four CPS, the master GIN+BJ among the SSCCs', () => {
    const segments = new Reader().parse(text);
    expect(segments.filter((s) => s.name === 'CPS').map((s) => s.elements.map((e) => e[0]))).toEqual([['1'], ['2', '1'], ['3', '2'], ['4', '2']]);
    expect(segments.filter((s) => s.name === 'GIN' && s.elements[0]![0] === 'BJ').map((s) => s.elements[1]![0])).toEqual([MASTER, '340123450000000017', '340123450000000024']);
  });

  it('without a master SSCC the message is exactly the one written before', () => {
    const segments = desadvSegments(plain, AT.preparedAt);
    expect(segments.filter((s) => s[0] === 'CPS')).toEqual([['CPS', '1'], ['CPS', '2', '1'], ['CPS', '3', '1']]);
    expect(segments.some((s) => s[0] === 'GIN' && s[1] === 'BJ' && s[2] === MASTER)).toBe(false);
    const r = parseDesadv(writeDesadv(plain, AT));
    expect(r.ok && r.value.masterSscc).toBeUndefined();
  });
});
