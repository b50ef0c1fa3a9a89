import { describe, expect, it } from 'vitest';
import { parseVda, writeVdaRecord } from '../../../shared/edi/vda/engine';
import { VDA_4905 } from '../../../shared/edi/vda/formats';
import { parseVda4905, parseVda4915 } from '../../../shared/edi/vda/call-offs';
import { record } from './support/fixed-record';

// A VDA 4905 Lieferabruf at the columns of VDA 4905 (issue 4, 1996) as EdiFabric's VDA rules and an ERP's reader give
// them (shared/edi/vda/formats.ts): 511 header, 512 part data (9-digit call-off numbers), 513 last delivery + cumulative
// + 5 date/quantity pairs, 514 continuation, 519 trailer counting 511, 512, 513, 514, 517, 518, 519, 515 in that order.
const R511 = record([1, '511'], [4, '01'], [6, 'AWS000001'], [15, '47110815 '], [24, '00041'], [29, '00042'], [34, '250301'], [40, '000000']);
const R512 = record([1, '512'], [4, '01'], [6, 'W01'], [9, '000000815'], [18, '250301'], [24, '000000814'], [33, '250222'], [39, 'A0004711'], [61, 'HSG-100'], [83, '4500012345'], [95, 'T12'], [104, 'ST']);
const R513 = record([1, '513'], [4, '01'], [6, '250228'], [12, '00012345'], [20, '250227'], [26, '000000000480'], [38, '0000012480'], [48, '000000'], [54, '000000040'], [63, '250303'], [69, '000000480'], [78, '250304'], [84, '000000480']);
const R514 = record([1, '514'], [4, '01'], [6, '250400'], [12, '000009600']);
const trailer519 = (count517: string) =>
  record([1, '519'], [4, '01'], [6, '0000001'], [13, '0000001'], [20, '0000001'], [27, '0000001'], [34, count517], [41, '0000000'], [48, '0000001'], [55, '0000000']);
const R519 = trailer519('0000000');
const FILE = [R511, R512, R513, R514, R519].join('\r\n') + '\r\n';

describe('VDA fixed-record engine', () => {
  it('reads 128-character records with and without line breaks alike', () => {
    const withBreaks = parseVda(FILE, VDA_4905);
    const stream = parseVda([R511, R512, R513, R514, R519].join(''), VDA_4905);
    expect(withBreaks.ok && stream.ok).toBe(true);
    if (!withBreaks.ok || !stream.ok) return;
    expect(stream.value).toEqual(withBreaks.value);
    expect(withBreaks.value[1]!.values).toMatchObject({ plant: 'W01', callOffNew: '000000815', customerPart: 'A0004711', unloadingPoint: 'T12', unit: 'ST' });
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

  it('finds the packaging record 517 counted where 519 counts it, after 514', () => {
    const R517 = record([1, '517'], [4, '01'], [6, '0012'], [50, '0000048']);
    const r = parseVda4905([R511, R512, R513, R514, R517, trailer519('0000001')].join('\r\n'));
    expect(r.ok && r.warnings).toEqual([]);
  });

  it('accepts a trailer that miscounts, with a warning naming the right count', () => {
    const r = parseVda4905(FILE.replace(R519, record([1, '519'], [4, '01'], [6, '0000001'], [13, '0000003'])));
    expect(r.ok).toBe(true);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'vda-trailer-count', tag: '519', expected: '1' }));
  });
});

// A VDA 4915 Feinabruf at the columns of our table (shared/edi/vda/formats.ts): 551 header laid out as 511 (its
// Übertragungsnummer neu in field 06, columns 29–33, as an ERP's field help gives it), 552 part, 553 date/time/quantity
// slots, 559 trailer. No record description of 552–559 was found, so their columns are the table's assumptions.
const F551 = record([1, '551'], [4, '01'], [6, 'AWS000001'], [15, '47110815'], [24, '00007'], [29, '00008'], [34, '250303']);
const F552 = record([1, '552'], [4, '01'], [6, 'W01'], [9, '00301'], [14, '250303'], [20, '00300'], [25, '250302'], [31, 'A0004711'], [53, 'HSG-100'], [75, 'T12'], [80, 'ST'], [82, '0000012480'], [92, '00012345'], [100, '250302']);
const F553 = record([1, '553'], [4, '01'], [6, '250303'], [12, '0600'], [16, '00120'], [21, '250303'], [27, '1400'], [31, '00120']);
const F559 = record([1, '559'], [4, '01'], [6, '0000001'], [13, '0000001'], [20, '0000001']);
const JIT_CALL_OFF = {
  customerPartNumber: 'A0004711',
  scheduleNumber: '301',
  previousScheduleNumber: '300',
  cumulativeReceived: 12480,
  lastDespatch: { deliveryNote: '12345', date: '2025-03-02' },
  lines: [
    { date: '2025-03-03', time: '2025-03-03T06:00', quantity: 120, commitment: 'firm' },
    { date: '2025-03-03', time: '2025-03-03T14:00', quantity: 120, commitment: 'firm' },
  ],
};

describe('VDA 4915 Feinabruf → delivery schedule', () => {
  it('gives every slot as a firm line with its time', () => {
    const r = parseVda4915([F551, F552, F553, F559].join('\n'));
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ format: 'VDA4915', customer: 'AWS000001', supplier: '47110815', reference: 'AWS000001/00008' });
    expect(r.value.schedules[0]).toMatchObject(JIT_CALL_OFF);
  });

  it('reads a dirty file: a BOM, no line breaks, an unknown record type, each with a warning and the same call-off', () => {
    const unknown = record([1, '554'], [4, '01'], [6, 'a record this table does not know']);
    const r = parseVda4915(`\uFEFF${[F551, F552, unknown, F553, F559].join('')}`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => [w.code, w.segment, w.tag])).toEqual([
      ['vda-bom', undefined, undefined],
      ['vda-unknown-record', 3, '554'],
    ]);
    expect(r.value.schedules).toHaveLength(1);
    expect(r.value.schedules[0]).toMatchObject(JIT_CALL_OFF);
  });

  // The 553 layout is unverified (shared/edi/vda/formats.ts): a partner whose slots are laid out otherwise must get a
  // refusal naming the slot, not quantities read from the wrong columns.
  it('refuses a slot time that is no time of day, naming record, slot field and what it expects', () => {
    const bad = record([1, '553'], [4, '01'], [6, '250303'], [12, '0600'], [16, '00120'], [21, '250303'], [27, '2475'], [31, '00120']);
    const r = parseVda4915([F551, F552, bad, F559].join('\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'vda-bad-time', segment: 3, tag: '553', element: 7, expected: 'HHMM, 0000 to 2359' });
  });

  it('refuses a slot quantity without a date instead of dropping it', () => {
    const bad = record([1, '553'], [4, '01'], [6, '250303'], [12, '0600'], [16, '00120'], [31, '00120']);
    const r = parseVda4915([F551, F552, bad, F559].join('\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'vda-bad-date', segment: 3, tag: '553', element: 6, expected: 'YYMMDD' });
  });

  it('refuses a record longer than 128 characters, naming the record', () => {
    const r = parseVda4915([F551, F552, F553.slice(0, 100) + 'X'.repeat(60), F559].join('\r\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'vda-record-length', segment: 3, tag: '553' });
  });
});
