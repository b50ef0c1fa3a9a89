import { describe, expect, it } from 'vitest';
import type { DespatchAdvice } from '../../../shared/edi/messages/desadv';
import { parseVda, VDA_RECORD_LENGTH } from '../../../shared/edi/vda/engine';
import { VDA_4913 } from '../../../shared/edi/vda/formats';
import { writeVda4913 } from '../../../shared/edi/vda/vda4913';
import { parseVda4913 } from '../../../shared/edi/vda/vda4913-read';
import { record } from './support/fixed-record';

/**
 * VDA 4913 with the master handling unit of a mixed load. The expected
 * records are written column by column from the sources cited in
 * shared/edi/vda/format-4913.ts (an ERP's 4913 writer for 711–714, a
 * warehouse system's 715 field order, a Daimler supplier's 715 lengths,
 * Volkswagen's guide for 715/03 at columns 6–27), independently of the
 * engine's table. No published example file was found to copy a record from.
 */

const MASTER = '340123450000005007';
const MIXED: DespatchAdvice = {
  profile: 'D96A',
  deliveryNoteNumber: '40001235',
  shipmentId: 'SH-8',
  despatchedAt: '2025-03-03T09:30:00.000Z',
  supplier: { number: '47110815', name: 'Takt Werk Nord' },
  customer: { id: 'AWS', name: 'Autowerk Süd' },
  shipTo: { name: 'Autowerk Süd Werk 1', unloadingPoint: 'Tor 3' },
  carrier: 'Spedition Maier',
  vehicleId: 'M-XY 123',
  grossWeightKg: 412.5,
  masterSscc: MASTER,
  items: [
    { containerId: '000000004711', sscc: '340123450000000017', materialId: 'M-HSG', customerPartNumber: 'A0004711', quantity: 48, batches: [{ batch: 'B-100' }], packagingType: '0012' },
    { containerId: '000000004712', sscc: '340123450000000024', materialId: 'M-HSG', customerPartNumber: 'A0004711', quantity: 40, batches: [{ batch: 'B-100' }], packagingType: '0012' },
    { containerId: '123456789', materialId: 'M-SEAT', customerPartNumber: 'A0004712', quantity: 12, batches: [], packagingType: 'VW0001' },
  ],
};
const ENVELOPE = { transmissionOld: 6, transmissionNew: 7, shipmentNumber: '40001235' };
const written = () => writeVda4913(MIXED, ENVELOPE);
const lines = (text: string) => text.split('\r\n').filter((l) => l !== '');

