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

const STAGES = [
  { name: 'host stamp → WebSocket frame', from: 'lastByteAt', to: 'ws-message' },
  { name: 'bridge frame parse + validation', from: 'ws-message', to: 'received' },
  { name: 'scan router + barcode parse + classify', from: 'received', to: 'classified' },
  { name: 'material check', from: 'classified', to: 'checked' },
  { name: 'journal commit (IndexedDB strict + host copy)', from: 'checked', to: 'journal-committed' },
  { name: 'store update → React commit', from: 'journal-committed', to: 'react-committed' },
  { name: 'React commit → painted', from: 'react-committed', to: 'painted' },
] as const;

export interface StageRow {
  stage: string;
  p50: number;
  p99: number;
  max: number;
}

/**
 * The breakdown of scans `paths[i]` whose stage marks are `stages[name][offset + i]`.
 * Throws when a stage has fewer marks than scans (a mark went missing: the table would lie).
 */
export function breakdown(paths: readonly ScanPath[], stages: StageMarks, offsets: Readonly<Record<string, number>>, skip: number): StageRow[] {
  const at = (path: ScanPath, i: number, name: string): number => {
    if (name === 'lastByteAt' || name === 'received' || name === 'painted') return path[name];
    const value = stages[name]?.[(offsets[name] ?? 0) + i];
    if (value === undefined) throw new Error(`scan ${i}: no ${name} mark`);
    return value;
  };
  return STAGES.map(({ name, from, to }) => {
    const values = paths.slice(skip).map((p, j) => at(p, j + skip, to) - at(p, j + skip, from));
    const { p50, p99, max } = summarize(values, 2);
    return { stage: name, p50, p99, max };
  });
}

export function breakdownTable(title: string, rows: readonly StageRow[]): string {
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  return [`\n${title}`, '| stage | p50 | p99 | max |', '|---|---|---|---|', ...rows.map((r) => `| ${r.stage} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} |`)].join('\n');
}
