import { describe, expect, it } from 'vitest';
import { classifyScan, type ScanContext } from '../../../shared/barcode';
import { scan } from './helpers';

const context: ScanContext = {
  operators: [{ id: 'op-1', badge: 'B-1001' }],
  orders: [{ id: 'o-1', number: 'ORD-2026-0001' }],
  materials: [
    { id: 'm-1', number: '4711', gtin: '9501101530003', barcodeRules: [{ kind: 'prefix', prefix: 'CH-' }] },
    {
      id: 'm-2',
      number: '0815',
      barcodeRules: [
        { kind: 'pattern', regex: '([bad' },
        { kind: 'pattern', regex: '^M2-(?<batch>[0-9]+)(?:/(?<quantity>[0-9]+))?$' },
        { kind: 'pattern', regex: '^SN-(?<serial>[0-9]+)$' },
      ],
    },
    {
      id: 'm-3',
      number: 'X-3',
      barcodeRules: [
        { kind: 'part-number', value: '4711-0815' },
        { kind: 'gtin', gtin: '04006381333931' },
      ],
    },
  ],
};

describe('classifyScan', () => {
  it.each([
    ['B-1001', { kind: 'badge', operatorId: 'op-1' }],
    ['ORD-2026-0001', { kind: 'order', orderId: 'o-1' }],
    [']C10109501101530003172512311012345A', { kind: 'material-batch', materialId: 'm-1', batch: '12345A', expiry: '2025-12-31' }],
    ['(01)09501101530003(10)L7(30)25', { kind: 'material-batch', materialId: 'm-1', batch: 'L7', quantity: 25 }],
    ['(01)09501101530003(21)SN77', { kind: 'part-serial', serial: 'SN77', materialId: 'm-1' }],
    ['(01)09506000134352(21)SN78', { kind: 'part-serial', serial: 'SN78' }],
    [']C100006141411234567890', { kind: 'container', id: '006141411234567890' }],
    ['[)><RS>06<GS>1JUN081234567000000042<GS>P4711-0815<GS>Q10<RS><EOT>', { kind: 'container', id: 'UN081234567000000042' }],
    ['[)><RS>06<GS>P4711-0815<GS>Q10<GS>1T2026-1<RS><EOT>', { kind: 'material-batch', materialId: 'm-3', batch: '2026-1', quantity: 10 }],
    ['S123', { kind: 'container', id: '123' }],
    ['CH-2024-7', { kind: 'material-batch', materialId: 'm-1', batch: 'CH-2024-7' }],
    ['M2-42/6', { kind: 'material-batch', materialId: 'm-2', batch: '42', quantity: 6 }],
    ['SN-991', { kind: 'part-serial', serial: '991', materialId: 'm-2' }],
  ])('%s', (raw, expected) => {
    expect(classifyScan(scan(raw), context)).toEqual(expected);
  });

  it.each([
    ['P4711-0815', /material X-3 .*no batch or serial/],
    [']E04006381333931', /material X-3/],
    ['(01)09506000134352(10)B1', /No material is set up for 09506000134352/],
    ['zzz', /matches no operator/],
    [']C10109501101530004', /check digit/],
  ])('%s is unknown', (raw, reason) => {
    const c = classifyScan(scan(raw), context);
    expect(c.kind).toBe('unknown');
    expect(c.kind === 'unknown' && c.reason).toMatch(reason);
  });

  it('survives a bad regular expression in master data', () => {
    const bad: ScanContext = { ...context, materials: [{ id: 'm', number: 'n', barcodeRules: [{ kind: 'pattern', regex: '(?<' }] }] };
    expect(classifyScan(scan('anything'), bad)).toMatchObject({ kind: 'unknown' });
  });
});
