import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDelfor } from '../../../shared/edi/messages/delfor';
import { parseDeljit } from '../../../shared/edi/messages/deljit';
import { readEdiMessage } from '../../../shared/edi/read';

// Files written for these tests from the UN/EDIFACT message directories: DELFOR D.96A (segment groups
// LIN/PIA/LOC/RFF, QTY+DTM, SCC+QTY+DTM), DELJIT D.04B and D.97A as VDA 4986 uses it (SEQ → DTM/GIR/LOC → LIN/PIA/QTY).
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/edi/${name}`, import.meta.url), 'utf8');

describe('DELFOR → delivery schedules', () => {
  it('reads cumulative received quantity, last despatch note, firm and forecast lines per part', () => {
    const r = parseDelfor(fixture('delfor-d96a.edi'));
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ format: 'DELFOR', customer: 'AWS000001', supplier: '47110815', reference: 'DF000123' });
    const [first, second] = r.value.schedules;
    expect(first).toEqual({
      customerPartNumber: 'A0004711',
      supplierPartNumber: 'HSG-100',
      customerPlant: 'W01',
      unloadingPoint: 'T12',
      orderNumber: '4500012345',
      scheduleNumber: 'SCHED-815',
      scheduleDate: '2025-03-01',
      unit: 'PCE',
      cumulativeReceived: 12480,
      lastDespatch: { deliveryNote: '12345', quantity: 480, date: '2025-02-28' },
      lines: [
        { date: '2025-03-03', dateKind: 'day', quantity: 480, commitment: 'firm' },
        { date: '2025-03-04', dateKind: 'day', quantity: 480, commitment: 'firm' },
        { date: '2025-03-10', dateKind: 'week', quantity: 2400, commitment: 'forecast' },
        { date: '2025-04-01', dateKind: 'month', quantity: 9600, commitment: 'forecast' },
      ],
    });
    expect(second).toMatchObject({ customerPartNumber: 'A0004712', cumulativeReceived: 300, lines: [{ date: '2025-03-03', quantity: 60, commitment: 'firm' }] });
  });

  it('reads D.97A and D.04A the same way and refuses another directory naming UNH 2.3', () => {
    for (const release of ['97A', '04A']) expect(parseDelfor(fixture('delfor-d96a.edi').replace('D:96A', `D:${release}`)).ok).toBe(true);
    const r = parseDelfor(fixture('delfor-d96a.edi').replace('D:96A', 'D:01B'));
    expect(!r.ok && r.error).toMatchObject({ code: 'edi-directory', segment: 2, tag: 'UNH', element: 2, component: 3 });
  });

  it('refuses a quantity that is no number, naming segment and component', () => {
    const r = parseDelfor(fixture('delfor-d96a.edi').replace('QTY+1:480:PCE', 'QTY+1:4S0:PCE'));
    expect(!r.ok && r.error).toMatchObject({ code: 'edi-not-numeric', segment: 18, tag: 'QTY', element: 1, component: 2 });
  });

  it('skips unknown segments and reads the rest', () => {
    const r = parseDelfor(fixture('delfor-d96a.edi').replace("LOC+11+T12'", "LOC+11+T12'\nZZZ+WHATEVER'").replace('UNT+32', 'UNT+33'));
    expect(r.ok && r.warnings).toEqual([]);
  });
});

describe('DELJIT → JIS sequence positions', () => {
  it('reads SEQ → DTM/GIR/LOC → LIN/PIA/QTY into positions', () => {
    const r = parseDeljit(fixture('deljit-d04b.edi'));
    expect(r.ok && r.warnings).toEqual([]);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ format: 'DELJIT', customer: 'AWS000001', callOffNumber: 'CO-5501', function: 'original', shipTo: 'W01', reference: 'DJ000777' });
    expect(r.value.positions).toEqual([
      { sequenceNumber: 1001, vehicleNumber: 'WVWZZZ1KZAW000101', customerPartNumber: '5Q0-857-001-A', variant: 'schwarz', quantity: 1, dueTime: '2025-03-03T08:00:00', unloadingPoint: 'Tor 3', rack: '', action: 'added' },
      { sequenceNumber: 1002, vehicleNumber: 'WVWZZZ1KZAW000102', customerPartNumber: '5Q0-857-001-B', variant: 'grau', quantity: 1, dueTime: '2025-03-03T08:02:00', unloadingPoint: 'Tor 3', rack: 'R1', action: 'added' },
      { sequenceNumber: 1003, vehicleNumber: 'WVWZZZ1KZAW000103', customerPartNumber: '5Q0-857-002', variant: 'beige', quantity: 1, dueTime: '2025-03-03T08:04:00', unloadingPoint: 'Tor 4', rack: '', action: 'added' },
    ]);
  });

  it('reads a D.97A change without line breaks and a wrong UNT count (warned): changed, deleted, added', () => {
    const r = parseDeljit(fixture('deljit-d97a-revision.edi'));
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'edi-unt-count', tag: 'UNT', expected: '16' })]);
    if (!r.ok) return;
    expect(r.value.function).toBe('change');
    expect(r.value.positions.map((p) => [p.sequenceNumber, p.action, p.customerPartNumber])).toEqual([
      [1002, 'changed', '5Q0-857-002'],
      [1003, 'deleted', ''],
      [1004, 'added', '5Q0-857-001-A'],
    ]);
  });

  it.each([
    ['a sequence number that is not one', (t: string) => t.replace('SEQ+1+1002', 'SEQ+1+10O2'), { code: 'edi-bad-sequence-number', segment: 15, tag: 'SEQ', element: 2, component: 1 }],
    ['a position without a part', (t: string) => t.replace("LIN+++5Q0-857-001-B:IN'", ''), { code: 'edi-no-part', segment: 15, tag: 'SEQ' }],
    ['a bad time', (t: string) => t.replace('202503030802:203', '2025030308:203'), { code: 'edi-bad-date', segment: 16, tag: 'DTM', element: 1, component: 2, expected: 'CCYYMMDDHHMM' }],
    ['an unknown action', (t: string) => t.replace('SEQ+1+1003', 'SEQ+7+1003'), { code: 'edi-bad-action', segment: 21, element: 1 }],
  ])('refuses %s with the segment at fault', (_name, edit, expected) => {
    const r = parseDeljit(edit(fixture('deljit-d04b.edi')));
    expect(!r.ok && r.error).toMatchObject(expected);
  });
});

describe('readEdiMessage picks the reader by syntax and type', () => {
  it('knows DELFOR, DELJIT and refuses what it cannot read, saying what it reads', () => {
    expect(readEdiMessage(fixture('delfor-d96a.edi')).ok && readEdiMessage(fixture('delfor-d96a.edi'))).toMatchObject({ value: { format: 'DELFOR' } });
    expect(readEdiMessage(`\uFEFF${fixture('deljit-d04b.edi')}`)).toMatchObject({ ok: true, value: { format: 'DELJIT' } });
    expect(readEdiMessage(fixture('delfor-d96a.edi').replace('DELFOR:', 'INVOIC:'))).toMatchObject({ ok: false, error: { code: 'edi-unsupported-message', segment: 2 } });
    expect(readEdiMessage('hello')).toMatchObject({ ok: false, error: { code: 'edi-unknown-format' } });
  });
});
