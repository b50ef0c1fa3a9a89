import { describe, expect, it } from 'vitest';
import { breakdown, breakdownTable } from '../../bench/scan-breakdown';

/** The scan bench's per-stage table: consecutive marks of each scan, warm-up left out, a missing mark refused. */
describe('scan path breakdown', () => {
  const path = (t0: number) => ({ lastByteAt: t0, received: t0 + 3, painted: t0 + 30 });
  const stagesFor = (starts: number[]) => ({
    'ws-message': starts.map((t) => t + 2),
    classified: starts.map((t) => t + 4),
    checked: starts.map((t) => t + 4.5),
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
      ['journal commit (IndexedDB strict + host copy)', 10],
      ['store update → React commit', 5.5],
      ['React commit → painted', 10],
    ]);
    expect(rows.reduce((sum, r) => sum + r.p50, 0)).toBe(30);
    expect(breakdownTable('t', rows)).toContain('| journal commit (IndexedDB strict + host copy) | 10.00 ms | 10.00 ms | 10.00 ms |');
  });

  it('refuses to report a stage whose mark is missing for a scan', () => {
    const stages = stagesFor([1000]);
    stages.checked = [];
    expect(() => breakdown([path(1000)], stages, {}, 0)).toThrow('scan 0: no checked mark');
  });
});
