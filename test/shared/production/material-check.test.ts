import { describe, expect, it } from 'vitest';
import type { ScanClassification } from '../../../shared/barcode';
import type { BlockedBatch } from '../../../shared/master-data';
import {
  bookGoodPart,
  bookGoodQuantity,
  checkMaterialScan,
  executionOf,
  foldProductionEvents,
  releasedExecution,
  type OrderExecution,
  type Verdict,
} from '../../../shared/production';
import { materials, order } from './fixtures';
import { createJournal, T0 } from './journal';

const blockedBatches: BlockedBatch[] = [{ id: 'bb-1', materialId: 'm-housing', batch: 'H-BAD', reason: 'cracks found in incoming inspection' }];
const batch = (materialId: string, b: string, extra: { quantity?: number; expiry?: string } = {}): ScanClassification => ({
  kind: 'material-batch',
  materialId,
  batch: b,
  ...extra,
});
const check = (classified: ScanClassification, execution: OrderExecution = releasedExecution(order.id), now = T0) =>
  checkMaterialScan({ classified, order, execution, materials, blockedBatches, now });

describe('checkMaterialScan', () => {
  it.each<{ name: string; scan: ScanClassification; code: string; params?: Record<string, unknown> }>([
    { name: 'a good batch', scan: batch('m-housing', 'H1', { quantity: 200, expiry: '2027-01-01' }), code: 'ok' },
    { name: 'a bulk material of the BOM', scan: batch('m-grease', 'G1'), code: 'ok' },
    { name: 'a badge', scan: { kind: 'badge', operatorId: 'op-1' }, code: 'not-a-material-batch' },
    { name: 'material outside the BOM', scan: batch('m-other', 'X1'), code: 'material-not-in-bom', params: { materialNumber: '5555', orderNumber: 'FA-1001' } },
    { name: 'a blocked batch', scan: batch('m-housing', 'H-BAD'), code: 'batch-blocked', params: { blockReason: 'cracks found in incoming inspection' } },
    { name: 'the same batch number of another material is not blocked', scan: batch('m-pcb', 'H-BAD'), code: 'ok' },
    { name: 'expired yesterday', scan: batch('m-pcb', 'P1', { expiry: '2026-11-24' }), code: 'batch-expired', params: { expiry: '2026-11-24' } },
    { name: 'expires today: still usable', scan: batch('m-pcb', 'P1', { expiry: '2026-11-25' }), code: 'ok' },
    { name: 'quantity zero', scan: batch('m-pcb', 'P1', { quantity: 0 }), code: 'quantity-implausible' },
    { name: 'quantity absurdly above the need (200 × 100)', scan: batch('m-pcb', 'P1', { quantity: 20_001 }), code: 'quantity-implausible', params: { need: 200, max: 20_000 } },
    { name: 'quantity at the plausible limit', scan: batch('m-pcb', 'P1', { quantity: 20_000 }), code: 'ok' },
  ])('$name → $code', ({ scan, code, params }) => {
    const verdict = check(scan);
    expect(verdict.ok ? 'ok' : verdict.reason.code).toBe(code);
    if (!verdict.ok && params) expect(verdict.reason.params).toMatchObject(params);
  });

  it('yields MaterialLoaded with quantity and expiry from the label', () => {
    const verdict = check(batch('m-housing', 'H1', { quantity: 200, expiry: '2027-01-01' }));
    expect(verdict.ok && verdict.events).toEqual([
      { type: 'MaterialLoaded', orderId: 'o-1', payload: { materialId: 'm-housing', batch: 'H1', quantity: 200, expiresAt: '2027-01-01' } },
    ]);
  });

  it('refuses loading into a completed order', () => {
    expect(check(batch('m-housing', 'H1'), { ...releasedExecution(order.id), status: 'completed' })).toMatchObject({ ok: false, reason: { code: 'order-not-active' } });
  });

  it('replaces the loaded batch on a batch change and ignores a repeated scan', () => {
    const j = createJournal();
    const first = check(batch('m-housing', 'H1'));
    let state = foldProductionEvents(j.record(first.ok ? first.events : []));
    const again = check(batch('m-housing', 'H1'), executionOf(state, 'o-1'));
    expect(again).toMatchObject({ ok: true, events: [], alreadyLoaded: true });

    j.advance(3_600_000);
    const change = check(batch('m-housing', 'H2'), executionOf(state, 'o-1'), j.now);
    expect(change).toMatchObject({ ok: true, alreadyLoaded: false, replaced: { batch: 'H1', loadedAt: '2026-11-25T06:00:00.000Z' } });
    state = foldProductionEvents(j.record(change.ok ? change.events : []), state);
    expect(executionOf(state, 'o-1').loaded['m-housing']).toMatchObject({ batch: 'H2', loadedAt: '2026-11-25T07:00:00.000Z' });
  });
});

describe('good parts', () => {
  const running = (over: Partial<OrderExecution> = {}): OrderExecution => ({ ...releasedExecution('o-1'), status: 'started', ...over });
  const code = (v: Verdict) => (v.ok ? 'ok' : v.reason.code);

  it.each<{ name: string; run: () => Verdict; expected: string }>([
    { name: '+1', run: () => bookGoodQuantity(running(), 1), expected: 'ok' },
    { name: '+25 from the pad', run: () => bookGoodQuantity(running(), 25), expected: 'ok' },
    { name: 'zero', run: () => bookGoodQuantity(running(), 0), expected: 'quantity-invalid' },
    { name: 'while paused', run: () => bookGoodQuantity(running({ status: 'paused' }), 1), expected: 'order-not-running' },
    { name: 'a serial', run: () => bookGoodPart(running(), { serial: 'S1' }), expected: 'ok' },
    { name: 'a serial twice', run: () => bookGoodPart(running({ serials: ['S1'] }), { serial: 'S1' }), expected: 'serial-duplicate' },
    { name: 'an empty serial', run: () => bookGoodPart(running(), { serial: ' ' }), expected: 'serial-missing' },
  ])('$name → $expected', ({ run, expected }) => expect(code(run())).toBe(expected));

  it('links a serial to the batches loaded at that moment', () => {
    const j = createJournal();
    let state = foldProductionEvents(
      j.record([
        { type: 'MaterialLoaded', orderId: 'o-1', payload: { materialId: 'm-pcb', batch: 'P1' } },
        { type: 'MaterialLoaded', orderId: 'o-1', payload: { materialId: 'm-housing', batch: 'H1' } },
        { type: 'OrderStarted', orderId: 'o-1', payload: { orderNumber: 'FA-1001', materialId: 'm-product', quantity: 100 } },
      ]),
    );
    const verdict = bookGoodPart(executionOf(state, 'o-1'), { serial: 'SN-1', materialId: 'm-product' });
    expect(verdict.ok && verdict.events).toEqual([
      { type: 'GoodQuantityBooked', orderId: 'o-1', payload: { quantity: 1 } },
      {
        type: 'PartProduced',
        orderId: 'o-1',
        payload: { serial: 'SN-1', materialId: 'm-product', components: [{ materialId: 'm-housing', batch: 'H1' }, { materialId: 'm-pcb', batch: 'P1' }] },
      },
    ]);
    state = foldProductionEvents(j.record(verdict.ok ? verdict.events : []), state);
    expect(executionOf(state, 'o-1')).toMatchObject({ goodQuantity: 1, serials: ['SN-1'] });
  });
});
