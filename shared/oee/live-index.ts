import type { CycleBatch, OeeEventInput, OeeFoldState } from './fold';
import { emptyOeeState, foldOeeEvent } from './fold';
import { addCycles, byAt, figuresWithCycles, firstAtOrAfter, idealLookup, noCycles, type CycleTotals, type OeeContext, type OeeFigures, type OeeIndex } from './figures';
import type { Interval } from './intervals';
import { buildTimeline, type Segment } from './timeline';

/**
 * The OEE fold kept indexed while it grows, for the terminal that asks for
 * the shift's figures after every machine cycle. The full path (indexOee,
 * then oeeFigures) sorts every cycle and sums every one in the window on each
 * ask, so a live update costs more the longer the shift has run. Here a cycle
 * that comes in time order is appended to the sorted list, the stop timeline
 * is rebuilt only when a stop changed (or a stop still open grows with "now"),
 * and each window's cycle sums resume where the last ask stopped. The sums run
 * through the same addCycles in the same order as oeeFigures, so the figures
 * are the server's to the last bit; anything out of order (a resend, a late
 * cycle, an order's material learnt) falls back to the full index once.
 */

interface Cursor {
  to: number;
  /** The first cycle not summed yet. */
  next: number;
  totals: CycleTotals;
}

/** Windows asked for at once are few (the shift, the order): more than this means old ones linger. */
const MAX_CURSORS = 16;

const STOP_TYPES = new Set(['MachineStateChanged', 'DowntimeBooked', 'DowntimeEnded', 'DowntimeClassified', 'DowntimeSplit', 'DowntimeReclassified']);
const BOOKING_TYPES = new Set(['GoodQuantityBooked', 'ScrapBooked', 'ScrapUndone']);

export class LiveOee {
  readonly state: OeeFoldState;
  private cycles: CycleBatch[] = [];
  private good: OeeIndex['good'] = [];
  private scrap: OeeIndex['scrap'] = [];
  private segments: Segment[] = [];
  private idealOfOrder: OeeIndex['idealOfOrder'] = () => null;
  private cyclesStale = true;
  private bookingsStale = true;
  private stopsStale = true;
  private idealsStale = true;
  /** The timeline was built for this "now" and an open stop makes it depend on it. */
  private timelineAsOf = Number.NaN;
  private timelineFollowsNow = true;
  private timelineCtx: Pick<OeeContext, 'microStopMs' | 'reasons'> | null = null;
  private idealCtx: Pick<OeeContext, 'routings' | 'orders'> | null = null;
  private readonly cursors = new Map<string, Cursor>();
  private readonly partsOfOrder = new Map<string, number>();

  /** Starts from `state` (folded elsewhere: everything is indexed on the first ask) or from nothing. */
  constructor(state: OeeFoldState = emptyOeeState()) {
    this.state = state;
    for (const c of state.cycles.values()) this.addParts(c, 1);
  }

  fold(event: OeeEventInput): void {
    if (event.type !== 'MachineCycle') {
      foldOeeEvent(this.state, event);
      if (STOP_TYPES.has(event.type)) this.stopsStale = true;
      else if (BOOKING_TYPES.has(event.type)) this.bookingsStale = true;
      else if (event.type === 'OrderStarted') this.idealsStale = true;
      return;
    }
    const p = (event.payload ?? {}) as Record<string, unknown>;
    // The fold's own key for a batch: the same batch twice replaces the first.
    const key = `${String(p.firstSignalId)}…${String(p.lastSignalId)}`;
    const before = this.state.cycles.get(key);
    foldOeeEvent(this.state, event);
    const batch = this.state.cycles.get(key)!;
    if (before) this.addParts(before, -1);
    this.addParts(batch, 1);
    const last = this.cycles.at(-1);
    // A new batch no earlier than the last one goes where the stable sort would put it: at the end.
    if (!before && !this.cyclesStale && (!last || batch.at >= last.at)) this.cycles.push(batch);
    else this.cyclesStale = true;
  }

  /** The machine's parts for an order over all that was folded. */
  machineCount(orderId: string): number {
    return this.partsOfOrder.get(orderId) ?? 0;
  }

  /** The index as indexOee would build it for `ctx`, brought up to date only where the fold changed. */
  index(ctx: OeeContext): OeeIndex {
    if (this.cyclesStale) {
      this.cycles = byAt(this.state.cycles.values());
      this.cyclesStale = false;
      this.cursors.clear();
    }
    if (this.bookingsStale) {
      this.good = byAt(this.state.good.values());
      this.scrap = byAt(this.state.scrap.values());
      this.bookingsStale = false;
    }
    if (this.idealsStale || this.idealCtx?.routings !== ctx.routings || this.idealCtx.orders !== ctx.orders) {
      this.idealOfOrder = idealLookup(this.state, ctx);
      this.idealCtx = { routings: ctx.routings, orders: ctx.orders };
      this.idealsStale = false;
      this.cursors.clear();
    }
    const ctxChanged = this.timelineCtx?.microStopMs !== ctx.microStopMs || this.timelineCtx.reasons !== ctx.reasons;
    if (this.stopsStale || ctxChanged || (this.timelineFollowsNow && ctx.asOf !== this.timelineAsOf)) {
      this.segments = buildTimeline(this.state, ctx);
      this.timelineFollowsNow = hasOpenStop(this.state);
      this.timelineAsOf = ctx.asOf;
      this.timelineCtx = { microStopMs: ctx.microStopMs, reasons: ctx.reasons };
      this.stopsStale = false;
    }
    return { state: this.state, segments: this.segments, cycles: this.cycles, good: this.good, scrap: this.scrap, idealOfOrder: this.idealOfOrder };
  }

  /** oeeFigures(index(ctx), window, planned, orderId), summing only the cycles the last ask for this window had not seen. */
  figures(ctx: OeeContext, window: Interval, planned: readonly Interval[], orderId?: string): OeeFigures {
    const index = this.index(ctx);
    const key = `${window.from}|${orderId ?? ''}`;
    let cursor = this.cursors.get(key);
    // A window that shrank may hold summed cycles it no longer covers: sum it afresh.
    if (!cursor || window.to < cursor.to) {
      if (this.cursors.size >= MAX_CURSORS) this.cursors.clear();
      cursor = { to: window.to, next: firstAtOrAfter(index.cycles, window.from), totals: noCycles() };
      this.cursors.set(key, cursor);
    }
    // Cycles appended since may still lie before the window (it started in the future): what oeeFigures's search skips.
    while (cursor.next < index.cycles.length && index.cycles[cursor.next]!.at < window.from) cursor.next += 1;
    cursor.next = addCycles(index, cursor.next, window.to, cursor.totals, orderId);
    cursor.to = window.to;
    return figuresWithCycles(index, window, planned, { ...cursor.totals }, orderId);
  }

  private addParts(batch: CycleBatch, sign: 1 | -1): void {
    if (batch.orderId) this.partsOfOrder.set(batch.orderId, (this.partsOfOrder.get(batch.orderId) ?? 0) + sign * batch.count);
  }
}

/**
 * Whether the timeline ends in a stop still open, so that it changes with
 * "now": a booked stop without an end, or a machine whose latest state (any
 * of those at the latest time, to be safe about ties) is not running.
 */
function hasOpenStop(state: OeeFoldState): boolean {
  for (const s of state.stops.values()) if (s.to === null) return true;
  let latest = -Infinity;
  let stopped = false;
  for (const p of state.states.values()) {
    if (p.at > latest) {
      latest = p.at;
      stopped = p.state !== 'running';
    } else if (p.at === latest && p.state !== 'running') stopped = true;
  }
  return stopped;
}
