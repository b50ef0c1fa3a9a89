import { describe, expect, it } from 'vitest';
import { breakdown, breakdownTable, mergeDurations, rowsOf, stageDurations } from '../../bench/scan-breakdown';

/** The scan bench's per-stage table: consecutive marks of each scan, warm-up left out, a missing mark refused. */
describe('scan path breakdown', () => {
  const path = (t0: number) => ({ lastByteAt: t0, received: t0 + 3, painted: t0 + 30 });
  const stagesFor = (starts: number[]) => ({
    'ws-message': starts.map((t) => t + 2),
    classified: starts.map((t) => t + 4),
    checked: starts.map((t) => t + 4.5),
    'commit-started': starts.map((t) => t + 5),
    'idb-written': starts.map((t) => t + 7),
    'idb-committed': starts.map((t) => t + 13),
    'copy-answered': starts.map((t) => t + 14),
    'journal-committed': starts.map((t) => t + 14.5),
    'react-committed': starts.map((t) => t + 20),
  });

  it('splits each scan into its stages, in path order, summing to last byte → painted', () => {
    const starts = [1000, 2000, 3000];
    // Marks of an earlier run come first: the offsets skip them.
    const stages = stagesFor([0, ...starts]);
    const offsets = Object.fromEntries(Object.keys(stages).map((k) => [k, 1]));
    const rows = breakdown(starts.map(path), stages, offsets, 1);
    expect(rows.map((r) => [r.stage, r.p50])).toEqual([
      ['host stamp → WebSocket frame', 2],
      ['bridge frame parse + validation', 1],
      ['scan router + barcode parse + classify', 1],
      ['material check', 0.5],
      ['append: payload check, queue → group commit', 0.5],
      ['IndexedDB: reads, envelopes, writes issued → written', 2],
      ['IndexedDB commit (strict durability: the fsync)', 6],
      ['host copy still awaited + hand-back', 1.5],
      ['store update → React commit', 5.5],
      ['React commit → painted', 10],
      ['(parallel) host copy round trip, from the group commit', 9],
      ['(total) journal commit (IndexedDB strict + host copy)', 10],
    ]);
    // The path's own stages sum to last byte → painted; the overlapping rows stay out of the sum.
    expect(rows.filter((r) => !r.parallel).reduce((sum, r) => sum + r.p50, 0)).toBe(30);
    expect(breakdownTable('t', rows)).toContain('| (total) journal commit (IndexedDB strict + host copy) | 10.00 ms | 10.00 ms | 10.00 ms |');
  });

  it('pools the rounds of one variant before it takes quantiles', () => {
    const one = stageDurations([path(1000)], stagesFor([1000]), {}, 0);
    const other = stageDurations([path(2000)], { ...stagesFor([2000]), 'idb-committed': [2000 + 17] }, {}, 0);
    const rows = rowsOf(mergeDurations([one, other]));
    const commit = rows.find((r) => r.stage === 'IndexedDB commit (strict durability: the fsync)')!;
    expect([commit.p50, commit.max]).toEqual([6, 10]);
  });

  it('refuses to report a stage whose mark is missing for a scan', () => {
    const stages = stagesFor([1000]);
    stages.checked = [];
    expect(() => breakdown([path(1000)], stages, {}, 0)).toThrow('scan 0: no checked mark');
  });
});
