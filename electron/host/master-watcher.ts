import { NOTIFY_MAX_WAIT_SECONDS } from '../../shared/sync-protocol';
import { hostLogger } from './log-file';
import type { ServerTransport } from './server-transport';

/**
 * Keeps one long poll open to the server (GET /api/v1/sync/notify) while the
 * host runs, and reports every master-data revision newer than the last one
 * it reported. The renderer compares it with its own checkpoint and pulls at
 * once, so a batch blocked at the server is refused at the line within
 * seconds, not at the next periodic pull. Offline, it retries with a growing
 * pause (1 s doubling to 15 s) and picks up where it was when the server is back.
 */

export interface MasterWatcher {
  start(): void;
  stop(): void;
  /** The newest revision reported so far (0 before the first answer). */
  readonly rev: number;
}

export interface MasterWatcherOptions {
  server: Pick<ServerTransport, 'notify'>;
  onRevision(rev: number): void;
  waitSeconds?: number;
  /** Pause after a failed request: attempt n (from 0) waits this long. */
  retryDelayMs?: (attempt: number) => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const log = hostLogger('master-watcher');

export const defaultRetryDelay = (attempt: number): number => Math.min(15_000, 1000 * 2 ** attempt);

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

export function createMasterWatcher(options: MasterWatcherOptions): MasterWatcher {
  const waitSeconds = options.waitSeconds ?? NOTIFY_MAX_WAIT_SECONDS;
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay;
  const sleep = options.sleep ?? abortableSleep;
  let rev = 0;
  let stop: AbortController | null = null;

  async function loop(signal: AbortSignal): Promise<void> {
    let failures = 0;
    // The first request answers at once with the line's current revision: the baseline the renderer checks against.
    let wait = 0;
    while (!signal.aborted) {
      try {
        const answer = await options.server.notify(rev, wait, signal);
        failures = 0;
        wait = waitSeconds;
        if (answer.changed && answer.rev > rev) {
          rev = answer.rev;
          options.onRevision(rev);
        }
      } catch (err) {
        if (signal.aborted) return;
        if (failures === 0) log.warn('waiting for master-data news failed; retrying', err instanceof Error ? err.message : String(err));
        await sleep(retryDelay(failures++), signal);
      }
    }
  }

  return {
    get rev() {
      return rev;
    },
    start() {
      if (stop) return;
      stop = new AbortController();
      void loop(stop.signal);
    },
    stop() {
      stop?.abort();
      stop = null;
    },
  };
}
