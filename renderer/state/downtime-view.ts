import type { DowntimeReason } from '../../shared/master-data-oee';
import {
  indexOee,
  oeeFigures,
  plannedTime,
  reasonsByUse,
  shiftAt,
  stopsAwaitingReason,
  timelineBar,
  type BarPiece,
  type Interval,
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

export function downtimeView(d: DowntimeState, orderId: string | null, orderStartedAt?: number): DowntimeView {
  const { master, fold, now } = d;
  const index = indexOee(fold, { microStopMs: master.microStopMs, reasons: master.reasons, routings: master.routings, asOf: now });
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
      orderFigures = oeeFigures(index, window, plannedTime(master.shiftModel, window), orderId);
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
    shiftFigures: oeeFigures(index, sofar, planned),
    orderFigures,
    awaiting: stopsAwaitingReason(fold, index.segments, now).filter((s) => !deferred.has(s.machineFrom) && s.to > span.from),
    reasons: reasonsByUse(master.reasons, fold),
    openManual: openStop ? { stopId: openStop[0], from: openStop[1].from, reasonId: openStop[1].reasonId } : null,
    stops: [...stops.values()].sort((a, b) => b.from - a.from),
  };
}
