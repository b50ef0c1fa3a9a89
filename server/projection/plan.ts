import { SCHEMA_VERSION, checkEvent, type EventCheck, type EventEnvelope, type EventRejection, type EventType, type PayloadOf } from '../../shared/events';
import { CORRECTION_HANDLERS } from './plan-corrections';
import { emptyPlan, flag, key, orderDelta, setStatus, utc, type BatchUse, type Handler, type ProjectionContext, type ProjectionPlan } from './plan-parts';

export { emptyPlan, utc, type BatchUse, type FlagKind, type Handler, type OrderDelta, type ProjectionContext, type ProjectionPlan } from './plan-parts';
import { CONTAINER_HANDLERS } from './plan-containers';

/**
 * The pure half of projecting: folds a batch of newly stored events of one
 * terminal into deltas and rows (no I/O), so the database half can apply them
 * with a few statements, keys in sorted order (no deadlocks between
 * concurrent pushes in PostgreSQL). Events may arrive out of time order
 * (several terminals, resends after gaps); every delta here commutes.
 *
 * Why this is not the terminal's fold (shared/production/order-state.ts): that
 * fold is sequential. It needs an order's whole state and its events in
 * journal order (the last status applied wins, an undo needs its booking
 * first). The server gets a push's new events only, in any order, and would
 * have to read and refold every touched order per push: statements per order
 * instead of per table per group commit. So the server keeps deltas that
 * commute instead: quantities add up, the status is that of the latest
 * `occurredAt`, a ScrapUndone subtracts the quantity it repeats. The two agree
 * wherever a terminal's journal gives each event a later time than the one
 * before and undoes a booking once (what its commands guarantee);
 * test/server/projection-agrees-with-fold.test.ts checks that on random
 * journals delivered out of order and twice. Two status events of one order at
 * the same millisecond would be told apart by arrival order here, by seq there.
 */

/** What the push route already found of an envelope (checkEvent), so that its payload is parsed once per push. */
export type EventChecks = ReadonlyMap<EventEnvelope, EventCheck>;

/**
 * Folds `events` into `plan` (a new one unless given: a group commit folds many terminals into one).
 * `checks`: the route's checkEvent results by envelope; an event without one is checked here.
 */
export function planProjection(events: readonly EventEnvelope[], context: ProjectionContext, plan: ProjectionPlan = emptyPlan(), checks?: EventChecks): ProjectionPlan {
  for (const event of events) projectOne(plan, context, event, checks?.get(event) ?? checkEvent(event));
  plan.loads.sort((a, b) => (a.from_at < b.from_at ? -1 : a.from_at > b.from_at ? 1 : 0));
  return plan;
}


function projectOne(plan: ProjectionPlan, ctx: ProjectionContext, event: EventEnvelope, checked: EventCheck): void {
  const at = utc(event.occurredAt);
  if (!checked.ok) {
    plan.flags.push(flag(event, at, checked.code, `${UNPROJECTED[checked.code](event)}; stored unprojected`));
    return;
  }
  const handler = HANDLERS[checked.event.type] as Handler<EventType> | undefined;
  if (!handler) return;
  handler({ event, payload: checked.event.payload as PayloadOf<EventType>, at, ctx, plan });
}

const UNPROJECTED: Record<EventRejection, (event: EventEnvelope) => string> = {
  'unknown-event-type': (event) => `event type ${event.type} is unknown to this server`,
  'newer-schema-version': (event) => `${event.type} at schema version ${event.schemaVersion} (server knows ${SCHEMA_VERSION})`,
  // The push route refuses these; a payload that reaches the projection malformed anyway (an import) is kept, not thrown on.
  'invalid-payload': (event) => `${event.type} payload does not match its schema`,
};

function statusHandler(status: string): Handler<'OrderPaused' | 'OrderResumed'> {
  return ({ event, at, ctx, plan }) => {
    if (event.orderId) setStatus(orderDelta(plan, ctx, event.orderId), status, at);
  };
}

/** Whether a batch's expiry (a date or a time) lies before the moment it was used. */
export function isExpired(expiresAt: string, usedAt: string): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(expiresAt)) return expiresAt < usedAt.slice(0, 10);
  const expiry = Date.parse(expiresAt);
  return Number.isFinite(expiry) && expiry < Date.parse(usedAt);
}

function batchUse(event: EventEnvelope, at: string, materialId: string, batch: string): BatchUse {
  return { eventId: event.id.toLowerCase(), terminalId: event.terminalId, seq: event.seq, type: event.type, orderId: event.orderId ?? null, materialId, batch, occurredAt: at };
}

