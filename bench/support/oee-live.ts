/**
 * The terminal's live OEE at one cycle a second: an early shift of the
 * generated line with the host batching every second (machineBatchSeconds
 * 1), so each part is its own MachineCycle. Per cycle the update the screen
 * needs: fold the new event into the terminal's running index (LiveOee), then
 * the shift's figures (the same addCycles and figures the server runs). Beside
 * it, sampled, the full index of the grown fold (the old live path). Baseline: the
 * same figures by folding the shift's events so far from scratch, sampled
 * every BASELINE_EVERY cycles (doing it on every cycle would take hours).
 */
import type { OeeFigures } from '../../shared/oee';
import { LiveOee, foldOee, indexOee, oeeFigures, shiftsIn, type OeeContext, type OeeEventInput } from '../../shared/oee';
import { median, quantile, round } from './stats';
import { BENCH_ROUTINGS, BENCH_YEAR_START, LineSim, MICRO_STOP_SECONDS, reasonsOf, shiftModelOf } from './oee-year';

export const FRAME_BUDGET_MS = 16;
const BASELINE_EVERY = 200;

export interface LiveFigures {
  cycles: number;
  events: number;
  updateMs: { p50: number; p99: number; max: number };
  updateCpuMs: { p50: number; p99: number; max: number };
  overBudget: number;
  baselineSamples: number;
  baselineMs: { p50: number; p99: number };
  /** The old live update's figures step alone: the grown fold indexed and summed in full, sampled with the refold. */
  reindexMs: { p50: number; p99: number };
  ratio: number;
  final: Pick<OeeFigures, 'availability' | 'performance' | 'quality' | 'oee' | 'totalCount' | 'microStops'>;
}

/** An early shift of the generated line at one cycle a second: its events, the shift, and the line's master data. */
export function liveShift(seed: number) {
  const sim = new LineSim({ lineIndex: 0, seed, cycleSeconds: 1, batchSeconds: 1 });
  const model = shiftModelOf(sim.lineId);
  const day = { from: BENCH_YEAR_START, to: BENCH_YEAR_START + 86_400_000 };
  const shift = shiftsIn(model, day).find((s) => s.shiftId === 'early')!;
  const events: OeeEventInput[] = sim
    .day(0)
    .filter((r) => Date.parse(r.occurred_at) >= shift.span.from && Date.parse(r.occurred_at) < shift.span.to)
    .map((r) => ({ id: r.id, type: r.type, occurredAt: r.occurred_at, orderId: r.order_id, payload: JSON.parse(r.payload) as unknown }));
  // The routing's ideal times scaled to the one-second cycle, so performance stays a share as on the real line.
  const routings = BENCH_ROUTINGS.map((r) => ({ ...r, idealCycleSeconds: r.idealCycleSeconds / 30 }));
  return { events, shift, model, routings, reasons: reasonsOf(sim.lineId), microStopMs: MICRO_STOP_SECONDS * 1000 };
}

export function measureLiveUpdates(seed: number, options: { cycles?: number } = {}): LiveFigures {
  const { events, shift, routings, reasons, microStopMs } = liveShift(seed);
  const ctx = (asOf: number): OeeContext => ({ asOf, microStopMs, reasons, routings });
  const live = new LiveOee();
  const updates: number[] = [];
  const baseline: number[] = [];
  const reindex: number[] = [];
  // CPU time beside wall time: on a loaded machine the wall clock also counts the time other processes had the core.
  const cpuTimes: number[] = [];
  let last: OeeFigures | null = null;
  let cycles = 0;
  for (let i = 0; i < events.length; i += 1) {
    const e = events[i]!;
    if (e.type !== 'MachineCycle') {
      live.fold(e);
      continue;
    }
    if (options.cycles !== undefined && cycles >= options.cycles) break;
    cycles += 1;
    const now = Date.parse(e.occurredAt);
    const cpu = process.cpuUsage();
    const t = performance.now();
    live.fold(e);
    last = live.figures(ctx(now), shift.span, shift.planned);
    updates.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    if (cycles % BASELINE_EVERY === 0) {
      const b = performance.now();
      const fresh = oeeFigures(indexOee(foldOee(events.slice(0, i + 1)), ctx(now)), shift.span, shift.planned);
      baseline.push(performance.now() - b);
      const r = performance.now();
      const full = oeeFigures(indexOee(live.state, ctx(now)), shift.span, shift.planned);
      reindex.push(performance.now() - r);
      if (fresh.oee !== last.oee || full.oee !== last.oee) throw new Error(`live OEE ${last.oee} differs from the refold's ${fresh.oee} at cycle ${cycles}`);
    }
  }
  const p = (list: number[], q: number) => round(quantile(list, q), 3);
  return {
    cycles,
    events: events.length,
    updateMs: { p50: p(updates, 0.5), p99: p(updates, 0.99), max: p(updates, 1) },
    updateCpuMs: { p50: p(cpuTimes, 0.5), p99: p(cpuTimes, 0.99), max: p(cpuTimes, 1) },
    overBudget: updates.filter((u) => u > FRAME_BUDGET_MS).length,
    baselineSamples: baseline.length,
    baselineMs: { p50: p(baseline, 0.5), p99: p(baseline, 0.99) },
    reindexMs: { p50: p(reindex, 0.5), p99: p(reindex, 0.99) },
    ratio: baseline.length ? round(median(baseline) / median(updates), 1) : NaN,
    final: {
      availability: last?.availability ?? null,
      performance: last?.performance ?? null,
      quality: last?.quality ?? null,
      oee: last?.oee ?? null,
      totalCount: last?.totalCount ?? 0,
      microStops: last?.microStops ?? 0,
    },
  };
}
