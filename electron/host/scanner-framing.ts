import type { Framing } from './config';

/**
 * Turns the byte chunks of a serial scanner into scans, split at the
 * configured suffix. Pure and synchronous, so every framing edge case is a
 * table-driven unit test rather than a serial-port experiment.
 *
 * `timeout` framing (scanners set up without a suffix): push() only collects;
 * the caller arms a timer after each chunk and calls flush() when the line has
 * been quiet for the configured gap. A CR/LF at the very end of such a burst is
 * still taken as a suffix and dropped; CR/LF inside it are data. Two scans
 * that reach the host within one gap cannot be told apart in this mode.
 *
 * Bytes are decoded as latin1 (one char per byte), so GS/RS/EOT, AIM
 * prefixes such as `]C1` and any 8-bit byte reach the barcode parser intact.
 */

export const DEFAULT_MAX_SCAN_LENGTH = 8192; // RawScan.raw's limit in shared/bridge.ts

const CR = '\r';
const LF = '\n';

export interface FramerOptions {
  framing: Framing;
  maxLength?: number;
  /** Called when a scan exceeded maxLength and was dropped (with the length seen so far). */
  onOverflow?: (length: number) => void;
}

export interface ScanFramer {
  /** Feeds a chunk; returns the scans completed by it, in order. Empty scans are never returned. */
  push(chunk: Uint8Array | string): string[];
  /** True while part of a scan is buffered (timeout framing: the caller should arm its gap timer). */
  pending(): boolean;
  /** The gap timer fired: ends the buffered scan (timeout framing; suffix framings return nothing). */
  flush(): string[];
  /** Forgets a partial scan, e.g. after the port was closed mid-scan. */
  reset(): void;
}

export function createScanFramer({ framing, maxLength = DEFAULT_MAX_SCAN_LENGTH, onOverflow }: FramerOptions): ScanFramer {
  let buffer = '';
  // After an overflow we drop bytes up to the next terminator, so the tail of
  // an over-long scan never shows up as a scan of its own.
  let discarding = false;
  // auto mode: a CR just ended a scan, so an LF right after it belongs to the same terminator.
  let afterCr = false;
  // CRLF mode: the previous chunk ended in CR that may start a terminator.
  let pendingCr = false;

  const scans: string[] = [];

  const finish = (): void => {
    if (!discarding && buffer.length > 0) scans.push(buffer);
    buffer = '';
    discarding = false;
  };

  const append = (char: string): void => {
    if (discarding) return;
    buffer += char;
    if (buffer.length > maxLength) {
      onOverflow?.(buffer.length);
      buffer = '';
      discarding = true;
    }
  };

  const feed = (char: string): void => {
    switch (framing) {
      case 'timeout':
        append(char);
        return;
      case 'CR':
        if (char === CR) finish();
        else append(char);
        return;
      case 'LF':
        if (char === LF) finish();
        else append(char);
        return;
      case 'CRLF':
        if (pendingCr) {
          pendingCr = false;
          if (char === LF) return finish();
          append(CR); // a lone CR is data in CRLF mode
        }
        if (char === CR) pendingCr = true;
        else append(char);
        return;
      case 'auto': {
        const wasAfterCr = afterCr;
        afterCr = false;
        if (char === LF && wasAfterCr) return; // second half of CRLF
        if (char === CR || char === LF) {
          afterCr = char === CR;
          return finish();
        }
        append(char);
        return;
      }
    }
  };

  return {
    push(chunk) {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
      scans.length = 0;
      for (const char of text) feed(char);
      return scans.splice(0);
    },
    pending: () => buffer.length > 0 || discarding,
    flush() {
      if (framing !== 'timeout') return [];
      scans.length = 0;
      buffer = buffer.replace(/(?:\r\n|\r|\n)$/, '');
      finish();
      return scans.splice(0);
    },
    reset() {
      buffer = '';
      discarding = false;
      afterCr = false;
      pendingCr = false;
    },
  };
}
