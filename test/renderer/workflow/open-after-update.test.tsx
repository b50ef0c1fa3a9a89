import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Journal } from '../../../renderer/storage/journal';
import { applyVersions, journalDbName, JOURNAL_VERSIONS } from '../../../renderer/storage/schema';
import { snapshotKeeperFor } from '../../../renderer/storage/snapshots';
import { startSync, type SyncHandle } from '../../../renderer/sync/sync-runner';
import { SNAPSHOT_VERSION } from '../../../shared/journal-snapshot';
import { appRig, type AppRig } from '../support/app-rig';
import { FakeBridge } from '../support/fake-bridge';
import { fixedClock, uniqueTerminalId } from '../support/fixtures';
import { inProcessWorker } from '../support/in-process-worker';
import { ManualTimers } from '../support/manual-timers';

/**
 * The first order opened after an update that raised the snapshot version,
 * through the real sync worker body (its own Dexie handles, the snapshot
 * handed over in pieces): the snapshot the old app stored is upgraded and
 * only the events after it are read, never the journal from its start; a
 * snapshot with no upgrade path still opens the order, by the worker's
 * refold, as before.
 */

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  vi.restoreAllMocks();
});

const at = { clock: () => new Date('2025-03-01T08:00:00Z') };

/** Replaces the stored snapshot by `rewrite` of it, as an older (or newer) app would have written it. */
async function rewriteSnapshot(terminalId: string, rewrite: (row: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const db = new Dexie(journalDbName(terminalId));
  applyVersions(db, JOURNAL_VERSIONS);
  await db.open();
  try {
    const rows = await db.table<Record<string, unknown>, number>('snapshots').toArray();
    await db.table('snapshots').bulkPut(rows.map(rewrite));
  } finally {
    db.close();
  }
}

const writtenByVersion1 = ({ foldedFrom: _dropped, ...row }: Record<string, unknown>) => ({ ...row, version: 1 });

/** A terminal with two bookings and a login under a snapshot, rewritten as `rewrite` says, one booking after it, and the sync loop in the worker. */
async function updatedTerminal(rewrite: (row: Record<string, unknown>) => Record<string, unknown>): Promise<AppRig> {
  const terminalId = uniqueTerminalId();
  let sync: SyncHandle | null = null;
  const rig = await appRig({ terminalId, deps: { takeSnapshot: () => sync?.takeSnapshot() ?? Promise.resolve(null) } });
  const bridge = new FakeBridge()
    .handle('sync:push', ({ events }) => ({ ok: true, value: { ackSeq: events.at(-1)?.seq ?? 0 } }))
    .handle('sync:pull', () => ({ ok: true, value: { changes: [], rev: 10, hasMore: false } }));
  await rig.journal.append([{ type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 6 } }], at);
  await rig.journal.append([{ type: 'ScrapBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 1, reasonId: 'r-1' } }], at);
  await rig.store.getState().handleScan({ raw: 'B1001' });
  await snapshotKeeperFor(rig.journal, rig.cache, fixedClock()).take();
  await rewriteSnapshot(terminalId, rewrite);
  await rig.journal.append([{ type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 1 } }], at);
  // All of it synced, as a terminal's history is: the worker's push reads nothing, so every read is a fold's.
  await rig.journal.advanceCursor(await rig.journal.head());
  sync = startSync({ terminalId, bridge, journal: rig.journal, cache: rig.cache, clock: fixedClock(), timers: new ManualTimers(), publish: () => undefined, onPulled: () => undefined, createWorker: inProcessWorker });
  cleanups.push(() => {
    sync?.stop();
    rig.close();
  });
  // As after an update on a terminal with a long history: its head far beyond any snapshot of the current version.
  rig.store.setState({ terminal: { ...rig.store.getState().terminal, lastSeq: 100_000 } });
  return rig;
}

/** Where each journal read started, split into the UI thread's journal and the worker's own handle. */
function watchReads(rig: AppRig) {
  const reads = vi.spyOn(Journal.prototype, 'eventsAfter');
  const snapshots = vi.spyOn(Journal.prototype, 'latestSnapshot');
  const worker = <T,>(spy: { mock: { contexts: unknown[]; calls: T[] } }) => spy.mock.calls.filter((_c, i) => spy.mock.contexts[i] !== rig.journal);
  const ui = <T,>(spy: { mock: { contexts: unknown[]; calls: T[] } }) => spy.mock.calls.filter((_c, i) => spy.mock.contexts[i] === rig.journal);
  return {
    workerReadsFrom: () => worker(reads).map(([seq]) => seq),
    uiReadsFrom: () => ui(reads).map(([seq]) => seq),
    workerSnapshotReads: () => worker(snapshots).length,
    uiSnapshotReads: () => ui(snapshots).length,
  };
}

async function storedVersions(rig: AppRig): Promise<unknown[]> {
  const seen: unknown[] = [];
  await rewriteSnapshot(rig.terminalId, (row) => (seen.push(row['version']), row));
  return seen;
}

describe('the first order opened after an update', () => {
  it('upgrades the old snapshot in the worker and reads only the events after it, never the whole journal', async () => {
    const rig = await updatedTerminal(writtenByVersion1);
    const watch = watchReads(rig);

    await rig.store.getState().openOrder('o-2');

    expect(rig.store.getState().workflow.production.orders['o-2']).toMatchObject({ goodQuantity: 7, scrapQuantity: 1 });
    expect(rig.store.getState().workflow).toMatchObject({ openOrderId: 'o-2', busy: false, productionLoading: false });
    // The worker read the old snapshot once and the journal only past it (seq 3); no refold from seq 0.
    expect(watch.workerSnapshotReads()).toBe(1);
    expect(watch.workerReadsFrom().length).toBeGreaterThan(0);
    expect(watch.workerReadsFrom().every((seq) => seq >= 3)).toBe(true);
    // The UI thread got the production part in pieces: no snapshot read here, and at most the short tail.
    expect(watch.uiSnapshotReads()).toBe(0);
    expect(watch.uiReadsFrom().every((seq) => seq >= 4)).toBe(true);
    // Stored again as the current version (after the hand-over), covering the booking after it: the next open reads it as it is.
    await vi.waitFor(async () => expect(await rig.journal.snapshotSeq()).toBe(4));
    expect(await storedVersions(rig)).toEqual([SNAPSHOT_VERSION]);
  });

  it('with a snapshot it cannot upgrade, the worker refolds the journal from its start, off the UI thread, as before', async () => {
    // Written by a newer app (a downgrade): no step leads from it, so it is not read.
    const rig = await updatedTerminal((row) => ({ ...row, version: SNAPSHOT_VERSION + 1 }));
    const watch = watchReads(rig);

    await rig.store.getState().openOrder('o-2');

    expect(rig.store.getState().workflow.production.orders['o-2']).toMatchObject({ goodQuantity: 7, scrapQuantity: 1 });
    expect(watch.workerReadsFrom()).toContain(0);
    expect(watch.uiReadsFrom()).not.toContain(0);
    expect(watch.uiSnapshotReads()).toBe(0);
    await vi.waitFor(async () => expect(await rig.journal.snapshotSeq()).toBe(4));
  });
});
