import { describe, expect, it } from 'vitest';
import {
  blockedLoads,
  completeCounted,
  correctGoodQuantity,
  executionOf,
  foldProductionEvents,
  overrideBlockedLoad,
  packParts,
  refuseIfBlockedLoad,
  unpackedQuantity,
  type DomainEvent,
  type ProductionState,
  type Verdict,
} from '../../../shared/production';
import type { BlockedBatch } from '../../../shared/master-data';
import { order } from './fixtures';
import { createJournal } from './journal';

/**
 * Counts that add up: a count that differs from the bookings is a question
 * and then an explicit correction, good parts in no container are packed or
 * named, and a loaded batch blocked afterwards stops the order until it is
 * replaced or a shift lead overrides.
 */

const blocked: BlockedBatch[] = [{ id: 'BB-1', materialId: 'm-housing', batch: 'H-BLOCK-7', reason: 'Quality hold' }];
const approval = { approvedBy: 'op-lead', role: 'shift-lead' as const, reason: 'recounted' };

function running() {
  const j = createJournal();
  let state: ProductionState = foldProductionEvents(
    j.record([
      { type: 'MaterialLoaded', orderId: 'o-1', payload: { materialId: 'm-housing', batch: 'H-BLOCK-7' } },
      { type: 'OrderStarted', orderId: 'o-1', payload: { orderNumber: 'FA-1001', materialId: 'm-product', quantity: 100 } },
    ]),
  );
  let n = 0;
  const r = {
    get state() {
      return state;
    },
    get execution() {
      return executionOf(state, 'o-1');
    },
    apply(v: Verdict | DomainEvent[]) {
      const events = Array.isArray(v) ? v : v.ok ? v.events : (() => { throw new Error(v.reason.code); })();
      state = foldProductionEvents(j.record(events), state);
    },
    book(quantity: number) {
      r.apply([{ type: 'GoodQuantityBooked', orderId: 'o-1', payload: { quantity } }]);
      r.apply(packParts({ state, execution: r.execution, capacity: 20, quantity, nextContainerId: () => `C${++n}` }));
    },
  };
  return r;
}

const code = (v: Verdict) => (v.ok ? 'ok' : v.reason.code);

describe('completion with a counted quantity', () => {
  it.each<{ name: string; booked: number; counted: number; where?: string; expected: string; params?: object }>([
    { name: 'count equals bookings, all packed', booked: 20, counted: 20, expected: 'ok' },
    { name: 'two more counted than booked (finding 13.10)', booked: 20, counted: 22, expected: 'count-differs', params: { counted: 22, booked: 20, delta: 2 } },
    { name: 'fewer counted than booked', booked: 20, counted: 18, expected: 'count-differs', params: { delta: -2 } },
    { name: 'booked parts in no container', booked: 22, counted: 22, expected: 'parts-unpacked', params: { quantity: 2 } },
    { name: 'unpacked parts, named', booked: 22, counted: 22, where: 'rework', expected: 'ok' },
  ])('$name → $expected', ({ booked, counted, where, expected, params }) => {
    const r = running();
    r.apply([{ type: 'BlockedBatchOverridden', orderId: 'o-1', payload: { materialId: 'm-housing', batch: 'H-BLOCK-7', reason: 'sorted', approvedBy: 'op-lead' } }]);
    r.book(Math.min(booked, 20));
    if (booked > 20) r.apply([{ type: 'GoodQuantityBooked', orderId: 'o-1', payload: { quantity: booked - 20 } }]);
    const v = completeCounted({ order, state: r.state, execution: r.execution, countedGood: counted, blockedBatches: blocked, ...(where ? { unpackedWhere: where } : {}) });
    expect(code(v)).toBe(expected);
    if (!v.ok && params) expect(v.reason.params).toMatchObject(params);
    if (v.ok) expect(v.events.map((e) => e.type)).toEqual(['OrderCompleted']);
  });

  it('books +2 as GoodQuantityCorrected, then asks for the 2 parts in no container, then completes naming where they are', () => {
    const r = running();
    r.apply([{ type: 'BlockedBatchOverridden', orderId: 'o-1', payload: { materialId: 'm-housing', batch: 'H-BLOCK-7', reason: 'sorted', approvedBy: 'op-lead' } }]);
    r.book(20);
    const correction = correctGoodQuantity({ state: r.state, execution: r.execution, correctedTo: 22, kind: 'count', approvalThreshold: 5 });
    expect(correction.ok && correction.events).toEqual([{ type: 'GoodQuantityCorrected', orderId: 'o-1', payload: { delta: 2, kind: 'count', correctedTo: 22 } }]);
    r.apply(correction);
    expect(r.execution.goodQuantity).toBe(22);
    expect(unpackedQuantity(r.state, r.execution)).toBe(2);
    const done = completeCounted({ order, state: r.state, execution: r.execution, countedGood: 22, blockedBatches: blocked, unpackedWhere: 'rework' });
    expect(done.ok && done.events).toEqual([{ type: 'OrderCompleted', orderId: 'o-1', payload: { short: true, unpacked: { quantity: 2, where: 'rework' } } }]);
  });
});

