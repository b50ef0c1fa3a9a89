import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '../../../shared/events';
import type { PullResponse } from '../../../shared/sync-protocol';
import { Cache } from '../../../renderer/storage/cache';
import { Journal } from '../../../renderer/storage/journal';
import { SyncEngine } from '../../../renderer/sync/sync-engine';
import type { SyncStatus } from '../../../renderer/sync/sync-status';
import { FakeBridge } from '../support/fake-bridge';
import { change, fixedClock, uniqueTerminalId } from '../support/fixtures';
import { ManualTimers } from '../support/manual-timers';

const started = (i: number) => ({ type: 'OrderStarted' as const, orderId: `o-${i}`, payload: { orderNumber: `PO-${i}`, materialId: 'm-1', quantity: 1 } });

interface Rig {
  journal: Journal;
  cache: Cache;
  bridge: FakeBridge;
  timers: ManualTimers;
  clock: ReturnType<typeof fixedClock>;
  statuses: SyncStatus[];
  engine: SyncEngine;
  pushed: EventEnvelope[][];
}

const rigs: Rig[] = [];
afterEach(() => {
  for (const r of rigs.splice(0)) {
    r.engine.stop();
    r.journal.close();
    r.cache.close();
  }
});

/** A server that stores pushed events and acks the gap-free run, with an empty master-data page. */
async function rig(options: { pushBatch?: number; pushChars?: number; pull?: (after: number) => PullResponse } = {}): Promise<Rig> {
  const id = uniqueTerminalId();
  const [journal, cache] = await Promise.all([Journal.open(id), Cache.open(id)]);
  const bridge = new FakeBridge();
  const pushed: EventEnvelope[][] = [];
  let serverSeq = 0;
  bridge.handle('sync:push', ({ events }) => {
    pushed.push(events);
    for (const e of events) if (e.seq === serverSeq + 1) serverSeq = e.seq;
    return { ok: true, value: { ackSeq: serverSeq } };
  });
  bridge.handle('sync:pull', (q) => ({ ok: true, value: options.pull ? options.pull(Number(q.after ?? 0)) : { changes: [], rev: Number(q.after ?? 0), hasMore: false } }));
  const timers = new ManualTimers();
  const clock = fixedClock();
  const statuses: SyncStatus[] = [];
  const engine = new SyncEngine({
    journal,
    cache,
    bridge,
    clock,
    timers,
    random: () => 0.5,
    publish: (s) => statuses.push(s),
    ...(options.pushBatch ? { pushBatch: options.pushBatch } : {}),
    ...(options.pushChars ? { pushChars: options.pushChars } : {}),
  });
  const r = { journal, cache, bridge, timers, clock, statuses, engine, pushed };
  rigs.push(r);
  return r;
}

const last = (r: Rig) => r.statuses[r.statuses.length - 1]!;

