import { afterEach, describe, expect, it, vi } from 'vitest';
import { Journal } from '../../../renderer/storage/journal';
import { DEFAULT_RETENTION, prunableSeqs, RetentionRunner, retentionPolicy } from '../../../renderer/storage/retention';
import { SnapshotKeeper } from '../../../renderer/storage/snapshots';
import { emptySnapshot, SNAPSHOT_VERSION } from '../../../shared/journal-snapshot';
import { fixedClock, uniqueTerminalId } from '../support/fixtures';
import { ManualTimers } from '../support/manual-timers';

const DAY = 24 * 3600_000;
const now = new Date('2025-04-01T00:00:00.000Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY).toISOString();

describe('prunableSeqs (pure)', () => {
  it.each([
    { name: 'old and synced: pruned', rows: [[1, 40], [2, 35]], acked: 2, want: [1, 2] },
    { name: 'unsynced never, however old', rows: [[1, 40], [2, 40], [3, 40]], acked: 1, want: [1] },
    { name: 'young synced events stay', rows: [[1, 40], [2, 10], [3, 40]], acked: 3, want: [1] },
    { name: 'stops at the first young one (wrong clock), so no hole opens', rows: [[1, 5], [2, 40]], acked: 2, want: [] },
    { name: 'exactly 30 days is not older than 30 days', rows: [[1, 30]], acked: 1, want: [] },
    { name: 'nothing acked: nothing pruned', rows: [[1, 90]], acked: 0, want: [] },
  ])('$name', ({ rows, acked, want }) => {
    const input = rows.map(([seq, age]) => ({ seq: seq!, occurredAt: daysAgo(age!) }));
    expect(prunableSeqs(input, acked, now, DEFAULT_RETENTION.maxAgeMs)).toEqual(want);
  });

  it('defaults to 30 days in batches of 500', () => {
    expect(DEFAULT_RETENTION.maxAgeMs).toBe(30 * DAY);
    expect(DEFAULT_RETENTION.batch).toBe(500);
  });

  it('the policy takes a partial input (the age from host config); invalid values fall back with a warning', () => {
    const warnings: string[] = [];
    expect(retentionPolicy({ maxAgeMs: 7 * DAY }, (m) => warnings.push(m))).toEqual({ ...DEFAULT_RETENTION, maxAgeMs: 7 * DAY });
    expect(retentionPolicy({ maxAgeMs: -1, batch: 2.5 }, (m) => warnings.push(m))).toEqual(DEFAULT_RETENTION);
    expect(warnings).toHaveLength(2);
    expect(retentionPolicy()).toEqual(DEFAULT_RETENTION);
  });
});

const journals: Journal[] = [];
afterEach(() => {
  for (const j of journals.splice(0)) j.close();
});

const ev = () => ({ type: 'OperatorLoggedOut' as const, operatorId: 'op-anna', payload: { reason: 'manual' as const } });

async function journalWith(ages: number[]): Promise<Journal> {
  const journal = await Journal.open(uniqueTerminalId());
  journals.push(journal);
  for (const age of ages) await journal.append([ev()], { clock: () => new Date(daysAgo(age)) });
  return journal;
}

describe('Journal.pruneSynced with an injected clock', () => {
  it('deletes old synced events in batches, never unsynced ones, and keeps the counters', async () => {
    const journal = await journalWith([50, 45, 40, 35, 31, 31, 31, 5]);
    await journal.advanceCursor(6);
    await snapshotAll(journal);
    expect(await journal.pruneSynced(now, 30 * DAY, 2)).toBe(2);
    expect(await journal.firstSeq()).toBe(3);
    expect(await journal.pruneSynced(now, 30 * DAY, 2)).toBe(2);
    expect(await journal.pruneSynced(now, 30 * DAY, 2)).toBe(2); // 5, 6: the cursor bounds the batch
    expect(await journal.pruneSynced(now, 30 * DAY, 2)).toBe(0); // 7 is old but unsynced, 8 young
    expect((await journal.eventsAfter(0, 100)).map((e) => e.seq)).toEqual([7, 8]);
    expect(await journal.syncInfo()).toMatchObject({ head: 8, ackedSeq: 6, pending: 2 });
    // Appends go on from the head: retention never resets the seq.
    const res = await journal.append([ev()], { clock: () => now });
    expect(res.ok && res.value.events[0]!.seq).toBe(9);
  });

  it('RetentionRunner: a full batch brings the next one soon, an empty one waits the interval', async () => {
    const journal = await journalWith(Array.from({ length: 7 }, () => 40));
    await journal.advanceCursor(7);
    const timers = new ManualTimers();
    const clock = fixedClock(now.toISOString());
    const keeper = keeperOf(journal);
    const take = vi.spyOn(keeper, 'take');
    const runner = new RetentionRunner(journal, clock, timers, { ...DEFAULT_RETENTION, batch: 3, busyIntervalMs: 1000, intervalMs: 600_000 }, keeper);
    runner.start(10);
    expect(timers.pending()).toEqual([10]);
    timers.runNext();
    await vi.waitFor(() => expect(timers.pending()).toEqual([1000]));
    timers.runNext();
    await vi.waitFor(() => expect(runner.pruned).toBe(6));
    await vi.waitFor(() => expect(timers.pending()).toEqual([1000]));
    timers.runNext();
    await vi.waitFor(() => expect(timers.pending()).toEqual([600_000]));
    expect(runner.pruned).toBe(7);
    // One snapshot per cycle: before its first batch, not before the batches that work off the backlog.
    expect(take).toHaveBeenCalledTimes(1);
    runner.stop();
    expect(timers.pending()).toEqual([]);
  });
});

const keeperOf = (journal: Journal) => new SnapshotKeeper({ store: journal, callOffs: async () => [], clock: () => now });
const snapshotAll = (journal: Journal) => keeperOf(journal).take();

describe('retention never outruns the snapshots', () => {
  it('without a snapshot nothing is pruned; with one, nothing above its seq', async () => {
    const journal = await journalWith([50, 45, 40, 35]);
    await journal.advanceCursor(4);
    expect(await journal.pruneSynced(now, 30 * DAY, 100)).toBe(0);
    expect(await journal.snapshotSeq()).toBe(0);
    expect(await snapshotAll(journal)).toBe(4);
    await journal.append([ev()], { clock: () => new Date(daysAgo(40)) }); // 5: old, synced below, but after the snapshot
    await journal.advanceCursor(5);
    expect(await journal.pruneSynced(now, 30 * DAY, 100)).toBe(4);
    expect((await journal.eventsAfter(0, 100)).map((e) => e.seq)).toEqual([5]);
  });

  it('a snapshot of an unknown version is ignored: nothing pruned until a readable one is written', async () => {
    const journal = await journalWith([50, 45, 40]);
    await journal.advanceCursor(3);
    // A snapshot from a newer app version, covering everything: this code cannot read it.
    await journal.saveSnapshot({ ...emptySnapshot(now.toISOString()), seq: 3, version: (SNAPSHOT_VERSION + 1) as typeof SNAPSHOT_VERSION });
    expect(await journal.latestSnapshot()).toBeNull();
    expect(await journal.pruneSynced(now, 30 * DAY, 100)).toBe(0);
    expect(await snapshotAll(journal)).toBe(3); // folds the whole journal afresh
    expect((await journal.latestSnapshot())?.version).toBe(SNAPSHOT_VERSION);
    expect(await journal.pruneSynced(now, 30 * DAY, 100)).toBe(3);
  });

  it('a snapshot run with nothing new reads keys only, and writes nothing', async () => {
    const journal = await journalWith([40, 40]);
    const keeper = keeperOf(journal);
    expect(await keeper.take()).toBe(2);
    const load = vi.spyOn(journal, 'latestSnapshot');
    const save = vi.spyOn(journal, 'saveSnapshot');
    expect(await keeper.take()).toBe(2);
    expect(load).not.toHaveBeenCalled();
    expect(save).not.toHaveBeenCalled();
    await journal.append([ev()], { clock: () => now });
    expect(await keeper.take()).toBe(3);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("a retention run's snapshot leaves out orders completed before the retention age, with their containers, scrap and label jobs", async () => {
    const journal = await Journal.open(uniqueTerminalId());
    journals.push(journal);
    /** An order started a day before it completed (or yesterday, if still running): a container, a scrap booking, a label. */
    const order = async (orderId: string, completedDaysAgo: number | null, container: string) => {
      const at = (d: number) => ({ clock: () => new Date(daysAgo(d)) });
      const start = (completedDaysAgo ?? 1) + 1;
      await journal.append([{ type: 'OrderStarted', operatorId: 'op-anna', orderId, payload: { orderNumber: orderId, materialId: 'M', quantity: 5 } }], at(start));
      await journal.append([{ type: 'ContainerOpened', operatorId: 'op-anna', orderId, payload: { containerId: container, capacity: 5 } }], at(start));
      await journal.append([{ type: 'ScrapBooked', operatorId: 'op-anna', orderId, payload: { quantity: 1, reasonId: 'R1' } }], at(start));
      await journal.append([{ type: 'LabelPrinted', operatorId: 'op-anna', orderId, payload: { jobId: `J-${container}`, templateId: 'vda-4902', containerId: container, copies: 1 } }], at(start));
      if (completedDaysAgo !== null) await journal.append([{ type: 'OrderCompleted', operatorId: 'op-anna', orderId, payload: {} }], at(completedDaysAgo));
    };
    await order('OLD', 40, 'C-OLD');
    await order('RECENT', 3, 'C-RECENT');
    await order('RUNNING', null, 'C-RUN');
    const runner = new RetentionRunner(journal, () => now, new ManualTimers(), DEFAULT_RETENTION, keeperOf(journal));
    await runner.runOnce();

    const snapshot = await journal.latestSnapshot();
    expect(snapshot?.seq).toBe(14);
    expect(Object.keys(snapshot!.production.orders).sort()).toEqual(['RECENT', 'RUNNING']);
    expect(Object.keys(snapshot!.production.containers).sort()).toEqual(['C-RECENT', 'C-RUN']);
    expect(Object.values(snapshot!.production.scrap).map((b) => b.orderId).sort()).toEqual(['RECENT', 'RUNNING']);
    expect(Object.keys(snapshot!.printedJobs).sort()).toEqual(['C-RECENT', 'C-RUN']);
    // The picker's "most used first" still counts the forgotten order's scrap.
    expect(snapshot!.production.scrapReasonUse).toEqual({ R1: 3 });
    // The journal itself lost nothing (none of it is synced yet).
    expect((await journal.eventsAfter(0, 100)).length).toBe(14);
  });

  it('keeps only the latest snapshot and never stores one beyond the head', async () => {
    const journal = await journalWith([40, 40]);
    await journal.saveSnapshot({ ...emptySnapshot(now.toISOString()), seq: 1 });
    await snapshotAll(journal);
    expect(await journal.snapshotSeq()).toBe(2);
    await expect(journal.saveSnapshot({ ...emptySnapshot(now.toISOString()), seq: 9 })).rejects.toThrow(/beyond/);
    expect((await journal.latestSnapshot())?.seq).toBe(2);
  });
});
