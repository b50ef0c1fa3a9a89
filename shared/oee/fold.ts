import type { MachineState } from '../events';

/**
 * The OEE fold (DESIGN §9): every event that bears on availability,
 * performance or quality, reduced to plain facts on one line's time axis.
 * Folding is cheap and order-insensitive (events from several terminals and
 * resends arrive in any order); the figures are computed from this state for
 * any window afterwards (figures.ts), so the terminal can fold live and the
 * server can fold a year once and ask per shift.
 */

export interface OeeEventInput {
  id: string;
  type: string;
  occurredAt: string;
  orderId?: string | null | undefined;
  payload: unknown;
}

export interface StatePoint {
  at: number;
  state: MachineState;
  alarmCode?: string;
}

export interface CycleBatch {
  from: number;
  at: number;
  count: number;
  orderId: string | null;
}

export interface BookedStop {
  from: number;
  to: number | null;
  reasonId: string | null;
  /** Fold order of the booking that last changed the stop: a later booking wins where two overlap. */
  rank: number;
}

/**
 * A reason given to (part of) a machine stop: from `from` on to the stop's
 * end, or to the next piece a split made. The machine stop keeps its extent.
 */
export interface ClassifiedPiece {
  from: number;
  reasonId: string;
  rank: number;
  /** When its reason was last given (occurredAt): a reclassification folded late still loses to a newer one. */
  changedAt: number;
}

export interface Booking {
  at: number;
  quantity: number;
  orderId: string | null;
}

export interface OeeFoldState {
  /** True once any machine signal was folded: counts come from the machine, not from bookings. */
  hasMachine: boolean;
  states: Map<string, StatePoint>;
  cycles: Map<string, CycleBatch>;
  stops: Map<string, BookedStop>;
  /** Reasons given to machine stops (DowntimeClassified and its splits), by classification id. */
  classified: Map<string, ClassifiedPiece>;
  /** Splits and reclassifications folded before the classification they name, kept until it arrives. */
  waiting: Map<string, OeeEventInput[]>;
  orders: Map<string, { materialId?: string; startedAt?: number; completedAt?: number }>;
  good: Map<string, Booking>;
  scrap: Map<string, Booking>;
  /** Scrap bookings undone, kept so an undo folded before its booking still wins. */
  undoneScrap: Set<string>;
  rank: number;
}

export function emptyOeeState(): OeeFoldState {
  return { hasMachine: false, states: new Map(), cycles: new Map(), stops: new Map(), classified: new Map(), waiting: new Map(), orders: new Map(), good: new Map(), scrap: new Map(), undoneScrap: new Set(), rank: 0 };
}

