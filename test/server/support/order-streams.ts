import fc from 'fast-check';
import type { EventEnvelope, NewEvent } from '../../../shared/events';
import { newId } from '../../../shared/ids';

/**
 * Random order journals as a terminal writes them, and random ways the server
 * receives them. Actions the terminal's commands would refuse (a booking on an
 * order that does not run, an undo of a booking already undone) are skipped,
 * so every journal is one a terminal could have written. Each event is later
 * in time than the one before (the journal's clock moves on between appends).
 */

export type Action =
  /** The order's next lifecycle step: start a released one, pause or complete a running one, resume or complete a paused one. */
  | { kind: 'step'; order: number; complete: boolean }
  | { kind: 'handover' | 'load'; order: number }
  | { kind: 'good'; order: number; quantity: number }
  | { kind: 'scrap'; order: number; quantity: number; reason: number }
  | { kind: 'undo'; pick: number }
  | { kind: 'correct'; order: number; delta: number };

const order = fc.integer({ min: 0, max: 2 });

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('step'), order, complete: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('handover', 'load'), order }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('good'), order, quantity: fc.integer({ min: 1, max: 50 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('scrap'), order, quantity: fc.integer({ min: 1, max: 9 }), reason: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo'), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('correct'), order, delta: fc.integer({ min: -20, max: 20 }).filter((n) => n !== 0) }) },
) as fc.Arbitrary<Action>;

/** How a journal reaches the server: cut into pushes, the pushes shuffled, some sent again (a lost answer). */
export interface Delivery {
  readonly cuts: readonly boolean[];
  readonly keys: readonly number[];
  readonly resends: readonly number[];
}

export const deliveryArb: fc.Arbitrary<Delivery> = fc.record({
  cuts: fc.array(fc.boolean(), { maxLength: 60, size: 'max' }),
  keys: fc.array(fc.integer(), { maxLength: 60, size: 'max' }),
  resends: fc.array(fc.nat(), { maxLength: 4 }),
});

/** A journalled event; a ScrapBooked keeps the id its ScrapUndone names. */
export type JournalEvent = NewEvent & { id?: string };

interface Model {
  status: 'released' | 'started' | 'paused' | 'completed';
  good: number;
}

/** The events a terminal journals for `actions` on `orderIds`. */
export function journalFor(actions: readonly Action[], orderIds: readonly string[]): JournalEvent[] {
  const models = orderIds.map((): Model => ({ status: 'released', good: 0 }));
  const scrap: { eventId: string; orderId: string; reasonId: string; quantity: number; undone: boolean }[] = [];
  const out: JournalEvent[] = [];
  for (const a of actions) {
    if (a.kind === 'undo') {
      const open = scrap.filter((s) => !s.undone);
      const booking = open[a.pick % Math.max(open.length, 1)];
      if (!booking) continue;
      booking.undone = true;
      out.push({ type: 'ScrapUndone', orderId: booking.orderId, payload: { scrapEventId: booking.eventId, reasonId: booking.reasonId, quantity: booking.quantity } });
      continue;
    }
    const orderId = orderIds[a.order % orderIds.length]!;
    const m = models[a.order % orderIds.length]!;
    const running = m.status === 'started';
    switch (a.kind) {
      case 'step': {
        const next = m.status === 'released' ? 'started' : m.status === 'completed' ? null : a.complete ? 'completed' : running ? 'paused' : 'started';
        if (!next) continue;
        const type = m.status === 'released' ? 'OrderStarted' : next === 'completed' ? 'OrderCompleted' : next === 'paused' ? 'OrderPaused' : 'OrderResumed';
        m.status = next;
        if (type === 'OrderStarted') out.push({ type, orderId, payload: { orderNumber: orderId, materialId: 'M-1', quantity: 100 } });
        else if (type === 'OrderPaused') out.push({ type, orderId, payload: { reason: 'material' } });
        else out.push({ type, orderId, payload: {} });
        break;
      }
      case 'handover':
        if (!running) continue;
        out.push({ type: 'OrderHandedOver', orderId, payload: { toOperatorId: 'OP-2' } });
        break;
      case 'load':
        if (!running) continue;
        out.push({ type: 'MaterialLoaded', orderId, payload: { materialId: 'C-1', batch: `B-${out.length}` } });
        break;
      case 'good':
        if (!running) continue;
        m.good += a.quantity;
        out.push({ type: 'GoodQuantityBooked', orderId, payload: { quantity: a.quantity } });
        break;
      case 'scrap': {
        if (!running) continue;
        const reasonId = `SR-0${a.reason}`;
        const eventId = newId();
        scrap.push({ eventId, orderId, reasonId, quantity: a.quantity, undone: false });
        out.push({ id: eventId, type: 'ScrapBooked', orderId, payload: { quantity: a.quantity, reasonId } });
        break;
      }
      case 'correct': {
        // A count at completion or a wrong booking put right: never below zero good parts.
        if (m.status !== 'started' && m.status !== 'completed') continue;
        if (m.good + a.delta < 0) continue;
        m.good += a.delta;
        out.push({ type: 'GoodQuantityCorrected', orderId, payload: { delta: a.delta, kind: 'booking', correctedTo: m.good } });
        break;
      }
    }
  }
  return out;
}

/** The envelopes the terminal's journal gives the events: gap-free seqs, each later than the last. */
export function envelopesOf(terminalId: string, events: readonly JournalEvent[], start: number, gapsMs: readonly number[]): EventEnvelope[] {
  let at = start;
  return events.map((e, i) => {
    at += 1 + (gapsMs[i] ?? 1000);
    return {
      id: e.id ?? newId(),
      terminalId,
      seq: i + 1,
      type: e.type,
      occurredAt: new Date(at).toISOString(),
      operatorId: 'OP-1',
      ...(e.orderId ? { orderId: e.orderId } : {}),
      payload: e.payload as Record<string, unknown>,
      schemaVersion: 1,
    };
  });
}

/** The pushes in the order the server receives them; every event is in at least one. */
export function pushesOf(journal: readonly EventEnvelope[], d: Delivery): EventEnvelope[][] {
  const chunks: EventEnvelope[][] = [];
  let current: EventEnvelope[] = [];
  journal.forEach((e, i) => {
    current.push(e);
    if (d.cuts[i] || i === journal.length - 1) {
      chunks.push(current);
      current = [];
    }
  });
  const shuffled = chunks.map((c, i) => ({ c, k: d.keys[i] ?? 0, i })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.c);
  for (const r of chunks.length ? d.resends : []) shuffled.splice(r % (shuffled.length + 1), 0, chunks[r % chunks.length]!);
  return shuffled;
}