describe('SyncEngine push', () => {
  it('pushes in batches in seq order and advances the cursor to each ack', async () => {
    const r = await rig({ pushBatch: 2 });
    await r.journal.append([started(1), started(2), started(3), started(4), started(5)], { clock: r.clock });
    await r.engine.runOnce();
    expect(r.pushed.map((b) => b.map((e) => e.seq))).toEqual([[1, 2], [3, 4], [5]]);
    expect(await r.journal.ackedSeq()).toBe(5);
    expect(last(r)).toMatchObject({ online: true, pending: 0, lastSuccessAt: '2025-03-01T06:00:00.000Z' });
    expect(last(r).lastError).toBeUndefined();
    expect(last(r).oldestPendingAt).toBeUndefined();
  });

  it('pushes a backlog in batches of the protocol ceiling (2000), not 500', async () => {
    const r = await rig();
    await r.journal.append(Array.from({ length: 2500 }, (_, i) => started(i + 1)), { clock: r.clock });
    await r.engine.runOnce();
    expect(r.pushed.map((b) => b.length)).toEqual([2000, 500]);
    expect(await r.journal.ackedSeq()).toBe(2500);
  });

  it("cuts a push at its JSON budget, sends an event above the budget alone, and loses or repeats none", async () => {
    const r = await rig({ pushChars: 1200 });
    const note = (i: number, length: number) => ({ type: 'ScrapBooked' as const, orderId: 'o-1', payload: { quantity: 1, reasonId: 'r-1', note: `${i}`.padEnd(length, '.') } });
    await r.journal.append([note(1, 100), note(2, 100), note(3, 100), note(4, 2000), note(5, 100)], { clock: r.clock });
    await r.engine.runOnce();
    const sizes = r.pushed.map((b) => b.reduce((n, e) => n + JSON.stringify(e).length + 1, 0));
    expect(r.pushed.map((b) => b.map((e) => e.seq))).toEqual([[1, 2, 3], [4], [5]]);
    expect(sizes[0]).toBeLessThanOrEqual(1200);
    expect(await r.journal.ackedSeq()).toBe(5);
  });

  it('moves the cursor only as far as the server acked, and resends from there', async () => {
    const r = await rig();
    let acks = [1, 3];
    r.bridge.handle('sync:push', ({ events }) => {
      r.pushed.push(events);
      return { ok: true, value: { ackSeq: acks.shift() ?? 3 } };
    });
    await r.journal.append([started(1), started(2), started(3)], { clock: r.clock });
    await r.engine.runOnce();
    expect(r.pushed.map((b) => b[0]!.seq)).toEqual([1, 2]);
    expect(await r.journal.ackedSeq()).toBe(3);
    acks = [];
  });

  it('on failure: offline status with the coded error, backoff grows, retry succeeds', async () => {
    const r = await rig();
    let fail = 2;
    r.bridge.handle('sync:push', ({ events }) => {
      if (fail-- > 0) return { ok: false, error: { code: 'server-unreachable', message: 'ECONNREFUSED' } };
      r.pushed.push(events);
      return { ok: true, value: { ackSeq: events[events.length - 1]!.seq } };
    });
    await r.journal.append([started(1)], { clock: r.clock });
    r.engine.start();
    // random 0.5 → 3/4 of the ceiling: 500 → 375 clamped to the 500 ms minimum, then 750.
    await vi.waitFor(() => expect(r.timers.pending()).toEqual([500]));
    expect(last(r)).toMatchObject({ online: false, pending: 1, oldestPendingAt: '2025-03-01T06:00:00.000Z', lastError: { code: 'server-unreachable' } });

    r.timers.runNext();
    await vi.waitFor(() => expect(r.timers.pending()).toEqual([750]));
    expect(r.pushed).toEqual([]);

    r.timers.runNext();
    await vi.waitFor(() => expect(last(r)).toMatchObject({ online: true, pending: 0 }));
    expect(last(r).lastError).toBeUndefined();
    expect(r.pushed.map((b) => b.map((e) => e.seq))).toEqual([[1]]);
    // Back to the periodic pull interval.
    await vi.waitFor(() => expect(r.timers.pending()).toEqual([15_000]));
  });

  it('treats a bridge that is down as offline', async () => {
    const r = await rig();
    r.bridge.handle('sync:push', () => ({ ok: false, error: { code: 'host-unreachable', message: 'socket closed' } }));
    await r.journal.append([started(1)], { clock: r.clock });
    await r.engine.runOnce();
    expect(last(r)).toMatchObject({ online: false, pending: 1, lastError: { code: 'host-unreachable' } });
  });

  it('an ack that does not move the cursor is a failure, not a busy loop', async () => {
    const r = await rig();
    r.bridge.handle('sync:push', () => ({ ok: true, value: { ackSeq: 0 } }));
    await r.journal.append([started(1)], { clock: r.clock });
    await r.engine.runOnce();
    expect(r.bridge.callsTo('sync:push')).toHaveLength(1);
    expect(last(r)).toMatchObject({ online: false, lastError: { code: 'sync-stalled' } });
  });

  it('notify() publishes the pending count and pushes at once, even while backing off', async () => {
    const r = await rig();
    r.engine.start();
    await vi.waitFor(() => expect(r.timers.pending()).toEqual([15_000]));
    await r.journal.append([started(1)], { clock: r.clock });
    r.engine.notify();
    await vi.waitFor(() => expect(r.pushed).toHaveLength(1));
    await vi.waitFor(() => expect(last(r)).toMatchObject({ online: true, pending: 0 }));
    expect(r.statuses.some((s) => s.pending === 1)).toBe(true);

    // Now a failing server: notify still tries immediately instead of waiting out the backoff.
    r.bridge.handle('sync:push', () => ({ ok: false, error: { code: 'timeout', message: 'slow' } }));
    await r.journal.append([started(2)], { clock: r.clock });
    r.engine.notify();
    await vi.waitFor(() => expect(last(r)).toMatchObject({ online: false }));
    await vi.waitFor(() => expect(r.timers.pending()).toEqual([500]));
    const before = r.bridge.callsTo('sync:push').length;
    r.engine.notify();
    await vi.waitFor(() => expect(r.bridge.callsTo('sync:push').length).toBe(before + 1));
  });

  it('stop() cancels the scheduled attempt', async () => {
    const r = await rig();
    r.engine.start();
    await vi.waitFor(() => expect(r.timers.pending()).toEqual([15_000]));
    r.engine.stop();
    expect(r.timers.pending()).toEqual([]);
  });
});

