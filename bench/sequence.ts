/**
 * `npm run bench -- sequence`: JIS verification latency from scan to verdict
 * with 100 000 cached call-off positions.
 *
 * Measured per scan, on one realistic scan stream (ISO 15434 part labels with
 * part number, variant and serial; mostly right parts, about 4 % wrong parts,
 * each followed by the acknowledgement and the right part):
 *
 * - `verdict`: parseBarcode + verifyScan on the terminal's live JisState (what
 *   the JIS slice does between a scan and the OK/NOK on screen);
 * - `ready`: verdict plus folding the verdict's events (and, after a NOK, the
 *   acknowledgement) into the state, i.e. until the next scan can be judged.
 *
 * Baseline, same run, same scans: "refold" — a stateless verifier that rebuilds
 * the state per scan from the cached call-off and the journal
 * (createJisState + foldJisEvents, the app's restoreJisState path) before
 * parseBarcode + verifyScan. Its cost grows with the journal, so it runs on the
 * first BENCH_BASELINE_SCANS scans only; the ratio compares both on those
 * same scans.
 */
import { parseBarcode } from '../shared/barcode';
import type { EventEnvelope } from '../shared/events';
import { acknowledgeMismatch, applyJisEvent, createJisState, foldJisEvents, verifyScan, type JisState } from '../shared/jis';
import type { JisSequence } from '../shared/master-data';
import type { DomainEvent } from '../shared/production/verdict';
import { quantile } from './support/stats';

const POSITIONS = Number(process.env['BENCH_POSITIONS'] ?? 100_000);
const SCANS = Number(process.env['BENCH_SCANS'] ?? 1_000);
const BASELINE_SCANS = Number(process.env['BENCH_BASELINE_SCANS'] ?? 40);
const WRONG_EVERY = 25; // one wrong part in 25 scans of a position
const NOW = Date.parse('2026-03-02T06:00:00.000Z');

const VARIANTS = [
  { customerPartNumber: '5Q0-857-001-A', variant: 'schwarz' },
  { customerPartNumber: '5Q0-857-001-B', variant: 'grau' },
  { customerPartNumber: '5Q0-857-002', variant: 'beige' },
] as const;

function callOff(n: number): JisSequence {
  return {
    id: 'JIS-BENCH',
    lineId: 'L1',
    customer: 'Autowerk Süd',
    callOffRevision: 1,
    positions: Array.from({ length: n }, (_, i) => ({
      sequenceNumber: i + 1,
      vehicleNumber: `VIN${String(700_101 + i)}`,
      ...VARIANTS[i % VARIANTS.length]!,
      quantity: 1,
      dueTime: new Date(NOW + i * 120_000).toISOString(),
      unloadingPoint: 'Tor 3',
      rack: `R${Math.floor(i / 10) + 1}`,
      slot: (i % 10) + 1,
    })),
  } as JisSequence;
}

/** An ISO 15434 / DI part label: part number (P), variant (2P), serial (S). */
const label = (part: { customerPartNumber: string; variant: string }, serial: number) =>
  `[)>\x1e06\x1dP${part.customerPartNumber}\x1d2P${part.variant}\x1dS${String(serial).padStart(9, '0')}\x1e\x04`;

interface Scan {
  readonly raw: string;
  readonly wrong: boolean;
}

/** Deterministic stream: position k's right label; every WRONG_EVERY-th position first gets the next variant's label. */
function scanStream(count: number): Scan[] {
  const out: Scan[] = [];
  for (let position = 1; out.length < count; position++) {
    const right = VARIANTS[(position - 1) % VARIANTS.length]!;
    if (position % WRONG_EVERY === 7) out.push({ raw: label(VARIANTS[position % VARIANTS.length]!, 900_000 + position), wrong: true });
    out.push({ raw: label(right, position), wrong: false });
  }
  return out.slice(0, count);
}

class Journal {
  readonly events: EventEnvelope[] = [];
  append(events: readonly DomainEvent[]): EventEnvelope[] {
    return events.map((e) => {
      const seq = this.events.length + 1;
      const envelope: EventEnvelope = {
        id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
        terminalId: 'T-BENCH',
        seq,
        type: e.type,
        occurredAt: new Date(NOW).toISOString(),
        payload: e.payload as Record<string, unknown>,
        schemaVersion: 1,
      };
      this.events.push(envelope);
      return envelope;
    });
  }
}

interface Run {
  verdictMs: number[];
  readyMs: number[];
  ok: number;
  nok: number;
}

