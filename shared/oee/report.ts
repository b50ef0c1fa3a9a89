import type { LossCategory, ShiftModel } from '../master-data-oee';
import type { OeeFoldState } from './fold';
import { oeeFigures, indexOee, segmentsIn, type OeeContext, type OeeFigures, type OeeIndex } from './figures';
import { intersect, normalise, type Interval } from './intervals';
import { daysIn, shiftsIn } from './shift-calendar';

/**
 * One line's OEE for a window: the whole window, each shift, each local day,
 * each order that ran, and the Pareto of stop reasons, all from one fold.
 */

export interface ParetoEntry {
  reasonId: string;
  loss: LossCategory;
  seconds: number;
  stops: number;
}

export interface OeeReport {
  lineId: string;
  from: string;
  to: string;
  total: OeeFigures;
  shifts: ({ shiftId: string; name: string; date: string; from: string; to: string } & OeeFigures)[];
  days: ({ date: string } & OeeFigures)[];
  orders: ({ orderId: string; from: string; to: string } & OeeFigures)[];
  pareto: ParetoEntry[];
}

export interface ReportInput extends OeeContext {
  lineId: string;
  shiftModel?: ShiftModel | undefined;
  window: Interval;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Planned production time inside the window: the shifts minus breaks, or all of it without a shift model. */
export function plannedTime(shiftModel: ShiftModel | undefined, window: Interval): Interval[] {
  if (!shiftModel) return [window];
  return intersect(normalise(shiftsIn(shiftModel, window).flatMap((s) => s.planned)), [window]);
}

export function pareto(index: OeeIndex, window: Interval, planned: readonly Interval[]): ParetoEntry[] {
  const byReason = new Map<string, { loss: LossCategory; ms: number; keys: Set<string> }>();
  for (const s of segmentsIn(index, window, planned)) {
    const entry = byReason.get(s.reasonId) ?? { loss: s.loss, ms: 0, keys: new Set<string>() };
    entry.ms += s.to - s.from;
    entry.keys.add(s.stopKey);
    byReason.set(s.reasonId, entry);
  }
  return [...byReason.entries()]
    .map(([reasonId, e]) => ({ reasonId, loss: e.loss, seconds: e.ms / 1000, stops: e.keys.size }))
    .sort((a, b) => b.seconds - a.seconds || a.reasonId.localeCompare(b.reasonId));
}

export function oeeReport(state: OeeFoldState, input: ReportInput): OeeReport {
  const index = indexOee(state, input);
  const { window, shiftModel } = input;
  const planned = plannedTime(shiftModel, window);
  const shifts = shiftModel
    ? shiftsIn(shiftModel, window).map((s) => {
        const span = intersect([s.span], [window])[0] ?? s.span;
        return { shiftId: s.shiftId, name: s.name, date: s.date, from: iso(span.from), to: iso(span.to), ...oeeFigures(index, span, s.planned) };
      })
    : [];
  const days = daysIn(shiftModel?.timeZone ?? 'UTC', window).map((d) => {
    const span = intersect([d.span], [window])[0] ?? d.span;
    return { date: d.date, ...oeeFigures(index, span, planned) };
  });
  const orders = [...state.orders.entries()]
    .filter(([, o]) => o.startedAt !== undefined)
    .map(([orderId, o]) => ({ orderId, span: { from: Math.max(o.startedAt!, window.from), to: Math.min(o.completedAt ?? input.asOf, window.to) } }))
    .filter((o) => o.span.to > o.span.from)
    .sort((a, b) => a.span.from - b.span.from)
    .map((o) => ({ orderId: o.orderId, from: iso(o.span.from), to: iso(o.span.to), ...oeeFigures(index, o.span, planned, o.orderId) }));
  return { lineId: input.lineId, from: iso(window.from), to: iso(window.to), total: oeeFigures(index, window, planned), shifts, days, orders, pareto: pareto(index, window, planned) };
}