describe('VDA 4913 of a mixed load under a master label', () => {
  it('our own reader gives back the same shipment: the master SSCC, every package with part, quantity, batches, SSCC', () => {
    const r = parseVda4913(written());
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ customer: 'AWS', supplier: '47110815', transmissionNew: 7, shipmentNumber: '40001235', deliveryNoteNumber: '40001235', unloadingPoint: 'Tor 3', masterSscc: MASTER });
    expect(r.value.packages).toEqual(
      MIXED.items.map((i) => ({
        label: i.containerId,
        ...(i.containerId.length <= 9 ? { packageNumber: i.containerId } : {}),
        ...(i.sscc ? { sscc: i.sscc } : {}),
        packagingType: i.packagingType,
        customerPartNumber: i.customerPartNumber,
        materialId: i.materialId,
        quantity: i.quantity,
        batches: i.batches.map((b) => b.batch),
      })),
    );
  });

  it('writes every record exactly 128 characters, CR LF after each, in the order 711 712 713 (714 715…) 719', () => {
    const text = written();
    expect(text.endsWith('\r\n')).toBe(true);
    const all = lines(text);
    expect(all.every((l) => l.length === VDA_RECORD_LENGTH)).toBe(true);
    expect(all.map((l) => l.slice(0, 5))).toEqual(['71103', '71203', '71303', '71403', '71503', '71503', '71503', '71403', '71503', '71902']);
  });

  it('puts the master after the first position as a 715 of its own: Label-Kennung G, one pallet, its SSCC', () => {
    const master = lines(written())[4]!;
    expect(master).toBe(
      record([1, '715'], [4, '03'], [6, 'PX'], [50, '0000001'], [57, '001'], [60, '0000000000000'], [73, '000000000'], [82, '000000000'], [91, '000000000000'], [103, '0'], [108, 'G'], [111, MASTER]),
    );
  });

  it('writes a package and its position at the columns of the cited descriptions', () => {
    const all = lines(written());
    // 714: part 6–27, supplier part 28–49, country 50–52, quantity 53–65 (3 decimals), unit 66–67, position 87–89, batch 91–105.
    expect(all[3]).toBe(
      record([1, '714'], [4, '03'], [6, 'A0004711'], [28, 'M-HSG'], [50, '000'], [53, '0000000088000'], [66, 'ST'], [68, '0000000000000'], [83, '000'], [87, '001'], [91, 'B-100']),
    );
    // 715: packaging 6–27 (Volkswagen), count 50–56, position 57–59, Füllmenge 60–72, package number from/to 73–81/82–90, Label-Kennung 108.
    expect(all[7]).toBe(record([1, '714'], [4, '03'], [6, 'A0004712'], [28, 'M-SEAT'], [50, '000'], [53, '0000000012000'], [66, 'ST'], [68, '0000000000000'], [83, '000'], [87, '002']));
    expect(all[8]).toBe(
      record([1, '715'], [4, '03'], [6, 'VW0001'], [28, '123456789'], [50, '0000001'], [57, '002'], [60, '0000000012000'], [73, '123456789'], [82, '123456789'], [91, '000000000000'], [103, '0'], [108, 'S']),
    );
  });

  it('writes the transport and delivery note at their columns: 712 carrier 17–30, vehicle 78–102; 713 note 6–13, unloading point 20–24', () => {
    const all = lines(written());
    expect(all[1]!.slice(5, 13)).toBe('40001235');
    expect(all[1]!.slice(16, 30)).toBe('Spedition Maie');
    expect(all[1]!.slice(30, 40)).toBe('2503030930');
    expect(all[1]!.slice(40, 47)).toBe('0000413');
    expect(all[1]!.slice(57, 61)).toBe('0004');
    expect(all[1]!.slice(77, 102).trimEnd()).toBe('M-XY 123');
    expect(all[2]!.slice(5, 24)).toBe('40001235250303Tor 3');
  });

  it('counts the records in 719 in its own order: 711 712 713 714 715 716 718 719 717', () => {
    expect(lines(written())[9]).toBe(
      record([1, '719'], [4, '02'], [6, '0000001'], [13, '0000001'], [20, '0000001'], [27, '0000002'], [34, '0000004'], [41, '0000000'], [48, '0000000'], [55, '0000001'], [62, '0000000']),
    );
  });

  it('without a master SSCC writes no load-carrier record and reads back no master', () => {
    const { masterSscc: _none, ...single } = MIXED;
    const text = writeVda4913(single, ENVELOPE);
    const parsed = parseVda(text, VDA_4913);
    expect(parsed.ok && parsed.value.filter((x) => x.type === '715').map((x) => x.values.labelKind)).toEqual(['S', 'S', 'S']);
    const r = parseVda4913(text);
    expect(r.ok && r.value.masterSscc).toBeUndefined();
    expect(r.ok && r.value.packages).toHaveLength(3);
  });

  // 715 fields 04, 05, 08, 09 and 12 have no cited length (shared/edi/vda/format-4913.ts); a Daimler supplier's schema
  // calls Anzahl Packmittel N13, not our 7. A 715 laid out that way shifts every later field by six columns: the reader
  // must refuse it, naming the field, rather than book Füllmenge and package numbers from the wrong columns.
  it('refuses a 715 whose Label-Kennung column holds no label code, as a record with a 13-digit package count would', () => {
    const shifted = record([1, '715'], [4, '03'], [6, '0012'], [28, '000000004711'], [50, '0000000000001'], [63, '001'], [66, '0000000048000'], [79, '000000000'], [88, '000000000'], [97, '040030002005'], [109, '1'], [114, 'S']);
    const text = lines(written()).map((l, i) => (i === 5 ? shifted : l)).join('\r\n');
    const r = parseVda4913(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'vda-bad-code', segment: 6, tag: '715', element: 13, expected: 'S, M, G or blank' });
  });

  it('warns when the trailer miscounts the packages', () => {
    const text = written().replace(/^719.*$/m, (l) => l.slice(0, 33) + '0000009' + l.slice(40));
    const r = parseVda4913(text);
    expect(r.ok).toBe(true);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'vda-trailer-count', tag: '719', expected: '4' }));
  });
});
