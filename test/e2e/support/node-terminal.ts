import 'fake-indexeddb/auto';
import type { BridgeClient, HostHandlers } from '../../../shared/bridge';
import { dispatchBridgeCall } from '../../../shared/bridge-dispatch';
import type { NewEvent } from '../../../shared/events';
import { createServerTransport } from '../../../electron/host/server-transport';
import { realTimers } from '../../../renderer/bridge/types';
import { Cache } from '../../../renderer/storage/cache';
import { Journal } from '../../../renderer/storage/journal';
import { SyncEngine } from '../../../renderer/sync/sync-engine';
import type { SyncStatus } from '../../../renderer/sync/sync-status';

/**
 * A terminal in this Node process for the high-volume chaos tests: the real
 * Journal (Dexie, here over fake-indexeddb), the real SyncEngine, and the real
 * host transport (createServerTransport with the terminal token, behind
 * dispatchBridgeCall, exactly as the host answers `sync:push`/`sync:pull`).
 * Only the browser is missing: Chromium's IndexedDB durability is what the
 * kill test proves; these tests prove the protocol under lost answers,
 * server restarts, a big backlog and a wrong clock, at 20k–50k events, which
 * a scripted UI could not produce in the time budget.
 */
export interface NodeTerminal {
  journal: Journal;
  cache: Cache;
  engine: SyncEngine;
  status: () => SyncStatus;
  /** Seq → id of every event whose append resolved ok (what the UI would have shown as booked). */
  confirmed: Map<number, string>;
  /** Appends `count` login/logout events in appends of `perAppend`; returns when all committed. */
  book(count: number, perAppend?: number, clock?: () => Date): Promise<void>;
  /** Resolves when nothing is pending (or rejects after `timeoutMs`). */
  drained(timeoutMs: number): Promise<void>;
  close(): void;
}

export interface NodeTerminalOptions {
  terminalId: string;
  serverUrl: string;
  token: string;
  pushBatch?: number;
  clock?: () => Date;
  /** HTTP timeout of the host transport. */
  timeoutMs?: number;
}

export function bookingEvents(start: number, count: number): NewEvent[] {
  return Array.from({ length: count }, (_, i) =>
    (start + i) % 2 === 0
      ? { type: 'OperatorLoggedIn', operatorId: 'op-anna', payload: { badge: 'B1001', role: 'operator', method: 'badge' } }
      : { type: 'OperatorLoggedOut', operatorId: 'op-anna', payload: { reason: 'manual' } },
  ) as NewEvent[];
}

export async function startNodeTerminal(o: NodeTerminalOptions): Promise<NodeTerminal> {
  const journal = await Journal.open(o.terminalId);
  const cache = await Cache.open(o.terminalId);
  const transport = createServerTransport({ serverUrl: o.serverUrl, terminalId: o.terminalId, token: o.token, timeoutMs: o.timeoutMs ?? 5_000 });
  const handlers = {
    'sync:push': ({ events }) => transport.push(events),
    'sync:pull': ({ after, limit }) => transport.pull(after, limit),
  } as Partial<HostHandlers> as HostHandlers;
  const bridge: Pick<BridgeClient, 'call'> = {
    call: (channel, request) => dispatchBridgeCall(handlers, channel, request) as never,
  };
  let status: SyncStatus = { online: false, pending: 0 };
  const clock = o.clock ?? (() => new Date());
  const engine = new SyncEngine({
    journal,
    cache,
    bridge,
    clock,
    timers: realTimers,
    publish: (s) => (status = s),
    backoff: { minMs: 50, maxMs: 1_000 },
    pushBatch: o.pushBatch ?? 1000,
    pullIntervalMs: 60_000,
  });
  const confirmed = new Map<number, string>();
  let booked = 0;
  return {
    journal,
    cache,
    engine,
    status: () => status,
    confirmed,
    async book(count, perAppend = 1000, bookClock = clock) {
      for (let done = 0; done < count; done += perAppend) {
        const n = Math.min(perAppend, count - done);
        const res = await journal.append(bookingEvents(booked, n), { clock: bookClock });
        if (!res.ok) throw new Error(`append failed: ${res.error.code} ${res.error.message}`);
        for (const e of res.value.events) confirmed.set(e.seq, e.id);
        booked += n;
        engine.notify();
      }
    },
    async drained(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const info = await journal.syncInfo();
        if (info.pending === 0) return;
        if (Date.now() > deadline) throw new Error(`still ${info.pending} pending after ${timeoutMs} ms; last status ${JSON.stringify(status)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close() {
      engine.stop();
      journal.close();
      cache.close();
    },
  };
}
