import type { RawScan } from '../../shared/bridge';

/**
 * Always-on User Timing marks for scan latency (`npm run bench -- scan`):
 * a scan's arrival in the renderer and the moment a verdict reached the
 * screen. Only the newest mark of each name is kept on the timeline, so a
 * kiosk running for weeks holds two small entries, not one per scan; a
 * PerformanceObserver (the benchmark's) still sees every one.
 */

export const SCAN_RECEIVED_MARK = 'takt:scan-received';
export const VERDICT_PAINTED_MARK = 'takt:verdict-painted';

export interface ScanReceivedDetail {
  /** Epoch ms when the host had the scan's last byte (serial scanner only). */
  lastByteAt: number | null;
  source: RawScan['source'];
}

export interface VerdictPaintedDetail {
  serial: number;
  tone: 'ok' | 'nok';
}

function replaceMark(name: string, detail: unknown): void {
  if (typeof performance === 'undefined' || typeof performance.mark !== 'function') return;
  performance.clearMarks(name);
  performance.mark(name, { detail });
}

export function markScanReceived(scan: Pick<RawScan, 'source' | 'lastByteAt'>): void {
  replaceMark(SCAN_RECEIVED_MARK, { lastByteAt: scan.lastByteAt ?? null, source: scan.source } satisfies ScanReceivedDetail);
}

/**
 * Marks once the verdict committed to the DOM has been painted: called in a
 * layout effect, the animation frame runs before that paint and the task
 * queued from it runs after it.
 */
export function markVerdictPaintedAfterNextPaint(detail: VerdictPaintedDetail): () => void {
  if (typeof requestAnimationFrame !== 'function') return () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(() => replaceMark(VERDICT_PAINTED_MARK, detail), 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
