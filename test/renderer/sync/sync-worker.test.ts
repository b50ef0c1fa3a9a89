import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '../../../shared/events';
import { Cache } from '../../../renderer/storage/cache';
import { Journal } from '../../../renderer/storage/journal';
import { bridgeOverPort, serveBridgeOverPort, type PortLike } from '../../../renderer/sync/port-rpc';
import { startSync, type SyncHandle, type WorkerLike } from '../../../renderer/sync/sync-runner';
import type { SyncStatus } from '../../../renderer/sync/sync-status';
import { restoreProduction } from '../../../shared/journal-snapshot';
import { FakeBridge } from '../support/fake-bridge';
import { inProcessWorker } from '../support/in-process-worker';
import { demoPage, fixedClock, uniqueTerminalId } from '../support/fixtures';
import { ManualTimers } from '../support/manual-timers';

const ev = () => ({ type: 'OperatorLoggedOut' as const, operatorId: 'op-anna', payload: { reason: 'manual' as const } });
const port = (p: MessagePort) => p as unknown as PortLike;

function server(bridge: FakeBridge, terminalId: string) {
  const pushed: EventEnvelope[] = [];
  let up = true;
  bridge.handle('sync:push', ({ events }) => {
    if (!up) return { ok: false, error: { code: 'server-unreachable', message: 'down' } };
    for (const e of events) if (e.seq === pushed.length + 1) pushed.push(e);
    return { ok: true, value: { ackSeq: pushed.length } };
  });
  bridge.handle('sync:pull', (q) => (up ? { ok: true, value: Number(q.after ?? 0) === 0 ? demoPage(terminalId) : { changes: [], rev: 10, hasMore: false } } : { ok: false, error: { code: 'server-unreachable', message: 'down' } }));
  return { pushed, setUp: (v: boolean) => (up = v) };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('port RPC', () => {
  it('carries sync:push/pull to the UI thread bridge and refuses anything else', async () => {
    const bridge = new FakeBridge().handle('sync:pull', () => ({ ok: true, value: { changes: [], rev: 3, hasMore: false } }));
    const channel = new MessageChannel();
    const stop = serveBridgeOverPort(port(channel.port1), bridge);
    const client = bridgeOverPort(port(channel.port2));
    cleanups.push(() => {
      stop();
      channel.port1.close();
      channel.port2.close();
    });
    expect(await client.call('sync:pull', { after: 0, limit: 10 })).toEqual({ ok: true, value: { changes: [], rev: 3, hasMore: false } });
    expect(await client.call('host:info', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(bridge.callsTo('host:info')).toEqual([]);
  });

  it('times out instead of hanging when the UI thread never answers', async () => {
    const channel = new MessageChannel();
    const client = bridgeOverPort(port(channel.port2), 20);
    cleanups.push(() => {
      channel.port1.close();
      channel.port2.close();
    });
    expect(await client.call('sync:push', { events: [] })).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });
});

describe('startSync', () => {
  async function setup(mode: 'worker' | 'main') {
    const terminalId = uniqueTerminalId();
    const [journal, cache] = await Promise.all([Journal.open(terminalId), Cache.open(terminalId)]);
    const bridge = new FakeBridge();
    const srv = server(bridge, terminalId);
    const statuses: SyncStatus[] = [];
    const pulled = vi.fn();
    const connectivity = new EventTarget();
    const worker = mode === 'worker' ? inProcessWorker() : null;
    const timers = new ManualTimers();
    const handle: SyncHandle = startSync({
      terminalId,
      bridge,
      journal,
      cache,
      clock: fixedClock(),
      timers,
      publish: (s) => statuses.push(s),
      onPulled: pulled,
      connectivity,
      createWorker: () => worker,
    });
    cleanups.push(() => {
      handle.stop();
      journal.close();
      cache.close();
    });
    return { timers, terminalId, journal, cache, bridge, srv, statuses, pulled, connectivity, worker, handle, last: () => statuses[statuses.length - 1] };
  }

  it('runs the loop in the worker: pushes through the UI thread bridge, pulls into the shared cache, reports status', async () => {
    const r = await setup('worker');
    expect(r.handle.mode).toBe('worker');
    await r.journal.append([ev(), ev(), ev()], { clock: fixedClock() });
    r.handle.notify();
    await vi.waitFor(() => expect(r.srv.pushed.map((e) => e.seq)).toEqual([1, 2, 3]));
    await vi.waitFor(() => expect(r.last()).toMatchObject({ online: true, pending: 0, head: 3, ackedSeq: 3, runsIn: 'worker' }));
    await vi.waitFor(() => expect(r.pulled).toHaveBeenCalled());
    // The worker wrote master data through its own Dexie handle; the UI thread's handle reads it.
    expect((await r.cache.operators()).map((o) => o.id)).toContain('op-anna');
    expect(await r.journal.ackedSeq()).toBe(3);
    r.handle.stop();
    expect(r.worker!.terminated).toBe(false); // it first closes its database handles…
    r.timers.advance(500);
    expect(r.worker!.terminated).toBe(true); // …then it ends
  });

  it('folds the journal into a snapshot in the worker when asked, and answers with the seq it covers', async () => {
    const r = await setup('worker');
    await r.journal.append([
      ev(),
      { type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 4 } },
      { type: 'ScrapBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 1, reasonId: 'r-1' } },
      ev(),
    ], { clock: fixedClock() });
    expect(await r.journal.snapshotSeq()).toBe(0);
    // Two requests at once (an order opening while the list folds): both answered, the second finds nothing new.
    const [first, second] = await Promise.all([r.handle.takeSnapshot(), r.handle.takeSnapshot()]);
    expect([first?.seq, second?.seq]).toEqual([4, 4]);
    expect(await r.journal.snapshotSeq()).toBe(4);
    const stored = await r.journal.latestSnapshot();
    expect(stored?.seq).toBe(4);
    // Both carry the stored snapshot's production part, so this thread need not read the snapshot back.
    const fromStore = restoreProduction(stored, []);
    expect(Object.keys(fromStore.production.orders)).toEqual(['o-2']);
    expect(first?.folded).toEqual({ seq: 4, ...fromStore });
    expect(second?.folded).toEqual({ seq: 4, ...fromStore });
    // The order waiting for it is not blocked by megabytes of snapshot carried through this thread to the host.
    expect(r.bridge.callsTo('journal:mirror').filter((m) => (m as { snapshot?: unknown }).snapshot)).toEqual([]);
    r.handle.stop();
    expect(await r.handle.takeSnapshot()).toBeNull(); // stopped: the caller folds itself
  });

  it('answers a snapshot request with null on this thread: the caller folds as before', async () => {
    const r = await setup('main');
    await r.journal.append([ev()], { clock: fixedClock() });
    expect(await r.handle.takeSnapshot()).toBeNull();
    expect(await r.journal.snapshotSeq()).toBe(0);
  });

  it('falls back to this thread when there is no Worker (jsdom)', async () => {
    const r = await setup('main');
    expect(r.handle.mode).toBe('main');
    await r.journal.append([ev()], { clock: fixedClock() });
    r.handle.notify();
    await vi.waitFor(() => expect(r.last()).toMatchObject({ online: true, pending: 0, runsIn: 'main' }));
  });

  it.each(['worker', 'main'] as const)('%s: retries at once when the host link reconnects or the OS reports online', async (mode) => {
    const r = await setup(mode);
    r.srv.setUp(false);
    await r.journal.append([ev()], { clock: fixedClock() });
    r.handle.notify();
    await vi.waitFor(() => expect(r.last()).toMatchObject({ online: false, pending: 1, lastError: { code: 'server-unreachable' } }));
    const before = r.bridge.callsTo('sync:push').length;
    r.srv.setUp(true);
    r.bridge.setConnection('disconnected');
    r.bridge.setConnection('connected');
    await vi.waitFor(() => expect(r.last()).toMatchObject({ online: true, pending: 0 }));
    expect(r.bridge.callsTo('sync:push').length).toBe(before + 1);

    r.srv.setUp(false);
    await r.journal.append([ev()], { clock: fixedClock() });
    r.handle.notify();
    await vi.waitFor(() => expect(r.last()).toMatchObject({ online: false, pending: 1 }));
    r.srv.setUp(true);
    r.connectivity.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(r.last()).toMatchObject({ online: true, pending: 0 }));
  });
});

describe('startSync when the worker fails', () => {
  it('falls back to the UI thread if the worker dies before it ever reported', async () => {
    const terminalId = uniqueTerminalId();
    const [journal, cache] = await Promise.all([Journal.open(terminalId), Cache.open(terminalId)]);
    const bridge = new FakeBridge();
    server(bridge, terminalId);
    const statuses: SyncStatus[] = [];
    let onError: ((e: ErrorEvent) => void) | null = null;
    const broken: WorkerLike = {
      postMessage: () => undefined,
      addEventListener: ((type: string, l: (e: ErrorEvent) => void) => {
        if (type === 'error') onError = l;
      }) as WorkerLike['addEventListener'],
      terminate: () => undefined,
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handle = startSync({ terminalId, bridge, journal, cache, clock: fixedClock(), timers: new ManualTimers(), publish: (s) => statuses.push(s), onPulled: () => undefined, createWorker: () => broken });
    cleanups.push(() => {
      handle.stop();
      journal.close();
      cache.close();
      warn.mockRestore();
      error.mockRestore();
    });
    expect(handle.mode).toBe('worker');
    onError!({ message: 'Failed to load worker script' } as ErrorEvent);
    expect(handle.mode).toBe('main');
    await journal.append([ev()], { clock: fixedClock() });
    handle.notify();
    await vi.waitFor(() => expect(statuses[statuses.length - 1]).toMatchObject({ online: true, pending: 0, runsIn: 'main' }));
  });
});
