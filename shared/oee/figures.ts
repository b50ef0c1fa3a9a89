import type { Routing } from '../master-data-oee';
import type { Booking, CycleBatch, OeeFoldState } from './fold';
import { duration, intersect, normalise, type Interval } from './intervals';
import { buildTimeline, type Segment, type TimelineContext } from './timeline';

/**
 * OEE = availability × performance × quality over planned production time
 * (the usual definition, e.g. Nakajima; ISO 22400-2 calls the same figure's
 * parts "availability", "effectiveness" and "quality ratio"):
 *   availability = run time / planned time, run = planned − availability stops
 *   performance  = Σ parts × ideal cycle time / run time
 *   quality      = good parts / all parts
 * Parts are the machine's count when the line has machine signals (booked
 * scrap is then the bad part of it), otherwise what operators booked (good +
 * scrap). A factor that cannot be known (no planned time, no ideal cycle time
 * for some of the parts, nothing made) is null, never a guess.
 */

export interface OeeFigures {
  plannedSeconds: number;
  runSeconds: number;
  /** Availability loss: stops inside planned time. */
  downtimeSeconds: number;
  /** Stops whose reason is a performance or quality loss: part of run time, listed apart. */
  otherLossSeconds: number;
  microStops: number;
  microStopSeconds: number;
  machineCount: number;
  bookedGood: number;
  bookedScrap: number;
  totalCount: number;
  goodCount: number;
  /** Parts made with no ideal cycle time known (no order, or no routing for its material). */
  countWithoutIdeal: number;
  idealSeconds: number;
  availability: number | null;
  performance: number | null;
  quality: number | null;
  oee: number | null;
}

export interface OeeContext extends TimelineContext {
  routings: readonly Routing[];
  /** Orders known from master data, for orders whose OrderStarted lies outside the folded events. */
  orders?: readonly { id: string; materialId: string }[];
}

/** The fold's state prepared for many window queries: sorted once, then each window is a binary search. */
export interface OeeIndex {
  state: OeeFoldState;
  segments: Segment[];
  cycles: CycleBatch[];
  good: Booking[];
  scrap: Booking[];
  idealOfOrder: (orderId: string | null) => number | null;
}

/** Sorted by time; a stable sort, so equal times keep the fold's order. */
export const byAt = <T extends { at: number }>(list: Iterable<T>): T[] => [...list].sort((a, b) => a.at - b.at);

/** The ideal cycle time of an order's parts: its material's routing (the one without an operation wins). */
export function idealLookup(state: OeeFoldState, ctx: Pick<OeeContext, 'routings' | 'orders'>): (orderId: string | null) => number | null {
  const cycleTime = new Map<string, number>();
  for (const r of ctx.routings) if (!cycleTime.has(r.materialId) || r.operation === undefined) cycleTime.set(r.materialId, r.idealCycleSeconds);
  const materialOf = new Map<string, string>((ctx.orders ?? []).map((o) => [o.id, o.materialId]));
  for (const [id, o] of state.orders) if (o.materialId) materialOf.set(id, o.materialId);
  return (orderId) => {
    const material = orderId ? materialOf.get(orderId) : undefined;
    return material ? (cycleTime.get(material) ?? null) : null;
  };
}

export function indexOee(state: OeeFoldState, ctx: OeeContext): OeeIndex {
  return {
    state,
    segments: buildTimeline(state, ctx),
    cycles: byAt(state.cycles.values()),
    good: byAt(state.good.values()),
    scrap: byAt(state.scrap.values()),
    idealOfOrder: idealLookup(state, ctx),
  };
}

