/**
 * The scan path's breakdown for `npm run bench -- scan`: per scan, the time
 * between consecutive marks (renderer/lib/scan-stages.ts, switched on by the
 * bench's init script; the host's `lastByteAt` stamp and the renderer's
 * takt:scan-received / takt:verdict-painted marks frame them), as medians
 * and p99 per stage.
 */
import { summarize } from './support/stats';

export const STAGE_MARK_PREFIX = 'takt:scan-stage:';

/** Added to the bench's init script: switches the stage marks on and keeps every one, per name. */
export const STAGE_OBSERVER = `(() => {
  globalThis.taktScanTrace = true;
  const stages = {};
  Object.defineProperty(window, '__taktStages', { value: stages });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.name.startsWith('${STAGE_MARK_PREFIX}')) continue;
      (stages[e.name.slice(${STAGE_MARK_PREFIX.length})] ??= []).push(performance.timeOrigin + e.startTime);
    }
  }).observe({ type: 'mark' });
})();`;

/** Epoch ms of each stage mark, per stage name, in the order they were taken. */
export type StageMarks = Record<string, number[]>;

/** One scan's path: the host's stamp, then every mark in path order (epoch ms). */
export interface ScanPath {
  lastByteAt: number;
  received: number;
  painted: number;
}

/** In path order, each from the mark before; `parallel` rows overlap the path (not part of its sum). */
const STAGES: readonly { name: string; from: string; to: string; parallel?: true }[] = [
  { name: 'host stamp → WebSocket frame', from: 'lastByteAt', to: 'ws-message' },
  { name: 'bridge frame parse + validation', from: 'ws-message', to: 'received' },
  { name: 'scan router + barcode parse + classify', from: 'received', to: 'classified' },
  { name: 'material check', from: 'classified', to: 'checked' },
  { name: 'append: payload check, queue → group commit', from: 'checked', to: 'commit-started' },
  { name: 'IndexedDB: reads, envelopes, writes issued → written', from: 'commit-started', to: 'idb-written' },
  { name: 'IndexedDB commit (strict durability: the fsync)', from: 'idb-written', to: 'idb-committed' },
  { name: 'host copy still awaited + hand-back', from: 'idb-committed', to: 'journal-committed' },
  { name: 'store update → React commit', from: 'journal-committed', to: 'react-committed' },
  { name: 'React commit → painted', from: 'react-committed', to: 'painted' },
  { name: '(parallel) host copy round trip, from the group commit', from: 'commit-started', to: 'copy-answered', parallel: true },
  { name: '(total) journal commit (IndexedDB strict + host copy)', from: 'checked', to: 'journal-committed', parallel: true },
];

export interface StageRow {
  stage: string;
  /** Overlaps the sequential stages: left out of their sum. */
  parallel?: boolean;
  p50: number;
  p99: number;
  max: number;
}

/** Per stage, each counted scan's duration (ms): the rounds of one variant are concatenated before the quantiles. */
export type StageDurations = Record<string, number[]>;

/**
 * The durations of scans `paths[i]` whose stage marks are `stages[name][offset + i]`, the first `skip` left out.
 * Throws when a stage has fewer marks than scans (a mark went missing: the table would lie).
 */
export function stageDurations(paths: readonly ScanPath[], stages: StageMarks, offsets: Readonly<Record<string, number>>, skip: number): StageDurations {
  const at = (path: ScanPath, i: number, name: string): number => {
    if (name === 'lastByteAt' || name === 'received' || name === 'painted') return path[name];
    const value = stages[name]?.[(offsets[name] ?? 0) + i];
    if (value === undefined) throw new Error(`scan ${i}: no ${name} mark`);
    return value;
  };
  return Object.fromEntries(STAGES.map(({ name, from, to }) => [name, paths.slice(skip).map((p, j) => at(p, j + skip, to) - at(p, j + skip, from))]));
}

/** The breakdown table's rows for one run. */
export function breakdown(paths: readonly ScanPath[], stages: StageMarks, offsets: Readonly<Record<string, number>>, skip: number): StageRow[] {
  return rowsOf(stageDurations(paths, stages, offsets, skip));
}

/** Stage rows from durations, in path order. */
export function rowsOf(durations: StageDurations): StageRow[] {
  return STAGES.map(({ name, parallel }) => {
    const { p50, p99, max } = summarize(durations[name] ?? [], 2);
    return { stage: name, p50, p99, max, ...(parallel ? { parallel: true } : {}) };
  });
}

/** Concatenates the durations of several runs (the interleaved rounds of one variant). */
export function mergeDurations(runs: readonly StageDurations[]): StageDurations {
  return Object.fromEntries(STAGES.map(({ name }) => [name, runs.flatMap((r) => r[name] ?? [])]));
}

export function breakdownTable(title: string, rows: readonly StageRow[]): string {
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  return [`\n${title}`, '| stage | p50 | p99 | max |', '|---|---|---|---|', ...rows.map((r) => `| ${r.stage} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} |`)].join('\n');
}
