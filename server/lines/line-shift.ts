import { indexOee, oeeReport, plannedTime, segmentsIn, shiftsIn, type Interval, type OeeFigures } from '../../shared/oee';
import type { Db } from '../db/schema';
import { foldLineOee, oeeMasterData, reportInput } from '../oee/oee-query';

/**
 * The shift a line is in, for the lines page: its OEE so far from the same
 * fold as GET /api/v1/oee, and its stop timeline (each stop or micro-stop
 * with its reason and loss). The shift is the line's current one by its
 * shift model, or the last one that ended when none is running; a line
 * without a shift model shows the last NO_SHIFT_MODEL_WINDOW_MS.
 */

export const NO_SHIFT_MODEL_WINDOW_MS = 8 * 3600_000;

export interface LineStop {
  from: string;
  to: string;
  kind: 'stop' | 'micro';
  reasonId: string;
  /** The reason's words from master data, when it has a row. */
  label: { de: string; en: string } | null;
  loss: string;
  alarmCode: string | null;
}

export interface LineShift {
  /** The shift's name; null for a line without a shift model (the last 8 h). */
  name: string | null;
  from: string;
  to: string;
  figures: Pick<OeeFigures, 'oee' | 'availability' | 'performance' | 'quality' | 'plannedSeconds' | 'runSeconds' | 'downtimeSeconds' | 'microStops'>;
  stops: LineStop[];
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function currentShiftWindow(shiftModel: Parameters<typeof shiftsIn>[0] | undefined, now: number): { name: string | null; window: Interval } {
  if (!shiftModel) return { name: null, window: { from: now - NO_SHIFT_MODEL_WINDOW_MS, to: now } };
  const recent = shiftsIn(shiftModel, { from: now - 2 * 86_400_000, to: now + 1 }).filter((s) => s.span.from <= now);
  const shift = recent.find((s) => s.span.to > now) ?? recent[recent.length - 1];
  if (!shift) return { name: null, window: { from: now - NO_SHIFT_MODEL_WINDOW_MS, to: now } };
  return { name: shift.name, window: shift.span };
}

export async function lineShift(db: Db, lineId: string, now: Date): Promise<LineShift> {
  const master = await oeeMasterData(db, lineId);
  const { name, window } = currentShiftWindow(master.shiftModel, now.getTime());
  // The shift so far: the rest of it has not happened yet, and would count as planned time lost.
  const soFar = { from: window.from, to: Math.min(window.to, Math.max(window.from + 1, now.getTime())) };
  const query = { lineId, from: new Date(soFar.from), to: new Date(soFar.to), asOf: now };
  const state = await foldLineOee(db, query);
  const input = reportInput(query, master);
  const report = oeeReport(state, input);
  const index = indexOee(state, input);
  const labels = new Map(master.reasons.map((r) => [r.id, r.label]));
  const stops = segmentsIn(index, soFar, plannedTime(master.shiftModel, soFar)).map((s) => ({
    from: iso(s.from),
    to: iso(s.to),
    kind: s.kind,
    reasonId: s.reasonId,
    label: labels.get(s.reasonId) ?? null,
    loss: s.loss,
    alarmCode: s.alarmCode ?? null,
  }));
  const { oee, availability, performance, quality, plannedSeconds, runSeconds, downtimeSeconds, microStops } = report.total;
  return { name, from: iso(window.from), to: iso(window.to), figures: { oee, availability, performance, quality, plannedSeconds, runSeconds, downtimeSeconds, microStops }, stops };
}