type P = Record<string, unknown>;
const time = (v: unknown): number => Date.parse(String(v));
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Folds one event into `state` (mutating it, for speed at a year of events); unknown types are ignored. */
export function foldOeeEvent(state: OeeFoldState, event: OeeEventInput): OeeFoldState {
  const p = (event.payload ?? {}) as P;
  const orderId = event.orderId ?? null;
  state.rank += 1;
  switch (event.type) {
    case 'MachineCycle': {
      state.hasMachine = true;
      // The host derives signal ids from the machine's own sequence: the same batch twice is one batch.
      state.cycles.set(`${String(p.firstSignalId)}…${String(p.lastSignalId)}`, { from: time(p.from), at: time(p.to), count: Number(p.count), orderId });
      break;
    }
    case 'MachineStateChanged': {
      state.hasMachine = true;
      const alarm = text(p.alarmCode);
      state.states.set(String(p.signalId), { at: time(p.at), state: p.state as MachineState, ...(alarm ? { alarmCode: alarm } : {}) });
      break;
    }
    case 'DowntimeBooked':
      state.stops.set(String(p.stopId), { from: time(p.from), to: p.to ? time(p.to) : null, reasonId: text(p.reasonId), rank: state.rank });
      break;
    case 'DowntimeEnded': {
      const stop = state.stops.get(String(p.stopId));
      if (stop) stop.to = time(p.to);
      break;
    }
    case 'DowntimeClassified': {
      const reasonId = text(p.reasonId);
      if (reasonId) state.classified.set(String(p.stopId), { from: time(p.from), reasonId, rank: state.rank, changedAt: time(event.occurredAt) });
      release(state, String(p.stopId));
      break;
    }
    case 'DowntimeSplit': {
      const stop = state.stops.get(String(p.stopId));
      const at = time(p.at);
      const piece = stop ? undefined : state.classified.get(String(p.stopId));
      if (!stop && !piece) {
        wait(state, String(p.stopId), event);
        break;
      }
      // A classified machine stop splits into pieces; where the machine stop ends stays the machine's.
      if (piece && at > piece.from) {
        state.classified.set(String(p.newStopId), { from: at, reasonId: text(p.reasonId) ?? piece.reasonId, rank: state.rank, changedAt: time(event.occurredAt) });
        release(state, String(p.newStopId));
      }
      if (!stop || at <= stop.from || (stop.to !== null && at >= stop.to)) break;
      state.stops.set(String(p.newStopId), { from: at, to: stop.to, reasonId: text(p.reasonId) ?? stop.reasonId, rank: state.rank });
      stop.to = at;
      break;
    }
    case 'DowntimeReclassified': {
      const reasonId = text(p.reasonId);
      const stop = state.stops.get(String(p.stopId));
      const piece = stop ? undefined : state.classified.get(String(p.stopId));
      if (stop && reasonId) {
        stop.reasonId = reasonId;
        stop.rank = state.rank;
      } else if (piece && reasonId && time(event.occurredAt) >= piece.changedAt) {
        piece.reasonId = reasonId;
        piece.rank = state.rank;
        piece.changedAt = time(event.occurredAt);
      } else if (!stop && !piece) wait(state, String(p.stopId), event);
      break;
    }
    case 'OrderStarted':
      if (orderId) state.orders.set(orderId, { ...state.orders.get(orderId), materialId: String(p.materialId), startedAt: time(event.occurredAt) });
      break;
    case 'OrderCompleted':
      if (orderId) state.orders.set(orderId, { ...state.orders.get(orderId), completedAt: time(event.occurredAt) });
      break;
    case 'GoodQuantityBooked':
      state.good.set(event.id, { at: time(event.occurredAt), quantity: Number(p.quantity), orderId });
      break;
    case 'ScrapBooked':
      if (!state.undoneScrap.has(event.id)) state.scrap.set(event.id, { at: time(event.occurredAt), quantity: Number(p.quantity), orderId });
      break;
    case 'ScrapUndone':
      // A compensating event: the scrap it names never happened.
      state.scrap.delete(String(p.scrapEventId));
      state.undoneScrap.add(String(p.scrapEventId));
      break;
    default:
      break;
  }
  return state;
}

function wait(state: OeeFoldState, stopId: string, event: OeeEventInput): void {
  const list = state.waiting.get(stopId) ?? [];
  list.push(event);
  state.waiting.set(stopId, list);
}

/** The changes that waited for `stopId`, folded now, in the order they happened. */
function release(state: OeeFoldState, stopId: string): void {
  const list = state.waiting.get(stopId);
  if (!list) return;
  state.waiting.delete(stopId);
  for (const e of list.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt))) foldOeeEvent(state, e);
}

export function foldOee(events: Iterable<OeeEventInput>, state: OeeFoldState = emptyOeeState()): OeeFoldState {
  for (const e of events) foldOeeEvent(state, e);
  return state;
}

/** The event types the fold reads, for a server query to select only these. */
export const OEE_EVENT_TYPES = [
  'MachineCycle',
  'MachineStateChanged',
  'DowntimeBooked',
  'DowntimeEnded',
  'DowntimeClassified',
  'DowntimeSplit',
  'DowntimeReclassified',
  'OrderStarted',
  'OrderCompleted',
  'GoodQuantityBooked',
  'ScrapBooked',
  'ScrapUndone',
] as const;