const HANDLERS: { [T in EventType]?: Handler<T> } = {
  ...CONTAINER_HANDLERS,
  OrderStarted: ({ event, payload, at, ctx, plan }) => {
    if (!event.orderId) return;
    const delta = orderDelta(plan, ctx, event.orderId);
    delta.material_id = payload.materialId;
    setStatus(delta, 'started', at);
    if (delta.started_at === null || at < delta.started_at) delta.started_at = at;
  },
  OrderPaused: statusHandler('paused'),
  OrderResumed: statusHandler('started'),
  OrderCompleted: ({ event, at, ctx, plan }) => {
    if (!event.orderId) return;
    const delta = orderDelta(plan, ctx, event.orderId);
    setStatus(delta, 'completed', at);
    if (delta.completed_at === null || at > delta.completed_at) delta.completed_at = at;
    plan.completions.push({ orderId: event.orderId, at });
  },
  GoodQuantityBooked: ({ event, payload, ctx, plan }) => {
    if (event.orderId) orderDelta(plan, ctx, event.orderId).good_quantity += payload.quantity;
  },
  ScrapBooked: ({ event, payload, ctx, plan }) => {
    if (!event.orderId) return;
    orderDelta(plan, ctx, event.orderId).scrap_quantity += payload.quantity;
    const k = key(event.orderId, payload.reasonId);
    const row = plan.scrap.get(k) ?? { order_id: event.orderId, reason_id: payload.reasonId, quantity: 0 };
    row.quantity += payload.quantity;
    plan.scrap.set(k, row);
  },
  // The terminal repeats quantity and reason in the undo, so compensating needs no lookup of the booking;
  // the booking always reaches the server first (same terminal, lower seq).
  ScrapUndone: ({ event, payload, ctx, plan }) => {
    if (!event.orderId) return;
    orderDelta(plan, ctx, event.orderId).scrap_quantity -= payload.quantity;
    const k = key(event.orderId, payload.reasonId);
    const row = plan.scrap.get(k) ?? { order_id: event.orderId, reason_id: payload.reasonId, quantity: 0 };
    row.quantity -= payload.quantity;
    plan.scrap.set(k, row);
  },
  MaterialConsumed: ({ event, payload, at, ctx, plan }) => {
    plan.batchUses.push(batchUse(event, at, payload.materialId, payload.batch));
    if (!event.orderId) return;
    orderDelta(plan, ctx, event.orderId);
    const k = key(event.orderId, payload.materialId, payload.batch);
    const row = plan.consumption.get(k) ?? { order_id: event.orderId, material_id: payload.materialId, batch: payload.batch, quantity: 0 };
    row.quantity += payload.quantity;
    plan.consumption.set(k, row);
  },
  MaterialLoaded: ({ event, payload, at, ctx, plan }) => {
    plan.batchUses.push(batchUse(event, at, payload.materialId, payload.batch));
    if (payload.expiresAt && isExpired(payload.expiresAt, at)) {
      const what = { materialId: payload.materialId, batch: payload.batch };
      plan.flags.push(flag(event, at, 'expired-batch', `batch ${payload.batch} of ${payload.materialId} expired ${payload.expiresAt}, loaded ${at}`, what));
    }
    plan.loads.push({
      event_id: event.id.toLowerCase(),
      scope: event.orderId ?? `line:${ctx.lineId}`,
      order_id: event.orderId ?? null,
      line_id: ctx.lineId,
      terminal_id: event.terminalId,
      operator_id: event.operatorId ?? null,
      material_id: payload.materialId,
      batch: payload.batch,
      supplier: payload.supplier ?? null,
      from_at: at,
    });
  },
  PartProduced: ({ event, payload, at, plan }) => {
    plan.serials.push({
      serial: payload.serial,
      order_id: event.orderId ?? null,
      material_id: payload.materialId ?? null,
      terminal_id: event.terminalId,
      operator_id: event.operatorId ?? null,
      produced_at: at,
    });
    for (const c of payload.components ?? []) {
      plan.components.push({ serial: payload.serial, material_id: c.materialId, batch: c.batch });
      plan.batchUses.push(batchUse(event, at, c.materialId, c.batch));
    }
  },
  // The bookings came back whole, but the terminal's storage threw its database away: plant IT must look at that terminal.
  JournalRestored: ({ event, payload, at, plan }) => {
    plan.flags.push(
      flag(event, at, 'journal-restored', `terminal ${event.terminalId} rebuilt its journal from the host's copy: ${payload.restored} bookings (seq ${payload.fromSeq}–${payload.toSeq}), IndexedDB was ${payload.indexedDb}`),
    );
  },
  SequenceOverride: ({ event, payload, at, plan }) => {
    plan.flags.push(
      flag(event, at, 'sequence-override', `sequence ${payload.sequenceId} position ${payload.sequenceNumber} overridden by ${payload.approvedBy}: ${payload.reason}`),
    );
  },
  ...CORRECTION_HANDLERS,
};
