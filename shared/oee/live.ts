import type { DowntimeReason, LossCategory, ShiftModel } from '../master-data-oee';
import type { OeeFoldState } from './fold';
import { intersect, normalise, subtract, type Interval } from './intervals';
import { shiftsIn, type ShiftInstance } from './shift-calendar';
import { UNQUALIFIED, type Segment } from './timeline';

/**
 * What the terminal shows live from the OEE fold: which machine stops still
 * wait for a reason, the line's reasons in the order an operator reaches for
 * them, and the shift that is on now.
 */

/** A machine stop (or signal gap) at least the micro-stop threshold long that nobody gave a reason yet. */
export interface StopAwaitingReason {
  /** The machine stop's start: what DowntimeClassified names. */
  machineFrom: number;
  from: number;
  to: number;
  /** Still going on at `asOf` (its end is "now"). */
  ongoing: boolean;
  alarmCode?: string;
  noSignal: boolean;
}

/** The unqualified machine stops of `segments` (built with the threshold), oldest first, one per machine stop. */
export function stopsAwaitingReason(state: OeeFoldState, segments: readonly Segment[], asOf: number): StopAwaitingReason[] {
  const byStop = new Map<number, StopAwaitingReason>();
  for (const s of segments) {
    if (s.kind !== 'stop' || s.reasonId !== UNQUALIFIED || s.machineFrom === undefined || s.stopKey.startsWith('booked:')) continue;
    const seen = byStop.get(s.machineFrom);
    if (seen) {
      seen.to = Math.max(seen.to, s.to);
      seen.ongoing = seen.to >= asOf;
      continue;
    }
    byStop.set(s.machineFrom, {
      machineFrom: s.machineFrom,
      from: s.from,
      to: s.to,
      ongoing: s.to >= asOf,
      noSignal: stateAt(state, s.machineFrom) === 'no-signal',
      ...(s.alarmCode ? { alarmCode: s.alarmCode } : {}),
    });
  }
  return [...byStop.values()].sort((a, b) => a.machineFrom - b.machineFrom);
}

function stateAt(state: OeeFoldState, at: number): string | undefined {
  for (const p of state.states.values()) if (p.at === at && p.state !== 'running') return p.state;
  return undefined;
}

/** The most reasons a prompt offers: more do not fit one touch screen as big targets. */
export const MAX_PROMPT_REASONS = 9;

/**
 * The line's reasons, most used first (bookings and classifications folded so
 * far), then in master-data order; at most MAX_PROMPT_REASONS.
 */
export function reasonsByUse(reasons: readonly DowntimeReason[], state: OeeFoldState): DowntimeReason[] {
  const uses = new Map<string, number>();
  const count = (id: string | null) => {
    if (id) uses.set(id, (uses.get(id) ?? 0) + 1);
  };
  for (const s of state.stops.values()) count(s.reasonId);
  for (const p of state.classified.values()) count(p.reasonId);
  return reasons
    .map((r, i) => ({ r, i, n: uses.get(r.id) ?? 0 }))
    .sort((a, b) => b.n - a.n || a.i - b.i)
    .slice(0, MAX_PROMPT_REASONS)
    .map((x) => x.r);
}

/** The shift `at` lies in (breaks included), or null outside every shift or without a shift model. */
export function shiftAt(model: ShiftModel | undefined, at: number): ShiftInstance | null {
  if (!model) return null;
  const window: Interval = { from: at - 86_400_000, to: at + 1 };
  return shiftsIn(model, window).find((s) => s.span.from <= at && at < s.span.to) ?? null;
}

/** One piece of the shift's bar: the line ran, stood briefly, stood for a reason, had a break, or it is still to come. */
export interface BarPiece {
  from: number;
  to: number;
  kind: 'run' | 'micro' | 'stop' | 'break' | 'ahead';
  reasonId?: string;
  loss?: LossCategory;
  stopId?: string;
  machineFrom?: number;
}

/**
 * The shift `span` as a bar up to `now`: breaks (outside `planned`), stops and
 * micro-stops from the timeline inside planned time, run time in between,
 * and the rest of the shift ahead. The pieces cover the span without gaps.
 */
export function timelineBar(segments: readonly Segment[], span: Interval, planned: readonly Interval[], now: number): BarPiece[] {
  const end = Math.min(Math.max(now, span.from), span.to);
  const elapsed = [{ from: span.from, to: end }];
  const plannedElapsed = intersect(normalise(planned), elapsed);
  const pieces: BarPiece[] = subtract(elapsed, plannedElapsed).map((i) => ({ ...i, kind: 'break' }));
  const stopped: Interval[] = [];
  for (const s of segments) {
    for (const i of intersect([{ from: s.from, to: s.to }], plannedElapsed)) {
      stopped.push(i);
      pieces.push({
        ...i,
        kind: s.kind === 'micro' ? 'micro' : 'stop',
        reasonId: s.reasonId,
        loss: s.loss,
        ...(s.stopId ? { stopId: s.stopId } : {}),
        ...(s.machineFrom !== undefined ? { machineFrom: s.machineFrom } : {}),
      });
    }
  }
  for (const i of subtract(plannedElapsed, normalise(stopped))) pieces.push({ ...i, kind: 'run' });
  if (end < span.to) pieces.push({ from: end, to: span.to, kind: 'ahead' });
  return pieces.sort((a, b) => a.from - b.from);
}
