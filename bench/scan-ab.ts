/**
 * The scan bench's A/B of the host journal copy (bench/scan.ts runs it on the
 * loaded terminal): the same page, order and scans, in alternating rounds —
 * A with the host copy's durable write (the product), B with it answered from
 * memory (electron/host/bench-journal-copy-switch.ts) — so whatever else loads
 * the machine during the run hits both alike. A's p99 against B's is the
 * copy's cost; the absolute figures move with the machine, the ratio less.
 */
import type { Page } from 'playwright-core';
import type { Stack } from '../test/e2e/support/stack';
import { mergeDurations, rowsOf, type StageRow } from './scan-breakdown';
import type { Sample, ScanRun, ScanRunLimits } from './scan-page';
import { summarize } from './support/stats';

export interface AbOptions {
  /** Rounds in all, A and B alternating (A first); an even number gives both as many. */
  rounds: number;
  scansPerRound: number;
  limits: Omit<ScanRunLimits, 'scans' | 'warmup'>;
}

export interface AbVariant {
  name: string;
  scans: number;
  painted: { p50: number; p90: number; p99: number; max: number };
  stages: StageRow[];
}

export interface AbResult {
  rounds: number;
  scansPerRound: number;
  /** A: the host copy durable before "booked" (the product). */
  copyOn: AbVariant;
  /** B: the host copy answered from memory (no SQLite write, no fsync; the bridge call stays). */
  copyOff: AbVariant;
  /** A / B, per quantile: the copy's cost as a factor. */
  ratio: { p50: number; p90: number; p99: number };
}

type RunScans = (page: Page, stack: Stack, prefix: string, run: ScanRunLimits) => Promise<ScanRun>;

function variant(name: string, runs: readonly ScanRun[]): AbVariant {
  const samples: Sample[] = runs.flat();
  const { p50, p90, p99, max } = summarize(samples.map((s) => s.paintedMs), 2);
  return { name, scans: samples.length, painted: { p50, p90, p99, max }, stages: rowsOf(mergeDurations(runs.map((r) => r.durations ?? {}))) };
}

/** The A/B figures, and A's samples (the loaded terminal's headline figure is the product's: copy on). */
export async function abRounds(page: Page, stack: Stack, runScans: RunScans, o: AbOptions): Promise<{ ab: AbResult; copyOnSamples: Sample[] }> {
  const on: ScanRun[] = [];
  const off: ScanRun[] = [];
  try {
    for (let round = 0; round < o.rounds; round++) {
      const durable = round % 2 === 0;
      await stack.setHostCopyDurable(durable);
      const run = await runScans(page, stack, `H${durable ? 'A' : 'B'}${round}`, { ...o.limits, scans: o.scansPerRound, warmup: 0 });
      (durable ? on : off).push(run);
    }
  } finally {
    // Whatever happened, the copy holds everything again before the bench reads or stops anything.
    await stack.setHostCopyDurable(true);
  }
  const copyOn = variant('A: host copy durable (SQLite WAL, synchronous=FULL) before "booked"', on);
  const copyOff = variant('B: host copy answered from memory (bench switch; no SQLite write, no fsync)', off);
  const ratio = (q: 'p50' | 'p90' | 'p99') => +(copyOn.painted[q] / copyOff.painted[q]).toFixed(2);
  return {
    ab: { rounds: o.rounds, scansPerRound: o.scansPerRound, copyOn, copyOff, ratio: { p50: ratio('p50'), p90: ratio('p90'), p99: ratio('p99') } },
    copyOnSamples: on.flat(),
  };
}

export function abLines(ab: AbResult): string[] {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const line = (v: AbVariant) => `  ${v.name}: ${v.scans} scans  p50 ${ms(v.painted.p50)}  p90 ${ms(v.painted.p90)}  p99 ${ms(v.painted.p99)}  max ${ms(v.painted.max)}`;
  return [
    `host copy A/B on the loaded terminal, ${ab.rounds} interleaved rounds (A B A B …) of ${ab.scansPerRound} scans, last byte → verdict painted:`,
    line(ab.copyOn),
    line(ab.copyOff),
    `  A / B: p50 ${ab.ratio.p50}×  p90 ${ab.ratio.p90}×  p99 ${ab.ratio.p99}×  (the issue's bound: p99 ≤ 1.10×)`,
  ];
}