describe('SyncEngine pull', () => {
  it('pulls after the checkpoint until hasMore is false, then periodically', async () => {
    const r = await rig({
      pull: (after) =>
        after === 0
          ? { changes: [change('line', 'L1', 1, { id: 'L1', plantId: 'P', name: 'Line 1' })], rev: 1, hasMore: true }
          : { changes: [change('line', 'L2', 2, { id: 'L2', plantId: 'P', name: 'Line 2' })], rev: 2, hasMore: false },
    });
    const pulled = vi.fn();
    (r.engine as unknown as { o: { onPulled: () => void } }).o.onPulled = pulled;
    await r.engine.runOnce();
    expect(r.bridge.callsTo('sync:pull')).toEqual([
      { after: 0, limit: 500 },
      { after: 1, limit: 500 },
    ]);
    expect(await r.cache.checkpoint()).toBe(2);
    expect((await r.cache.lines()).length).toBe(2);
    expect(pulled).toHaveBeenCalledTimes(1);

    // Within the interval a push-only attempt does not pull again...
    await r.engine.runOnce();
    expect(r.bridge.callsTo('sync:pull')).toHaveLength(2);
    // ...after 15 s it does.
    r.clock.advance(15_000);
    await r.engine.runOnce();
    expect(r.bridge.callsTo('sync:pull')).toEqual(expect.arrayContaining([{ after: 2, limit: 500 }]));
  });

  it('a failed pull keeps the checkpoint and reports the error', async () => {
    const r = await rig();
    r.bridge.handle('sync:pull', () => ({ ok: false, error: { code: 'unauthorized', message: 'bad token' } }));
    await r.engine.runOnce();
    expect(await r.cache.checkpoint()).toBeNull();
    expect(last(r)).toMatchObject({ online: false, lastError: { code: 'unauthorized' } });
  });
});

describe('SyncEngine pullNow (the server announced newer master data)', () => {
  it('pulls at once instead of at the end of the pull interval, also when the news comes while a pull is under way', async () => {
    let serverRev = 30;
    let release: (() => void) | null = null;
    const r = await rig({ pull: (after) => ({ changes: [], rev: Math.max(after, serverRev), hasMore: false }) });
    r.engine.start();
    await vi.waitFor(() => expect(r.timers.pending()).toEqual([15_000]));
    const pulls = () => r.bridge.callsTo('sync:pull').length;
    const before = pulls();
    r.engine.pullNow();
    await vi.waitFor(() => expect(pulls()).toBe(before + 1));

    // The news arrives while the next pull waits for its answer (it read the server before the change).
    r.bridge.handle('sync:pull', async (q) => {
      if (!release) await new Promise<void>((resolve) => (release = resolve));
      return { ok: true, value: { changes: [], rev: Math.max(Number(q.after ?? 0), serverRev), hasMore: false } };
    });
    r.engine.pullNow();
    await vi.waitFor(() => expect(release).not.toBeNull());
    serverRev = 31;
    r.engine.pullNow();
    (release as unknown as () => void)();
    await vi.waitFor(() => expect(pulls()).toBe(before + 3));
    await vi.waitFor(() => expect(r.timers.pending()).toEqual([15_000]));
  });
});