export function firstAtOrAfter<T extends { at: number }>(list: readonly T[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function* within<T extends { at: number }>(list: readonly T[], window: Interval): Generator<T> {
  for (let i = firstAtOrAfter(list, window.from); i < list.length && list[i]!.at < window.to; i += 1) yield list[i]!;
}

function firstSegmentEndingAfter(segments: readonly Segment[], at: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.to <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Segments clipped to planned time inside `window`. */
export function segmentsIn(index: OeeIndex, window: Interval, planned: readonly Interval[]): Segment[] {
  const out: Segment[] = [];
  const inWindow = intersect(normalise(planned), [window]);
  for (let i = firstSegmentEndingAfter(index.segments, window.from); i < index.segments.length && index.segments[i]!.from < window.to; i += 1) {
    const s = index.segments[i]!;
    for (const piece of intersect([{ from: s.from, to: s.to }], inWindow)) out.push({ ...s, from: piece.from, to: piece.to });
  }
  return out;
}

/** The machine's parts of some cycles and their ideal time: what a window's figures sum from its cycles. */
export interface CycleTotals {
  machineCount: number;
  idealMs: number;
  countWithoutIdeal: number;
}

export const noCycles = (): CycleTotals => ({ machineCount: 0, idealMs: 0, countWithoutIdeal: 0 });

/**
 * Adds to `totals` the cycles from position `next` on that end before `to`
 * (with `orderId`, only that order's) and returns the position after them.
 * The one summation both the full figures and the terminal's running ones
 * (live-index.ts) use, in the same order, so both give the same bits.
 */
export function addCycles(index: OeeIndex, next: number, to: number, totals: CycleTotals, orderId?: string): number {
  const list = index.cycles;
  let i = next;
  for (; i < list.length && list[i]!.at < to; i += 1) {
    const c = list[i]!;
    if (orderId !== undefined && c.orderId !== orderId) continue;
    totals.machineCount += c.count;
    const ideal = index.idealOfOrder(c.orderId);
    if (ideal === null) totals.countWithoutIdeal += c.count;
    else totals.idealMs += c.count * ideal * 1000;
  }
  return i;
}

/**
 * Figures for `window`, with `planned` the planned production time (the
 * shifts minus breaks; the whole window for a line without a shift model).
 * Parts and bookings count by their time in the window, or, with `orderId`,
 * only those of that order.
 */
export function oeeFigures(index: OeeIndex, window: Interval, planned: readonly Interval[], orderId?: string): OeeFigures {
  const totals = noCycles();
  addCycles(index, firstAtOrAfter(index.cycles, window.from), window.to, totals, orderId);
  return figuresWithCycles(index, window, planned, totals, orderId);
}

/** Figures for `window` whose cycles were summed already (`cycles`, by addCycles over the same window). */
export function figuresWithCycles(index: OeeIndex, window: Interval, planned: readonly Interval[], cycles: CycleTotals, orderId?: string): OeeFigures {
  const plannedIn = intersect(normalise(planned), [window]);
  const plannedMs = duration(plannedIn);
  const segs = segmentsIn(index, window, plannedIn);
  let downMs = 0;
  let otherMs = 0;
  let microMs = 0;
  const microKeys = new Set<string>();
  for (const s of segs) {
    if (s.kind === 'micro') {
      microMs += s.to - s.from;
      microKeys.add(s.stopKey);
    } else if (s.loss === 'availability') downMs += s.to - s.from;
    else otherMs += s.to - s.from;
  }
  const mine = <T extends { orderId: string | null }>(b: T): boolean => orderId === undefined || b.orderId === orderId;
  const { machineCount } = cycles;
  let { idealMs, countWithoutIdeal } = cycles;
  let bookedGood = 0;
  let bookedScrap = 0;
  // Without a machine count the booked parts are all there is; their ideal time follows their order.
  const bookedIdeal = (b: Booking): void => {
    if (index.state.hasMachine) return;
    const ideal = index.idealOfOrder(b.orderId);
    if (ideal === null) countWithoutIdeal += b.quantity;
    else idealMs += b.quantity * ideal * 1000;
  };
  for (const g of within(index.good, window)) {
    if (!mine(g)) continue;
    bookedGood += g.quantity;
    bookedIdeal(g);
  }
  for (const s of within(index.scrap, window)) {
    if (!mine(s)) continue;
    bookedScrap += s.quantity;
    bookedIdeal(s);
  }
  const totalCount = index.state.hasMachine ? machineCount : bookedGood + bookedScrap;
  const goodCount = Math.max(0, totalCount - bookedScrap);
  const runMs = plannedMs - downMs;
  const availability = plannedMs > 0 ? runMs / plannedMs : null;
  const performance = runMs > 0 && totalCount > 0 && countWithoutIdeal === 0 ? idealMs / runMs : null;
  const quality = totalCount > 0 ? goodCount / totalCount : null;
  const oee = availability !== null && performance !== null && quality !== null ? availability * performance * quality : null;
  return {
    plannedSeconds: plannedMs / 1000,
    runSeconds: runMs / 1000,
    downtimeSeconds: downMs / 1000,
    otherLossSeconds: otherMs / 1000,
    microStops: microKeys.size,
    microStopSeconds: microMs / 1000,
    machineCount,
    bookedGood,
    bookedScrap,
    totalCount,
    goodCount,
    countWithoutIdeal,
    idealSeconds: idealMs / 1000,
    availability,
    performance,
    quality,
    oee,
  };
}