/** The live-state path: parse + verify on the state in memory, then fold the new events into it. */
function runLive(sequence: JisSequence, scans: readonly Scan[]): Run {
  let state: JisState = createJisState(sequence);
  const journal = new Journal();
  const run: Run = { verdictMs: [], readyMs: [], ok: 0, nok: 0 };
  for (const scan of scans) {
    const t0 = performance.now();
    const verdict = verifyScan(state, parseBarcode(scan.raw), NOW);
    const t1 = performance.now();
    state = journal.append(verdict.ok ? verdict.events : (verdict.events ?? [])).reduce(applyJisEvent, state);
    if (!verdict.ok) {
      const ack = acknowledgeMismatch(state);
      if (ack.ok) state = journal.append(ack.events).reduce(applyJisEvent, state);
    }
    const t2 = performance.now();
    if (verdict.ok !== !scan.wrong) throw new Error(`unexpected verdict for ${JSON.stringify(scan.raw)}`);
    run[verdict.ok ? 'ok' : 'nok']++;
    run.verdictMs.push(t1 - t0);
    run.readyMs.push(t2 - t0);
  }
  return run;
}

/** The baseline: rebuild the state from the call-off and the journal for every scan, then parse + verify. */
function runRefold(sequence: JisSequence, scans: readonly Scan[]): Run {
  const journal = new Journal();
  const run: Run = { verdictMs: [], readyMs: [], ok: 0, nok: 0 };
  for (const scan of scans) {
    const t0 = performance.now();
    const state = foldJisEvents(createJisState(sequence), journal.events);
    const verdict = verifyScan(state, parseBarcode(scan.raw), NOW);
    const t1 = performance.now();
    const after = journal.append(verdict.ok ? verdict.events : (verdict.events ?? [])).reduce(applyJisEvent, state);
    if (!verdict.ok) {
      const ack = acknowledgeMismatch(after);
      if (ack.ok) journal.append(ack.events);
    }
    const t2 = performance.now();
    if (verdict.ok !== !scan.wrong) throw new Error(`baseline: unexpected verdict for ${JSON.stringify(scan.raw)}`);
    run[verdict.ok ? 'ok' : 'nok']++;
    run.verdictMs.push(t1 - t0);
    run.readyMs.push(t2 - t0);
  }
  return run;
}

const stats = (values: readonly number[]) => ({
  p50: +quantile(values, 0.5).toFixed(4),
  p99: +quantile(values, 0.99).toFixed(4),
  max: +Math.max(...values).toFixed(4),
  mean: +(values.reduce((a, b) => a + b, 0) / values.length).toFixed(4),
});

const ms = (v: number) => `${v.toFixed(3)} ms`;

export async function run(): Promise<unknown> {
  const tBuild = performance.now();
  const sequence = callOff(POSITIONS);
  const buildMs = performance.now() - tBuild;
  const scans = scanStream(SCANS);
  // Warm-up on a small call-off so the JIT has seen every path before the timed runs.
  runLive(callOff(1_000), scanStream(300));
  runRefold(callOff(1_000), scanStream(60));

  const live = runLive(sequence, scans);
  const baseScans = scans.slice(0, BASELINE_SCANS);
  const baseline = runRefold(sequence, baseScans);
  const liveSame = { verdictMs: live.verdictMs.slice(0, baseScans.length), readyMs: live.readyMs.slice(0, baseScans.length) };

  const result = {
    positions: POSITIONS,
    scans: scans.length,
    wrongScans: live.nok,
    rightScans: live.ok,
    label: 'ISO 15434 DI label: P part number, 2P variant, S serial',
    callOffBuildMs: +buildMs.toFixed(1),
    engine: { verdict: stats(live.verdictMs), ready: stats(live.readyMs) },
    sameScans: {
      scans: baseScans.length,
      engine: { verdict: stats(liveSame.verdictMs), ready: stats(liveSame.readyMs) },
      baseline: { name: 'refold call-off + journal per scan, then parse + verify', verdict: stats(baseline.verdictMs), ready: stats(baseline.readyMs) },
    },
    ratio: {
      p50: +(quantile(baseline.verdictMs, 0.5) / quantile(liveSame.verdictMs, 0.5)).toFixed(1),
      p99: +(quantile(baseline.verdictMs, 0.99) / quantile(liveSame.verdictMs, 0.99)).toFixed(1),
    },
  };

  console.log(`${POSITIONS.toLocaleString('en-US')} cached positions; ${scans.length} scans (${live.ok} right, ${live.nok} wrong + ack)`);
  console.log(`engine   scan→verdict  p50 ${ms(result.engine.verdict.p50)}  p99 ${ms(result.engine.verdict.p99)}  max ${ms(result.engine.verdict.max)}`);
  console.log(`engine   scan→ready    p50 ${ms(result.engine.ready.p50)}  p99 ${ms(result.engine.ready.p99)}  (verdict + folding its events)`);
  console.log(`on the first ${baseScans.length} scans:`);
  console.log(`engine   scan→verdict  p50 ${ms(result.sameScans.engine.verdict.p50)}  p99 ${ms(result.sameScans.engine.verdict.p99)}`);
  console.log(`baseline scan→verdict  p50 ${ms(result.sameScans.baseline.verdict.p50)}  p99 ${ms(result.sameScans.baseline.verdict.p99)}  (${result.sameScans.baseline.name})`);
  console.log(`baseline / engine: p50 ${result.ratio.p50}×, p99 ${result.ratio.p99}×`);
  return result;
}
