import type { RawScan } from '../../../shared/bridge';
import type { BarcodeDecoder, Frame } from './decoder';

/**
 * The camera channel without React: grabs a frame every `intervalMs`, feeds it
 * to the decoder, and turns a symbol into a RawScan with source 'camera'. The
 * same symbol held in front of the camera is one scan, not one per frame: it
 * is reported again only after it was out of sight for `repeatAfterMs`.
 */
export interface CameraLoopOptions {
  grab: () => Frame | null;
  decoder: BarcodeDecoder;
  onScan: (scan: RawScan) => void;
  intervalMs?: number;
  repeatAfterMs?: number;
  now?: () => number;
  clock?: () => Date;
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

export interface CameraLoop {
  stop(): void;
  /** One grab-and-decode step (the timer calls it; tests call it directly). */
  tick(): Promise<void>;
}

export function startCameraLoop(options: CameraLoopOptions): CameraLoop {
  const intervalMs = options.intervalMs ?? 120;
  const repeatAfterMs = options.repeatAfterMs ?? 1500;
  const now = options.now ?? (() => performance.now());
  const clock = options.clock ?? (() => new Date());
  const timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) };
  let stopped = false;
  let timer: unknown;
  let last: { raw: string; seenAt: number } | null = null;

  async function tick(): Promise<void> {
    const frame = options.grab();
    if (!frame) return;
    const symbol = await options.decoder.decode(frame);
    if (stopped || !symbol) return;
    const at = now();
    const repeat = last !== null && last.raw === symbol.raw && at - last.seenAt < repeatAfterMs;
    last = { raw: symbol.raw, seenAt: at };
    if (!repeat) options.onScan({ raw: symbol.raw, source: 'camera', receivedAt: clock().toISOString() });
  }

  const schedule = () => {
    if (stopped) return;
    timer = timers.setTimeout(() => {
      void tick().finally(schedule);
    }, intervalMs);
  };
  schedule();

  return {
    tick,
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
    },
  };
}
