import { describe, expect, it } from 'vitest';
import {
  canStart,
  completeCounted,
  correctGoodQuantity,
  executionOf,
  foldProductionEvents,
  handOverOrder,
  pauseOrder,
  releasedExecution,
  resumeOrder,
  startOrder,
  type LoadedBatch,
  type OrderExecution,
  type Verdict,
} from '../../../shared/production';
import { materials, operators, order } from './fixtures';
import type { ProductionState } from '../../../shared/production';

const noState: ProductionState = foldProductionEvents([]);
/** Completion with nothing packed, nothing blocked: only the count decides. */
const complete = (execution: OrderExecution, countedGood: number) => completeCounted({ order, state: noState, execution, countedGood, blockedBatches: [], unpackedWhere: 'rework' });
import { createJournal } from './journal';

const load = (materialId: string, batch = 'B-1'): LoadedBatch => ({ materialId, batch, loadedAt: '2026-11-25T06:00:00.000Z', eventId: 'e' });
const exec = (over: Partial<OrderExecution> = {}): OrderExecution => ({ ...releasedExecution(order.id), ...over });
const code = (v: Verdict) => (v.ok ? 'ok' : v.reason.code);

describe('canStart', () => {
  it.each<{ name: string; loaded: Record<string, LoadedBatch>; missing: string[] }>([
    { name: 'nothing loaded', loaded: {}, missing: ['4711', '4712'] },
    { name: 'one batch loaded', loaded: { 'm-housing': load('m-housing') }, missing: ['4712'] },
    { name: 'all batch-tracked items loaded (grease is bulk)', loaded: { 'm-housing': load('m-housing'), 'm-pcb': load('m-pcb') }, missing: [] },
  ])('$name', ({ loaded, missing }) => {
    const verdict = canStart(order, materials, loaded);
    if (missing.length === 0) return expect(verdict.ok).toBe(true);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.reason.code).toBe('start-missing-material');
      expect(verdict.reason.params.missing.map((m) => m.materialNumber)).toEqual(missing);
    }
  });

  it('treats a BOM material missing from master data as batch-tracked', () => {
    const verdict = canStart({ ...order, bom: [{ materialId: 'm-ghost', quantityPerUnit: 1 }] }, materials, {});
    expect(verdict.ok ? [] : verdict.reason.params.missing).toEqual([{ materialId: 'm-ghost', materialNumber: 'm-ghost' }]);
  });
});

describe('order lifecycle commands', () => {
  const loaded = { 'm-housing': load('m-housing'), 'm-pcb': load('m-pcb') };
  it.each<{ name: string; run: () => Verdict; expected: string }>([
    { name: 'start a released order with material', run: () => startOrder({ order, materials, execution: exec({ loaded }), operatorId: 'op-anna' }), expected: 'ok' },
    { name: 'start without material', run: () => startOrder({ order, materials, execution: exec(), operatorId: 'op-anna' }), expected: 'start-missing-material' },
    { name: 'start twice', run: () => startOrder({ order, materials, execution: exec({ loaded, status: 'started' }), operatorId: 'op-anna' }), expected: 'order-not-startable' },
    { name: 'start a cancelled order', run: () => startOrder({ order: { ...order, status: 'cancelled' }, materials, execution: exec({ loaded }), operatorId: 'x' }), expected: 'order-cancelled' },
    { name: 'pause a running order', run: () => pauseOrder(exec({ status: 'started' }), 'tool change'), expected: 'ok' },
    { name: 'pause without a reason', run: () => pauseOrder(exec({ status: 'started' }), '  '), expected: 'pause-reason-required' },
    { name: 'pause a released order', run: () => pauseOrder(exec(), 'x'), expected: 'order-not-running' },
    { name: 'resume a paused order', run: () => resumeOrder(exec({ status: 'paused' })), expected: 'ok' },
    { name: 'resume a running order', run: () => resumeOrder(exec({ status: 'started' })), expected: 'order-not-paused' },
    { name: 'complete with the booked count', run: () => complete(exec({ status: 'started', goodQuantity: 40 }), 40), expected: 'ok' },
    { name: 'complete a paused order', run: () => complete(exec({ status: 'paused' }), 0), expected: 'ok' },
    { name: 'complete above booked', run: () => complete(exec({ status: 'started', goodQuantity: 40 }), 100), expected: 'count-differs' },
    { name: 'complete below booked', run: () => complete(exec({ status: 'started', goodQuantity: 40 }), 39), expected: 'count-differs' },
    { name: 'complete with a fraction', run: () => complete(exec({ status: 'started' }), 1.5), expected: 'quantity-invalid' },
    { name: 'complete a released order', run: () => complete(exec(), 1), expected: 'order-not-running' },
    { name: 'hand over to a colleague', run: () => handOverOrder({ order, execution: exec({ status: 'started', operatorId: 'op-anna' }), to: operators.ben }), expected: 'ok' },
    { name: 'hand over to oneself', run: () => handOverOrder({ order, execution: exec({ status: 'started', operatorId: 'op-anna' }), to: operators.anna }), expected: 'handover-same-operator' },
    { name: 'hand over to another line', run: () => handOverOrder({ order, execution: exec({ status: 'started', operatorId: 'op-anna' }), to: operators.carla }), expected: 'operator-not-on-line' },
    { name: 'hand over a completed order', run: () => handOverOrder({ order, execution: exec({ status: 'completed' }), to: operators.ben }), expected: 'order-not-running' },
  ])('$name → $expected', ({ run, expected }) => {
    expect(code(run())).toBe(expected);
  });

  it('marks a short completion and says where unpacked parts are', () => {
    const verdict = complete(exec({ status: 'started', goodQuantity: 90 }), 90);
    expect(verdict.ok && verdict.events).toEqual([{ type: 'OrderCompleted', orderId: 'o-1', payload: { short: true, unpacked: { quantity: 90, where: 'rework' } } }]);
    expect(verdict.ok && verdict.short).toBe(true);
  });
});

