import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '../../../shared/events';
import { Cache } from '../../../renderer/storage/cache';
import { Journal } from '../../../renderer/storage/journal';
import { SyncEngine, type SyncJournal } from '../../../renderer/sync/sync-engine';
import type { SyncStatus } from '../../../renderer/sync/sync-status';
import { FakeBridge } from '../support/fake-bridge';
import { fixedClock, uniqueTerminalId } from '../support/fixtures';
import { ManualTimers } from '../support/manual-timers';

const started = (i: number) => ({ type: 'OrderStarted' as const, orderId: `o-${i}`, payload: { orderNumber: `PO-${i}`, materialId: 'm-1', quantity: 1 } });

const open: { journal: Journal; cache: Cache; engine: SyncEngine }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.engine.stop();
    o.journal.close();
    o.cache.close();
  }
});

/** An engine over a real journal (fake-indexeddb) whose reads are recorded, pushing in batches of 2. */
async function rig(count: number) {
  const id = uniqueTerminalId();
  const [journal, cache] = await Promise.all([Journal.open(id), Cache.open(id)]);
  const clock = fixedClock();
  await journal.append(Array.from({ length: count }, (_, i) => started(i + 1)), { clock });
  const readsAfter: number[] = [];
  const recorded: SyncJournal = {
    eventsAfter: (seq, limit) => {
      readsAfter.push(seq);
      return journal.eventsAfter(seq, limit);
    },
    advanceCursor: (ack) => journal.advanceCursor(ack),
    syncInfo: () => journal.syncInfo(),
  };
  const bridge = new FakeBridge();
  bridge.handle('sync:pull', (q) => ({ ok: true, value: { changes: [], rev: Number(q.after ?? 0), hasMore: false } }));
  const statuses: SyncStatus[] = [];
  const engine = new SyncEngine({ journal: recorded, cache, bridge, clock, timers: new ManualTimers(), random: () => 0.5, publish: (s) => statuses.push(s), pushBatch: 2 });
  open.push({ journal, cache, engine });
  return { journal, bridge, engine, readsAfter, statuses };
}

const seqs = (batches: EventEnvelope[][]) => batches.map((b) => b.map((e) => e.seq));

describe('SyncEngine push pipeline', () => {
  it('reads the next batch from the journal while a push is still under way', async () => {
    const r = await rig(4);
    const pushed: EventEnvelope[][] = [];
    const readAheadDuringPush: boolean[] = [];
    r.bridge.handle('sync:push', async ({ events }) => {
      pushed.push(events);
      const last = events[events.length - 1]!.seq;
      // The answer is slow: by the time it comes, the batch after this one should have been read.
      const seen = await vi.waitFor(() => expect(r.readsAfter).toContain(last), { timeout: 500 }).then(
        () => true,
        () => false,
      );
      readAheadDuringPush.push(seen);
      return { ok: true, value: { ackSeq: last } };
    });
    await r.engine.runOnce();
    expect(seqs(pushed)).toEqual([[1, 2], [3, 4]]);
    expect(readAheadDuringPush).toEqual([true, true]);
    expect(await r.journal.ackedSeq()).toBe(4);
    expect(r.statuses[r.statuses.length - 1]).toMatchObject({ online: true, pending: 0 });
  });

  it('an ack beyond the batch (the server kept more from a lost answer) goes on after the ack: no resend, no stall', async () => {
    const r = await rig(6);
    const pushed: EventEnvelope[][] = [];
    r.bridge.handle('sync:push', ({ events }) => {
      pushed.push(events);
      // The server already holds 1..4 from an attempt whose answer never arrived.
      return { ok: true, value: { ackSeq: Math.max(4, events[events.length - 1]!.seq) } };
    });
    await r.engine.runOnce();
    expect(seqs(pushed)).toEqual([[1, 2], [5, 6]]);
    expect(await r.journal.ackedSeq()).toBe(6);
    const last = r.statuses[r.statuses.length - 1]!;
    expect(last).toMatchObject({ online: true, pending: 0 });
    expect(last.lastError).toBeUndefined();
  });
});