describe('correcting the good quantity', () => {
  it.each<{ name: string; to: number; threshold?: number; approved?: boolean; expected: string }>([
    { name: 'a wrong booking corrected down', to: 25, expected: 'ok' },
    { name: 'below what closed containers hold', to: 19, expected: 'correction-below-packed' },
    { name: 'no change', to: 30, expected: 'correction-unchanged' },
    { name: 'above the threshold without a shift lead', to: 40, threshold: 5, expected: 'correction-needs-approval' },
    { name: 'above the threshold with a shift lead', to: 40, threshold: 5, approved: true, expected: 'ok' },
    { name: 'a fraction', to: 22.5, expected: 'quantity-invalid' },
  ])('$name → $expected', ({ to, threshold, approved, expected }) => {
    const r = running();
    r.apply([{ type: 'BlockedBatchOverridden', orderId: 'o-1', payload: { materialId: 'm-housing', batch: 'H-BLOCK-7', reason: 'sorted', approvedBy: 'op-lead' } }]);
    r.book(20);
    r.apply([{ type: 'GoodQuantityBooked', orderId: 'o-1', payload: { quantity: 10 } }]);
    const v = correctGoodQuantity({ state: r.state, execution: r.execution, correctedTo: to, kind: 'booking', ...(threshold !== undefined ? { approvalThreshold: threshold } : {}), ...(approved ? { approval } : {}) });
    expect(code(v)).toBe(expected);
    if (!v.ok) return;
    r.apply(v);
    expect(r.execution.goodQuantity).toBe(to);
    if (approved) expect(v.events[0]?.payload).toMatchObject({ approvedBy: 'op-lead', reason: 'recounted' });
  });

  it('takes the parts a wrong booking packed back out of the open container, never out of a closed one', () => {
    const r = running();
    r.apply([{ type: 'BlockedBatchOverridden', orderId: 'o-1', payload: { materialId: 'm-housing', batch: 'H-BLOCK-7', reason: 'sorted', approvedBy: 'op-lead' } }]);
    r.book(20);
    r.book(9);
    const open = r.execution.openContainerId!;
    const v = correctGoodQuantity({ state: r.state, execution: r.execution, correctedTo: 22, kind: 'booking' });
    expect(v.ok && v.events[0]?.payload).toEqual({ delta: -7, kind: 'booking', correctedTo: 22, fromContainer: { containerId: open, quantity: 7 } });
    r.apply(v);
    expect(r.state.containers[open]?.quantity).toBe(2);
    expect(unpackedQuantity(r.state, r.execution)).toBe(0);
    const refused = correctGoodQuantity({ state: r.state, execution: r.execution, correctedTo: 19, kind: 'booking' });
    expect(refused.ok ? null : refused.reason).toMatchObject({ code: 'correction-below-packed', params: { packed: 20 } });
  });
});

describe('a loaded batch that becomes blocked', () => {
  it('is listed, refuses good bookings and completion, and is released by a shift-lead override or a new batch', () => {
    const r = running();
    expect(blockedLoads(r.execution, [])).toEqual([]);
    expect(blockedLoads(r.execution, blocked)).toEqual([{ materialId: 'm-housing', batch: 'H-BLOCK-7', blockReason: 'Quality hold', overridden: false }]);
    expect(refuseIfBlockedLoad(r.execution, blocked)?.reason).toMatchObject({ code: 'loaded-batch-blocked', params: { batch: 'H-BLOCK-7', blockReason: 'Quality hold' } });
    expect(code(completeCounted({ order, state: r.state, execution: r.execution, countedGood: 0, blockedBatches: blocked }))).toBe('loaded-batch-blocked');

    const override = overrideBlockedLoad({ execution: r.execution, materialId: 'm-housing', blockedBatches: blocked, approval });
    expect(override.ok && override.events).toEqual([
      { type: 'BlockedBatchOverridden', orderId: 'o-1', payload: { materialId: 'm-housing', batch: 'H-BLOCK-7', blockReason: 'Quality hold', reason: 'recounted', approvedBy: 'op-lead' } },
    ]);
    r.apply(override);
    expect(refuseIfBlockedLoad(r.execution, blocked)).toBeNull();
    expect(blockedLoads(r.execution, blocked)[0]?.overridden).toBe(true);
    expect(code(overrideBlockedLoad({ execution: r.execution, materialId: 'm-pcb', blockedBatches: blocked, approval }))).toBe('batch-not-blocked');

    // The override is for that batch: the same material's next blocked batch stops the order again.
    r.apply([{ type: 'MaterialLoaded', orderId: 'o-1', payload: { materialId: 'm-housing', batch: 'H-BLOCK-8' } }]);
    const both = [...blocked, { id: 'BB-2', materialId: 'm-housing', batch: 'H-BLOCK-8', reason: 'Recall' }];
    expect(refuseIfBlockedLoad(r.execution, both)?.reason.params).toMatchObject({ batch: 'H-BLOCK-8' });
    r.apply([{ type: 'MaterialLoaded', orderId: 'o-1', payload: { materialId: 'm-housing', batch: 'H-GOOD' } }]);
    expect(refuseIfBlockedLoad(r.execution, both)).toBeNull();
  });
});