describe('applyProductionEvent: a shift of one order', () => {
  it('folds start, pause, resume, handover, quantities and completion', () => {
    const j = createJournal();
    let state = foldProductionEvents([]);
    const run = (v: Verdict, operatorId?: string) => {
      if (!v.ok) throw new Error(v.reason.code);
      state = foldProductionEvents(j.record(v.events, { operatorId }), state);
    };
    run({ ok: true, events: [{ type: 'MaterialLoaded', orderId: 'o-1', payload: { materialId: 'm-housing', batch: 'H1' } }] });
    run({ ok: true, events: [{ type: 'MaterialLoaded', orderId: 'o-1', payload: { materialId: 'm-pcb', batch: 'P1' } }] });
    run(startOrder({ order, materials, execution: executionOf(state, 'o-1'), operatorId: 'op-anna' }));
    expect(executionOf(state, 'o-1')).toMatchObject({ status: 'started', operatorId: 'op-anna', startedAt: '2026-11-25T06:00:00.000Z' });

    j.advance(60_000);
    run(pauseOrder(executionOf(state, 'o-1'), 'material shortage'));
    expect(executionOf(state, 'o-1')).toMatchObject({ status: 'paused', pausedReason: 'material shortage' });
    run(resumeOrder(executionOf(state, 'o-1')));
    run(handOverOrder({ order, execution: executionOf(state, 'o-1'), to: operators.ben }));
    expect(executionOf(state, 'o-1')).toMatchObject({ status: 'started', operatorId: 'op-ben', pausedReason: null });

    run(correctGoodQuantity({ state, execution: executionOf(state, 'o-1'), correctedTo: 100, kind: 'count' }));
    run(completeCounted({ order, state, execution: executionOf(state, 'o-1'), countedGood: 100, blockedBatches: [], unpackedWhere: 'rework' }));
    expect(executionOf(state, 'o-1')).toMatchObject({ status: 'completed', goodQuantity: 100, completedAt: '2026-11-25T06:01:00.000Z' });
    expect(state.lastSeq).toBe(j.events.length);
    expect(j.events.map((e) => e.type)).toEqual([
      'MaterialLoaded',
      'MaterialLoaded',
      'OrderStarted',
      'OrderPaused',
      'OrderResumed',
      'OrderHandedOver',
      'GoodQuantityCorrected',
      'OrderCompleted',
    ]);
  });

  it('ignores unknown types and malformed payloads without throwing', () => {
    const j = createJournal();
    const [e] = j.record([{ type: 'OrderStarted', orderId: 'o-9', payload: { orderNumber: 'X', materialId: 'm', quantity: 1 } }]);
    const state = foldProductionEvents([
      e!,
      { ...e!, seq: 2, type: 'SomethingNewer' },
      { ...e!, seq: 3, type: 'GoodQuantityBooked', payload: { quantity: 'lots' } },
    ]);
    expect(executionOf(state, 'o-9')).toMatchObject({ status: 'started', goodQuantity: 0 });
    expect(state.lastSeq).toBe(3);
  });
});
