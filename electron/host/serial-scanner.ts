import { SerialPort } from 'serialport';
import type { RawScan, ScannerStatus } from '../../shared/bridge';
import type { Framing } from './config';
import { createScanFramer, DEFAULT_MAX_SCAN_LENGTH } from './scanner-framing';
import { hostLogger } from './log-file';

/**
 * A serial barcode scanner: opens the port, frames bytes into scans, and keeps
 * trying to reopen after an unplug or an open failure, so a replugged scanner
 * works again without a restart. Never throws to its caller; every problem is
 * a status change.
 */

/** The slice of serialport's SerialPort used here, so tests can inject a fake. */
export interface PortLike {
  open(callback: (err: Error | null) => void): void;
  close(callback?: (err: Error | null) => void): void;
  readonly isOpen: boolean;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'close', listener: (err?: Error | null) => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  removeAllListeners(): this;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SerialScannerOptions {
  path: string;
  baudRate: number;
  framing: Framing;
  /** `timeout` framing: this long without a byte ends a scan (default 50 ms). */
  gapMs?: number;
  maxLength?: number;
  /** First retry delay; doubles per failed attempt up to maxRetryMs. */
  retryMs?: number;
  /** Kept below 2 s so a replugged scanner is usable again within 2 s. */
  maxRetryMs?: number;
  now?: () => Date;
  /** Epoch ms with sub-ms precision, for `lastByteAt` (default: performance.timeOrigin + performance.now()). */
  preciseNow?: () => number;
  timers?: Timers;
  openPort?: (options: { path: string; baudRate: number }) => PortLike;
}

export interface Scanner {
  start(): void;
  stop(): Promise<void>;
  status(): ScannerStatus;
  onScan(listener: (scan: RawScan) => void): () => void;
  onStatus(listener: (status: ScannerStatus) => void): () => void;
}

/** Timeout framing: a scanner sends a scan's bytes back to back; 50 ms of silence ends it. */
export const DEFAULT_GAP_MS = 50;

const defaultOpenPort = ({ path, baudRate }: { path: string; baudRate: number }): PortLike =>
  new SerialPort({ path, baudRate, autoOpen: false });

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function createSerialScanner(options: SerialScannerOptions): Scanner {
  const { path, baudRate, framing } = options;
  const retryMs = options.retryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 1500;
  const now = options.now ?? (() => new Date());
  const preciseNow = options.preciseNow ?? (() => performance.timeOrigin + performance.now());
  const timers = options.timers ?? defaultTimers;
  const openPort = options.openPort ?? defaultOpenPort;

  const scanListeners = new Set<(scan: RawScan) => void>();
  const statusListeners = new Set<(status: ScannerStatus) => void>();
  let current: ScannerStatus = { state: 'disconnected', port: path, message: 'not started' };
  let port: PortLike | undefined;
  let retryTimer: unknown;
  let nextDelay = retryMs;
  let running = false;
  let gapTimer: unknown;
  /** When the latest chunk arrived: with timeout framing a scan ends a gap later, but its last byte came then. */
  let lastChunkAt = 0;
  const gapMs = options.gapMs ?? DEFAULT_GAP_MS;

  const framer = createScanFramer({
    framing,
    maxLength: options.maxLength ?? DEFAULT_MAX_SCAN_LENGTH,
    onOverflow: (length) => setStatus({ state: 'connected', port: path, message: `scan longer than ${length - 1} characters dropped` }),
  });

  function setStatus(status: ScannerStatus): void {
    if (status.state === current.state && status.message === current.message) return;
    current = status;
    for (const listener of statusListeners) safeCall(listener, status);
  }

  function scheduleRetry(): void {
    if (!running || retryTimer !== undefined) return;
    const delay = nextDelay;
    nextDelay = Math.min(nextDelay * 2, maxRetryMs);
    retryTimer = timers.setTimeout(() => {
      retryTimer = undefined;
      connect();
    }, delay);
  }

  function emit(raws: readonly string[]): void {
    if (raws.length === 0) return;
    const receivedAt = now().toISOString();
    for (const raw of raws) {
      const scan: RawScan = { raw, source: 'serial', receivedAt, port: path, lastByteAt: lastChunkAt };
      for (const listener of scanListeners) safeCall(listener, scan);
    }
  }

  function clearGapTimer(): void {
    if (gapTimer !== undefined) timers.clearTimeout(gapTimer);
    gapTimer = undefined;
  }

  /** Timeout framing: (re)arms the gap timer after every chunk while part of a scan is buffered. */
  function armGapTimer(): void {
    clearGapTimer();
    if (framing !== 'timeout' || !framer.pending()) return;
    gapTimer = timers.setTimeout(() => {
      gapTimer = undefined;
      emit(framer.flush());
    }, gapMs);
  }

  function dropPort(message: string): void {
    const old = port;
    port = undefined;
    clearGapTimer();
    framer.reset();
    if (old) {
      old.removeAllListeners();
      old.on('error', () => {}); // a late error from a dead port must not become an uncaught 'error' event
      if (old.isOpen) old.close(() => {});
    }
    setStatus({ state: 'disconnected', port: path, message });
    scheduleRetry();
  }

  function connect(): void {
    if (!running || port) return;
    let candidate: PortLike;
    try {
      candidate = openPort({ path, baudRate });
    } catch (err) {
      // serialport throws synchronously on bad options; treat like an open failure.
      setStatus({ state: 'disconnected', port: path, message: errorMessage(err) });
      scheduleRetry();
      return;
    }
    port = candidate;
    candidate.on('error', (err) => {
      if (port === candidate) dropPort(`port error: ${err.message}`);
    });
    candidate.on('close', () => {
      if (port === candidate) dropPort('port closed (unplugged?)');
    });
    candidate.on('data', (chunk) => {
      if (port !== candidate) return;
      lastChunkAt = preciseNow();
      emit(framer.push(chunk));
      armGapTimer();
    });
    candidate.open((err) => {
      if (port !== candidate) {
        // Stopped while opening: close what we just opened instead of leaking it.
        if (!err) candidate.close(() => {});
        return;
      }
      if (err) return dropPort(`cannot open: ${err.message}`);
      nextDelay = retryMs;
      setStatus({ state: 'connected', port: path });
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      setStatus({ state: 'disconnected', port: path, message: 'opening' });
      connect();
    },
    async stop() {
      running = false;
      if (retryTimer !== undefined) timers.clearTimeout(retryTimer);
      retryTimer = undefined;
      clearGapTimer();
      framer.reset();
      const old = port;
      port = undefined;
      if (old) {
        old.removeAllListeners();
        old.on('error', () => {});
        if (old.isOpen) await new Promise<void>((resolve) => old.close(() => resolve()));
      }
      setStatus({ state: 'disconnected', port: path, message: 'stopped' });
    },
    status: () => current,
    onScan(listener) {
      scanListeners.add(listener);
      return () => scanListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}

/** A listener's failure must not stop the scanner or the other listeners. */
function safeCall<T>(listener: (value: T) => void, value: T): void {
  try {
    listener(value);
  } catch (err) {
    hostLogger('serial-scanner').error('listener failed', err);
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
