import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/barcode/label-vectors.json';
import { scan, pairs } from './helpers';

describe('label vectors (test/fixtures/barcode/label-vectors.json)', () => {
  it.each(fixture.vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const r = scan(v.scan);
    expect(r.ok ? null : r.error).toBeNull();
    expect(r).toMatchObject({ scheme: v.scheme, symbology: v.symbology });
    expect(pairs(r)).toEqual(v.elements);
    if (r.ok) expect(r.fields).toEqual(v.fields);
  });
});

describe('single-field DI heuristic keeps plain codes plain', () => {
  it.each(['B-1001', 'ORD-2026-0001', 'PALLET-7', 'Station1', 'Q12A', 'SHIFT-A', 'P', 'H-17', 'V 12', 'hello world', '4711'])(
    '%s',
    (raw) => {
      expect(scan(raw)).toMatchObject({ ok: true, scheme: 'plain', elements: [{ id: 'raw', value: raw }] });
    },
  );

  it.each([['P4711-A', 'P'], ['N123456', 'N'], ['Q12.5', 'Q'], [']C0S0042', 'S']])('%s is a DI code', (raw, id) => {
    expect(scan(raw)).toMatchObject({ ok: true, scheme: 'di', elements: [{ id }] });
  });

  it('does not read DI codes out of QR or DataMatrix symbols', () => {
    expect(scan(']Q1P12345')).toMatchObject({ scheme: 'plain' });
  });
});
