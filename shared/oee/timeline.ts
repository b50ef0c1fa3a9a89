import type { DowntimeReason, LossCategory } from '../master-data-oee';
import type { ClassifiedPiece, OeeFoldState } from './fold';

/**
 * The line's time axis as segments: where it stood, why, and which OEE loss
 * that is. Machine stops (stopped, fault, no signal) shorter than the line's
 * micro-stop threshold and not booked by anyone are micro-stops: the line
 * counts as running then, so they show up as performance loss. Longer ones
 * are unqualified downtime until a booking gives them a reason. A booked stop
 * is downtime whether or not the machine saw it (lines without signals book
 * every stop by hand). Where bookings overlap, the later one wins. A machine
 * stop an operator classified (DowntimeClassified) takes that reason for as
 * long as the machine stood, from each piece a split made on.
 */

export const UNQUALIFIED = 'unqualified';
export const MICRO_STOP = 'micro-stop';

export interface Segment {
  from: number;
  to: number;
  kind: 'stop' | 'micro';
  /** The reason id, UNQUALIFIED, or MICRO_STOP. */
  reasonId: string;
  loss: LossCategory;
  /** The machine stop (or booking) this segment belongs to, to count stops rather than pieces. */
  stopKey: string;
  alarmCode?: string;
  /** Where the machine stop this segment lies in began (machine stops only): what a classification names. */
  machineFrom?: number;
  /** The classification or booking that gave the reason, for a later split or reclassification. */
  stopId?: string;
}

export interface TimelineContext {
  microStopMs: number;
  reasons: readonly DowntimeReason[];
  /** Open stops and the last machine state end here ("now" at a terminal, the window's end at the server). */
  asOf: number;
}

interface MachineStop {
  from: number;
  to: number;
  alarmCode?: string;
}

function machineStops(state: OeeFoldState, asOf: number): MachineStop[] {
  const points = [...state.states.values()].sort((a, b) => a.at - b.at);
  const stops: MachineStop[] = [];
  let open: MachineStop | null = null;
  for (const point of points) {
    if (point.state === 'running') {
      if (open) stops.push({ ...open, to: point.at });
      open = null;
    } else if (!open) {
      open = { from: point.at, to: asOf, ...(point.alarmCode ? { alarmCode: point.alarmCode } : {}) };
    } else if (!open.alarmCode && point.alarmCode) {
      open.alarmCode = point.alarmCode;
    }
  }
  if (open && asOf > open.from) stops.push(open);
  return stops.filter((s) => s.to > s.from);
}

export function buildTimeline(state: OeeFoldState, ctx: TimelineContext): Segment[] {
  const lossOf = new Map(ctx.reasons.map((r) => [r.id, r.loss]));
  const booked = [...state.stops.entries()]
    .map(([id, s]) => ({ id, from: s.from, to: s.to ?? ctx.asOf, reasonId: s.reasonId, rank: s.rank }))
    .filter((s) => s.to > s.from);
  const machine = machineStops(state, ctx.asOf);
  const pieces = [...state.classified.entries()].map(([id, p]) => ({ id, ...p })).sort((x, y) => x.from - y.from || x.rank - y.rank);
  const pieceAt = pieceFinder(pieces);
  const boundaries = new Set<number>();
  for (const s of booked) boundaries.add(s.from).add(s.to);
  for (const s of machine) boundaries.add(s.from).add(s.to);
  for (const p of pieces) boundaries.add(p.from);
  const cuts = [...boundaries].sort((a, b) => a - b);
  booked.sort((x, y) => x.from - y.from);
  const touchedByBooking = overlapTester(booked);
  const out: Segment[] = [];
  let m = 0;
  const active: typeof booked = [];
  let b = 0;
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    while (b < booked.length && booked[b]!.from <= from) active.push(booked[b++]!);
    for (let k = active.length - 1; k >= 0; k -= 1) if (active[k]!.to <= from) active.splice(k, 1);
    while (m < machine.length && machine[m]!.to <= from) m += 1;
    const stop = m < machine.length && machine[m]!.from <= from ? machine[m]! : null;
    const booking = active.reduce<(typeof booked)[number] | null>((best, s) => (!best || s.rank > best.rank ? s : best), null);
    const piece = stop ? pieceAt(stop.from, from) : null;
    if (booking) {
      const reasonId = booking.reasonId ?? UNQUALIFIED;
      out.push({ from, to, kind: 'stop', reasonId, loss: lossOf.get(reasonId) ?? 'availability', stopKey: `booked:${booking.id}`, stopId: booking.id });
    } else if (stop && piece) {
      out.push({
        from,
        to,
        kind: 'stop',
        reasonId: piece.reasonId,
        loss: lossOf.get(piece.reasonId) ?? 'availability',
        stopKey: `classified:${piece.id}`,
        stopId: piece.id,
        machineFrom: stop.from,
        ...(stop.alarmCode ? { alarmCode: stop.alarmCode } : {}),
      });
    } else if (stop) {
      const micro = stop.to - stop.from < ctx.microStopMs && !touchedByBooking(stop) && pieceAt(stop.from, stop.to - 1) === null;
      out.push({
        from,
        to,
        kind: micro ? 'micro' : 'stop',
        reasonId: micro ? MICRO_STOP : UNQUALIFIED,
        loss: micro ? 'performance' : 'availability',
        stopKey: `machine:${stop.from}`,
        machineFrom: stop.from,
        ...(stop.alarmCode ? { alarmCode: stop.alarmCode } : {}),
      });
    }
  }
  return mergeAdjacent(out);
}

/**
 * The classification in force at `at` inside the machine stop that began at
 * `stopFrom`: the last piece (by start, then fold order) starting in
 * [stopFrom, at], by binary search over pieces sorted that way.
 */
function pieceFinder(sorted: readonly (ClassifiedPiece & { id: string })[]): (stopFrom: number, at: number) => (ClassifiedPiece & { id: string }) | null {
  return (stopFrom, at) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.from <= at) lo = mid + 1;
      else hi = mid;
    }
    const piece = lo > 0 ? sorted[lo - 1]! : null;
    return piece && piece.from >= stopFrom ? piece : null;
  };
}

/** Whether any of `sorted` (by from) overlaps an interval, in O(log n): binary search plus a running maximum of ends. */
function overlapTester(sorted: readonly { from: number; to: number }[]): (i: { from: number; to: number }) => boolean {
  const maxTo: number[] = [];
  for (const s of sorted) maxTo.push(Math.max(maxTo.at(-1) ?? -Infinity, s.to));
  return ({ from, to }) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.from < to) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxTo[lo - 1]! > from;
  };
}

function mergeAdjacent(list: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of list) {
    const last = out.at(-1);
    if (last && last.to === s.from && last.reasonId === s.reasonId && last.stopKey === s.stopKey && last.kind === s.kind) last.to = s.to;
    else out.push({ ...s });
  }
  return out;
}
