import { describe, expect, it } from 'vitest';
import { applyProductionEvent, foldProductionEvents, initialProductionState, type ProductionState } from '../../../shared/production';
import type { DomainEvent } from '../../../shared/production/verdict';
import { createJournal } from './journal';

/**
 * The whole-journal fold copies each map once, not once per event; it must
 * still equal applying the events one by one and never change a state it was
 * given (states are shared with the UI and with snapshots).
 */

/** Two orders' shifts interleaved: starts, loads, serials, packing with closes, scrap and its undo, pause, completion. */
function history(): DomainEvent[] {
  const events: DomainEvent[] = [];
  for (const orderId of ['o-1', 'o-2']) {
    events.push({ type: 'MaterialLoaded', orderId, payload: { materialId: 'm-housing', batch: `H-${orderId}` } });
    events.push({ type: 'OrderStarted', orderId, operatorId: 'op-anna', payload: { orderNumber: orderId, materialId: 'm-product', quantity: 10 } });
    events.push({ type: 'ContainerOpened', orderId, payload: { containerId: `c-${orderId}-1`, capacity: 2 } });
  }
  for (let part = 1; part <= 5; part++) {
    for (const orderId of ['o-1', 'o-2']) {
      const container = `c-${orderId}-${Math.ceil(part / 2)}`;
      events.push({ type: 'PartProduced', orderId, payload: { serial: `${orderId}-S${part}` } });
      events.push({ type: 'GoodQuantityBooked', orderId, payload: { quantity: 1 } });
      events.push({ type: 'PartPacked', orderId, payload: { containerId: container, quantity: 1, serial: `${orderId}-S${part}` } });
      if (part % 2 === 0) {
        events.push({ type: 'ContainerClosed', orderId, payload: { containerId: container, quantity: 2 } });
        events.push({ type: 'ContainerOpened', orderId, payload: { containerId: `c-${orderId}-${part / 2 + 1}`, capacity: 2 } });
      }
    }
  }
  events.push({ type: 'ScrapBooked', orderId: 'o-1', payload: { quantity: 2, reasonId: 'r-dent' } });
  events.push({ type: 'ScrapBooked', orderId: 'o-2', payload: { quantity: 1, reasonId: 'r-dent' } });
  events.push({ type: 'OrderPaused', orderId: 'o-2', payload: { reason: 'break' } });
  events.push({ type: 'MaterialLoaded', orderId: 'o-1', payload: { materialId: 'm-housing', batch: 'H-next' } });
  events.push({ type: 'OrderCompleted', orderId: 'o-1', payload: {} });
  return events;
}

describe('foldProductionEvents', () => {
  it('equals applying every event one by one, at every split point', () => {
    const j = createJournal();
    const events = j.record(history());
    const booked = events.find((e) => e.type === 'ScrapBooked')!;
    events.push(...j.record([{ type: 'ScrapUndone', orderId: 'o-1', payload: { scrapEventId: booked.id, reasonId: 'r-dent', quantity: 2 } }]));
    const oneByOne = events.reduce(applyProductionEvent, initialProductionState);
    expect(foldProductionEvents(events)).toEqual(oneByOne);
    for (const split of [1, 7, 20, events.length - 1]) {
      expect(foldProductionEvents(events.slice(split), foldProductionEvents(events.slice(0, split)))).toEqual(oneByOne);
    }
    expect(oneByOne.orders['o-1']).toMatchObject({ status: 'completed', goodQuantity: 5, scrapQuantity: 0, serials: ['o-1-S1', 'o-1-S2', 'o-1-S3', 'o-1-S4', 'o-1-S5'] });
    expect(oneByOne.containers['c-o-2-2']).toMatchObject({ status: 'closed', quantity: 2, serials: ['o-2-S3', 'o-2-S4'] });
    expect(oneByOne.scrapReasonUse).toEqual({ 'r-dent': 1 });
  });

  it('never changes the state it starts from', () => {
    const j = createJournal();
    const events = j.record(history());
    const before: ProductionState = foldProductionEvents(events.slice(0, 10));
    const frozen = structuredClone(before);
    foldProductionEvents(events.slice(10), before);
    applyProductionEvent(before, events[10]!);
    expect(before).toEqual(frozen);
  });

  it('stays linear: a long journal over thousands of containers folds in a moment', () => {
    const j = createJournal();
    const events: DomainEvent[] = [];
    for (let c = 0; c < 5_000; c++) {
      const containerId = `c-${c}`;
      events.push({ type: 'ContainerOpened', orderId: 'o-1', payload: { containerId, capacity: 4 } });
      for (let p = 0; p < 4; p++) events.push({ type: 'PartPacked', orderId: 'o-1', payload: { containerId, quantity: 1 } });
      events.push({ type: 'ContainerClosed', orderId: 'o-1', payload: { containerId, quantity: 4 } });
    }
    const recorded = j.record(events);
    const started = performance.now();
    const state = foldProductionEvents(recorded);
    // One copy of the container map per event would be 30 000 × 2 500 keys on average: tens of seconds.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(Object.keys(state.containers)).toHaveLength(5_000);
    expect(state.orders['o-1']?.containerIds).toHaveLength(5_000);
  });
});
