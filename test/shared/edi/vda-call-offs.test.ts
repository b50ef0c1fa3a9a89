import { describe, expect, it } from 'vitest';
import { parseVda, writeVdaRecord } from '../../../shared/edi/vda/engine';
import { VDA_4905 } from '../../../shared/edi/vda/formats';
import { parseVda4905, parseVda4915 } from '../../../shared/edi/vda/call-offs';
import { record } from './support/fixed-record';

// A VDA 4905 Lieferabruf written after the record descriptions of VDA 4905 (issue 4, 1996):
// 511 header, 512 part data, 513 last delivery + cumulative + 5 date/quantity pairs, 514 continuation, 519 trailer.
const R511 = record([1, '511'], [4, '01'], [6, 'AWS000001'], [15, '47110815 '], [24, '00041'], [29, '00042'], [34, '250301']);
const R512 = record([1, '512'], [4, '01'], [6, 'W01'], [9, '0815'], [13, '250301'], [19, '0814'], [23, '250222'], [29, 'A0004711'], [51, 'HSG-100'], [73, '4500012345'], [85, 'T12'], [94, 'ST']);
const R513 = record([1, '513'], [4, '01'], [6, '250228'], [12, '00012345'], [20, '250227'], [26, '000000000480'], [38, '0000012480'], [48, '000000'], [54, '000000040'], [63, '250303'], [69, '000000480'], [78, '250304'], [84, '000000480']);
const R514 = record([1, '514'], [4, '01'], [6, '250400'], [12, '000009600']);
const R519 = record([1, '519'], [4, '01'], [6, '0000001'], [13, '0000001'], [20, '0000001'], [27, '0000001']);
const FILE = [R511, R512, R513, R514, R519].join('\r\n') + '\r\n';

describe('VDA fixed-record engine', () => {
  it('reads 128-character records with and without line breaks alike', () => {
    const withBreaks = parseVda(FILE, VDA_4905);
    const stream = parseVda([R511, R512, R513, R514, R519].join(''), VDA_4905);
    expect(withBreaks.ok && stream.ok).toBe(true);
    if (!withBreaks.ok || !stream.ok) return;
    expect(stream.value).toEqual(withBreaks.value);
    expect(withBreaks.value[1]!.values).toMatchObject({ plant: 'W01', callOffNew: '0815', customerPart: 'A0004711', unloadingPoint: 'T12', unit: 'ST' });
  });

  it('pads a line a gateway trimmed, skips a BOM and an unknown record, each with a warning', () => {
    const trimmed = `\uFEFF${[R511, R512.trimEnd(), record([1, '599'], [4, '01']), R513, R514, R519].join('\n')}`;
    const r = parseVda4905(trimmed);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['vda-bom', 'vda-record-short', 'vda-unknown-record']);
  });

  it('refuses a non-numeric numeric field naming record, field and what it expects', () => {
    const bad = FILE.replace(R513, R513.slice(0, 53) + '0000O0040' + R513.slice(62));
    const r = parseVda4905(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'vda-not-numeric', segment: 3, tag: '513', element: 9, expected: '9 digits' });
  });

  it('writes a record to exactly 128 characters and reads it back', () => {
    const line = writeVdaRecord(VDA_4905, '511', '01', { customerNumber: 'AWS000001', supplierNumber: '47110815', transmissionOld: 41, transmissionNew: 42, transmissionDate: '250301' });
    expect(line).toBe(R511);
    expect(() => writeVdaRecord(VDA_4905, '511', '01', { customerNumber: 'A-NAME-TOO-LONG' })).toThrow(/longer than 9/);
  });
});

describe('VDA 4905 Lieferabruf → delivery schedule', () => {
  it('gives the part, the last delivery, the cumulative received quantity and firm/forecast lines', () => {
    const r = parseVda4905(FILE);
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ format: 'VDA4905', customer: 'AWS000001', supplier: '47110815', reference: 'AWS000001/00042' });
    expect(r.value.schedules).toEqual([
      {
        customerPartNumber: 'A0004711',
        supplierPartNumber: 'HSG-100',
        customerPlant: 'W01',
        unloadingPoint: 'T12',
        orderNumber: '4500012345',
        scheduleNumber: '815',
        scheduleDate: '2025-03-01',
        previousScheduleNumber: '814',
        unit: 'ST',
        cumulativeReceived: 12480,
        lastDespatch: { deliveryNote: '12345', date: '2025-02-28', quantity: 480 },
        lines: [
          { date: '', dateKind: 'backlog', quantity: 40, commitment: 'firm' },
          { date: '2025-03-03', dateKind: 'day', quantity: 480, commitment: 'firm' },
          { date: '2025-03-04', dateKind: 'day', quantity: 480, commitment: 'firm' },
          { date: '2025-04-01', dateKind: 'month', quantity: 9600, commitment: 'forecast' },
        ],
      },
    ]);
  });

  it('accepts a trailer that miscounts, with a warning naming the right count', () => {
    const r = parseVda4905(FILE.replace(R519, record([1, '519'], [4, '01'], [6, '0000001'], [13, '0000003'])));
    expect(r.ok).toBe(true);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'vda-trailer-count', tag: '519', expected: '1' }));
  });
});

// A VDA 4915 Feinabruf after its record descriptions: 551 header, 552 part, 553 date/time/quantity slots, 559 trailer.
describe('VDA 4915 Feinabruf → delivery schedule', () => {
  it('gives every slot as a firm line with its time', () => {
    const text = [
      record([1, '551'], [4, '01'], [6, 'AWS000001'], [15, '47110815'], [24, '00007'], [29, '00008'], [34, '250303']),
      record([1, '552'], [4, '01'], [6, 'W01'], [9, '00301'], [14, '250303'], [20, '00300'], [25, '250302'], [31, 'A0004711'], [53, 'HSG-100'], [75, 'T12'], [80, 'ST'], [82, '0000012480'], [92, '00012345'], [100, '250302']),
      record([1, '553'], [4, '01'], [6, '250303'], [12, '0600'], [16, '00120'], [21, '250303'], [27, '1400'], [31, '00120']),
      record([1, '559'], [4, '01'], [6, '0000001'], [13, '0000001'], [20, '0000001']),
    ].join('\n');
    const r = parseVda4915(text);
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    expect(r.value.schedules[0]).toMatchObject({
      customerPartNumber: 'A0004711',
      scheduleNumber: '301',
      cumulativeReceived: 12480,
      lastDespatch: { deliveryNote: '12345', date: '2025-03-02' },
      lines: [
        { date: '2025-03-03', time: '2025-03-03T06:00', quantity: 120, commitment: 'firm' },
        { date: '2025-03-03', time: '2025-03-03T14:00', quantity: 120, commitment: 'firm' },
      ],
    });
  });
});
