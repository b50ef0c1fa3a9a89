import '../../renderer/zod-config';
import { createBridgeClient, type TaktBridge } from '../../renderer/bridge/client';
import { preparePageSession } from '../../renderer/bridge/pairing';
import { realTimers } from '../../renderer/bridge/types';
import { Cache } from '../../renderer/storage/cache';
import { Journal } from '../../renderer/storage/journal';
import { hostJournalCopy } from '../../renderer/storage/journal-copy-client';
import { startSync, type WorkerLike } from '../../renderer/sync/sync-runner';
import type { SyncStatus } from '../../renderer/sync/sync-status';
import type { EventEnvelope } from '../../shared/events';
import { benchBookings } from '../support/sync-bookings';

/**
 * The Takt terminal of the Chromium sync bench (bench/sync-chromium.ts), built
 * from the renderer's own modules and served by the real browser host: the
 * page pairs like the app, books into the Journal (Dexie over Chromium's
 * IndexedDB, strict durability, every append also into the host's SQLite
 * copy), then starts sync exactly as boot.ts does: the SyncEngine in the
 * module worker, its `sync:push` carried over the MessageChannel to this
 * thread, over the loopback WebSocket to the host, and by the host's server
 * transport to `POST /api/v1/sync/push`.
 */

export interface TaktSyncBench {
  /** Pairs with the host and opens the journal and cache; resolves with the terminal id the host serves. */
  open(): Promise<string>;
  /** Books `count` events in appends of `perAppend`; resolves with the milliseconds it took. */
  book(count: number, perAppend: number): Promise<number>;
  /** Starts sync and resolves when the journal's cursor reached `count`. */
  drain(count: number, timeoutMs: number, pushBatch?: number): Promise<DrainTiming>;
  /** The journal's envelopes (the competitor's documents). */
  envelopes(from: number, limit: number): Promise<EventEnvelope[]>;
}

/** The drain's time, and how much of it the page waited for `sync:push` answers (WebSocket, host, HTTP, server). */
export interface DrainTiming {
  ms: number;
  pushes: number;
  pushWaitMs: number;
}

let bridge: TaktBridge | null = null;
let journal: Journal | null = null;
let cache: Cache | null = null;
let terminalId = '';

const bench: TaktSyncBench = {
  async open() {
    const session = await preparePageSession({ location: window.location, history: window.history, fetch: (url, init) => window.fetch(url, init) });
    if (session !== 'paired') throw new Error(`the page could not pair with the host: ${session}`);
    bridge = createBridgeClient();
    const info = await bridge.call('host:info', {});
    if (!info.ok) throw new Error(`host:info: ${info.error.code} ${info.error.message}`);
    terminalId = info.value.terminalId;
    [journal, cache] = await Promise.all([Journal.open(terminalId), Cache.open(terminalId)]);
    journal.setCopy(hostJournalCopy(bridge));
    return terminalId;
  },

  async book(count, perAppend) {
    const j = opened(journal);
    const started = performance.now();
    for (let done = 0; done < count; done += perAppend) {
      const n = Math.min(perAppend, count - done);
      const res = await j.append(benchBookings(done, n), { clock: () => new Date() });
      if (!res.ok) throw new Error(`append failed: ${res.error.code} ${res.error.message}`);
    }
    return performance.now() - started;
  },

  drain(count, timeoutMs, pushBatch) {
    const j = opened(journal);
    const b = timedPushes(opened(bridge));
    return new Promise<DrainTiming>((resolve, reject) => {
      let last: SyncStatus | null = null;
      const started = performance.now();
      const timeout = setTimeout(() => {
        handle.stop();
        reject(new Error(`not acknowledged within ${timeoutMs} ms; last status ${JSON.stringify(last)}`));
      }, timeoutMs);
      const handle = startSync({
        terminalId,
        bridge: b,
        journal: j,
        cache: opened(cache),
        clock: () => new Date(),
        timers: realTimers,
        // Every status the engine publishes after a push carries the journal's cursor: no polling needed.
        publish(status) {
          last = status;
          if ((status.ackedSeq ?? 0) < count) return;
          const ms = performance.now() - started;
          clearTimeout(timeout);
          handle.stop();
          resolve({ ms, pushes: b.pushes, pushWaitMs: b.pushWaitMs });
        },
        onPulled: () => undefined,
        ...(pushBatch ? { settings: { pushBatch } } : {}),
        createWorker: () => new Worker('./sync-worker.js', { type: 'module', name: 'takt-sync' }) as unknown as WorkerLike,
      });
    });
  },

  envelopes(from, limit) {
    return opened(journal).eventsAfter(from, limit);
  },
};

/** The page's bridge, counting the time the worker's pushes spend beyond this thread. */
function timedPushes(inner: TaktBridge): TaktBridge & { pushes: number; pushWaitMs: number } {
  const timed = Object.assign(Object.create(inner) as TaktBridge, { pushes: 0, pushWaitMs: 0 });
  timed.call = (async (channel: string, request: unknown) => {
    if (channel !== 'sync:push') return inner.call(channel as never, request as never);
    const started = performance.now();
    try {
      return await inner.call('sync:push', request as never);
    } finally {
      timed.pushes++;
      timed.pushWaitMs += performance.now() - started;
    }
  }) as TaktBridge['call'];
  return timed;
}

function opened<T>(value: T | null): T {
  if (value === null) throw new Error('open() first');
  return value;
}

(window as unknown as { taktSyncBench: TaktSyncBench }).taktSyncBench = bench;
