import { afterEach, describe, expect, it, vi } from 'vitest';
import { Cache } from '../../../renderer/storage/cache';
import { Journal } from '../../../renderer/storage/journal';
import { SyncEngine } from '../../../renderer/sync/sync-engine';
import { MAX_SYNC_ERRORS, rememberError, type SyncStatus } from '../../../renderer/sync/sync-status';
import { FakeBridge } from '../support/fake-bridge';
import { fixedClock, uniqueTerminalId } from '../support/fixtures';
import { ManualTimers } from '../support/manual-timers';

/** Liveness of the loop: a timer always exists while events are pending, connectivity ends a backoff, errors are kept. */
const started = (i: number) => ({ type: 'OrderStarted' as const, orderId: `o-${i}`, payload: { orderNumber: `PO-${i}`, materialId: 'm-1', quantity: 1 } });

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function rig() {
  const id = uniqueTerminalId();
  const [journal, cache] = await Promise.all([Journal.open(id), Cache.open(id)]);
  const bridge = new FakeBridge();
  let up = false;
  let serverSeq = 0;
  bridge.handle('sync:push', ({ events }) => {
    if (!up) return { ok: false, error: { code: 'server-unreachable', message: 'ECONNREFUSED 127.0.0.1:7400' } };
    for (const e of events) if (e.seq === serverSeq + 1) serverSeq = e.seq;
    return { ok: true, value: { ackSeq: serverSeq } };
  });
  bridge.handle('sync:pull', (q) => (up ? { ok: true, value: { changes: [], rev: Number(q.after ?? 0), hasMore: false } } : { ok: false, error: { code: 'server-unreachable', message: 'down' } }));
  const timers = new ManualTimers();
  const clock = fixedClock();
  const statuses: SyncStatus[] = [];
  const engine = new SyncEngine({ journal, cache, bridge, clock, timers, random: () => 0.5, publish: (s) => statuses.push(s) });
  cleanups.push(() => {
    engine.stop();
    journal.close();
    cache.close();
  });
  return { journal, cache, bridge, timers, clock, statuses, engine, setUp: (v: boolean) => (up = v), last: () => statuses[statuses.length - 1]! };
}

describe('SyncEngine liveness', () => {
  it('keeps a retry timer while events are pending, with no new local write needed', async () => {
    const r = await rig();
    await r.journal.append([started(1)], { clock: r.clock });
    r.engine.start();
    for (let i = 0; i < 6; i++) {
      await vi.waitFor(() => expect(r.timers.pending()).toHaveLength(1));
      r.timers.runNext();
    }
    await vi.waitFor(() => expect(r.timers.pending()).toHaveLength(1));
    expect(r.bridge.callsTo('sync:push').length).toBeGreaterThanOrEqual(6);
    r.setUp(true);
    r.timers.runNext();
    await vi.waitFor(() => expect(r.last()).toMatchObject({ online: true, pending: 0, head: 1, ackedSeq: 1 }));
  });

  it('retryNow() (connectivity back, "sync now") ends a long backoff at once', async () => {
    const r = await rig();
    await r.journal.append([started(1)], { clock: r.clock });
    r.engine.start();
    for (let i = 0; i < 8; i++) {
      await vi.waitFor(() => expect(r.timers.pending()).toHaveLength(1));
      r.timers.runNext();
    }
    await vi.waitFor(() => expect(r.timers.pending()[0]).toBeGreaterThan(10_000));
    r.setUp(true);
    r.engine.retryNow();
    await vi.waitFor(() => expect(r.last()).toMatchObject({ online: true, pending: 0 }));
    // And the backoff starts from the bottom again next time.
    r.setUp(false);
    await r.journal.append([started(2)], { clock: r.clock });
    r.engine.notify();
    await vi.waitFor(() => expect(r.timers.pending()).toEqual([500]));
  });

  it('keeps the last errors (newest first, at most 10) with their time, and the next attempt', async () => {
    const r = await rig();
    await r.journal.append([started(1)], { clock: r.clock });
    r.engine.start();
    for (let i = 0; i < 12; i++) {
      await vi.waitFor(() => expect(r.timers.pending()).toHaveLength(1));
      r.clock.advance(1000);
      r.timers.runNext();
    }
    await vi.waitFor(() => expect(r.last().lastErrors).toHaveLength(MAX_SYNC_ERRORS));
    const errors = r.last().lastErrors!;
    expect(errors[0]).toMatchObject({ code: 'server-unreachable', message: expect.stringContaining('ECONNREFUSED') });
    expect(Date.parse(errors[0]!.at)).toBeGreaterThan(Date.parse(errors[9]!.at));
    expect(r.last().nextAttemptAt).toBeDefined();
    expect(r.last()).toMatchObject({ online: false, pending: 1, head: 1, ackedSeq: 0 });
  });

  it('rememberError is pure and capped', () => {
    let list = rememberError(undefined, { code: 'server-unreachable', message: '1', at: 't1' });
    for (let i = 2; i <= 15; i++) list = rememberError(list, { code: 'server-unreachable', message: String(i), at: `t${i}` });
    expect(list.map((e) => e.message)).toEqual(['15', '14', '13', '12', '11', '10', '9', '8', '7', '6']);
  });
});
