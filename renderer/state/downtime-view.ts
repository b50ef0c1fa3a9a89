import type { DowntimeReason } from '../../shared/master-data-oee';
import {
  LiveOee,
  indexOee,
  oeeFigures,
  plannedTime,
  reasonsByUse,
  shiftAt,
  stopsAwaitingReason,
  timelineBar,
  type BarPiece,
  type Interval,
  type OeeContext,
  type OeeIndex,
  type OeeFigures,
  type StopAwaitingReason,
} from '../../shared/oee';
import type { DowntimeState } from './downtime-slice';

/**
 * What the order screen shows of downtime and OEE, computed from the
 * downtime slice in one go (the fold indexed once): the shift so far as a
 * bar, OEE of the shift and of the order, the stops that wait for a reason,
 * the reasons most used first, and a stop booked by hand that is still open.
 */

/** Without a shift model the bar shows the last eight hours, all of it planned. */
export const NO_SHIFT_SPAN_MS = 8 * 3600_000;

export interface ShiftStop {
  stopId: string;
  from: number;
  to: number;
  reasonId: string;
}

export interface DowntimeView {
  shift: { name: string | null; span: Interval };
  bar: BarPiece[];
  shiftFigures: OeeFigures;
  orderFigures: OeeFigures | null;
  /** Oldest first, without the ones put aside. */
  awaiting: StopAwaitingReason[];
  reasons: DowntimeReason[];
  /** A stop booked by hand with no end yet. */
  openManual: { stopId: string; from: number; reasonId: string | null } | null;
  /** The shift's stops that carry a reason, newest first, for a shift lead's changes. */
  stops: ShiftStop[];
}

/** Where the view takes the index and the figures from: the running index, or everything recomputed (the server's way). */
export interface OeeSource {
  index: OeeIndex;
  figures(window: Interval, planned: readonly Interval[], orderId?: string): OeeFigures;
}

/** The slice's running index when it holds this fold; a fold made elsewhere (a test's) gets one of its own. */
export function liveOf(d: Pick<DowntimeState, 'live' | 'fold'>): LiveOee {
  return d.live.state === d.fold ? d.live : new LiveOee(d.fold);
}

export function liveSource(live: LiveOee, ctx: OeeContext): OeeSource {
  return { index: live.index(ctx), figures: (window, planned, orderId) => live.figures(ctx, window, planned, orderId) };
}

/** The fold indexed from scratch and every window summed in full: what a view cost before the running index. */
export function recomputeSource(d: Pick<DowntimeState, 'fold'>, ctx: OeeContext): OeeSource {
  const index = indexOee(d.fold, ctx);
  return { index, figures: (window, planned, orderId) => oeeFigures(index, window, planned, orderId) };
}

export const oeeContextOf = (d: Pick<DowntimeState, 'master' | 'now'>): OeeContext => ({ microStopMs: d.master.microStopMs, reasons: d.master.reasons, routings: d.master.routings, asOf: d.now });

export function downtimeView(d: DowntimeState, orderId: string | null, orderStartedAt?: number, source: OeeSource = liveSource(liveOf(d), oeeContextOf(d))): DowntimeView {
  const { master, fold, now } = d;
  const { index } = source;
  const instance = shiftAt(master.shiftModel, now);
  const span = instance ? instance.span : { from: now - NO_SHIFT_SPAN_MS, to: now };
  const planned = instance ? instance.planned : [span];
  const sofar = { from: span.from, to: Math.max(span.from, Math.min(now, span.to)) };
  const bar = timelineBar(index.segments, span, planned, now);
  let orderFigures: OeeFigures | null = null;
  if (orderId) {
    const started = fold.orders.get(orderId)?.startedAt ?? orderStartedAt;
    if (started !== undefined && started < now) {
      const window = { from: started, to: Math.min(now, fold.orders.get(orderId)?.completedAt ?? now) };
      orderFigures = source.figures(window, plannedTime(master.shiftModel, window), orderId);
    }
  }
  const deferred = new Set(d.deferred);
  const openStop = [...fold.stops.entries()].filter(([, s]) => s.to === null).sort((a, b) => b[1].from - a[1].from)[0];
  const stops = new Map<string, ShiftStop>();
  for (const p of bar) {
    if (p.kind !== 'stop' || !p.stopId || !p.reasonId) continue;
    const seen = stops.get(p.stopId);
    if (seen) seen.to = Math.max(seen.to, p.to);
    else stops.set(p.stopId, { stopId: p.stopId, from: p.from, to: p.to, reasonId: p.reasonId });
  }
  return {
    shift: { name: instance?.name ?? null, span },
    bar,
    shiftFigures: source.figures(sofar, planned),
    orderFigures,
    awaiting: stopsAwaitingReason(fold, index.segments, now).filter((s) => !deferred.has(s.machineFrom) && s.to > span.from),
    reasons: reasonsByUse(master.reasons, fold),
    openManual: openStop ? { stopId: openStop[0], from: openStop[1].from, reasonId: openStop[1].reasonId } : null,
    stops: [...stops.values()].sort((a, b) => b.from - a.from),
  };
}
