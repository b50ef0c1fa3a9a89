import { realTimers } from '../bridge/types';
import { Cache } from '../storage/cache';
import { Journal } from '../storage/journal';
import { hostJournalCopy } from '../storage/journal-copy-client';
import { DEFAULT_RETENTION, RetentionRunner } from '../storage/retention';
import { snapshotKeeperFor, type SnapshotKeeper } from '../storage/snapshots';
import { bridgeOverPort, type PortLike } from './port-rpc';
import type { JournalSnapshot } from '../../shared/journal-snapshot';
import { piecesOf } from './snapshot-pieces';
import { SyncEngine } from './sync-engine';
import type { FromWorker, ToWorker } from './worker-protocol';

/**
 * The body of the sync worker, apart from the worker global so it can be
 * tested with a MessageChannel: it opens its own Dexie handles to the journal
 * and the cache (IndexedDB is shared per origin; every journal write is a
 * transaction, so two connections never see a half state), runs the sync
 * engine and the retention runner, and asks the UI thread to carry the
 * bridge calls over the port that arrives with `init`.
 */
export interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: { data: unknown; ports?: readonly unknown[] }) => void): void;
}

export function runSyncWorker(scope: WorkerScope): void {
  let engine: SyncEngine | null = null;
  let retention: RetentionRunner | null = null;
  let journal: Journal | null = null;
  let cache: Cache | null = null;
  let keeper: SnapshotKeeper | null = null;
  let started: Promise<void> | null = null;
  /** Asked-for snapshots run one after another (an open order's and the next one's). */
  let snapshots: Promise<void> = Promise.resolve();

  scope.addEventListener('message', (event) => {
    const msg = event.data as ToWorker;
    switch (msg.type) {
      case 'init': {
        const port = event.ports?.[0] as PortLike | undefined;
        if (!port || engine) return;
        started = init(msg.terminalId, msg.settings, port);
        started.catch((err: unknown) => scope.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) }));
        return;
      }
      case 'notify':
        engine?.notify();
        return;
      case 'retry-now':
        engine?.retryNow();
        return;
      case 'pull-now':
        engine?.pullNow();
        return;
      case 'take-snapshot': {
        const { id } = msg;
        snapshots = snapshots.then(() => takeSnapshot(id));
        return;
      }
      case 'stop':
        engine?.stop();
        retention?.stop();
        journal?.close();
        cache?.close();
        return;
    }
  });

  async function init(terminalId: string, settings: Extract<ToWorker, { type: 'init' }>['settings'], port: PortLike): Promise<void> {
    [journal, cache] = await Promise.all([Journal.open(terminalId), Cache.open(terminalId)]);
    const offset = settings.clockOffsetMs ?? 0;
    const clock = () => new Date(Date.now() + offset);
    const bridge = bridgeOverPort(port);
    // Retention's snapshots and prunes reach the host's copy of the journal too (this worker never appends).
    journal.setCopy(hostJournalCopy(bridge));
    engine = new SyncEngine({
      journal,
      cache,
      bridge,
      clock,
      timers: realTimers,
      publish: (status) => scope.postMessage({ type: 'status', status: { ...status, runsIn: 'worker' } }),
      onPulled: () => scope.postMessage({ type: 'pulled' }),
      ...(settings.pushBatch ? { pushBatch: settings.pushBatch } : {}),
      ...(settings.pullLimit ? { pullLimit: settings.pullLimit } : {}),
      ...(settings.pullIntervalMs ? { pullIntervalMs: settings.pullIntervalMs } : {}),
    });
    retention = new RetentionRunner(journal, clock, realTimers, {
      ...DEFAULT_RETENTION,
      ...(settings.retentionMaxAgeMs !== undefined ? { maxAgeMs: settings.retentionMaxAgeMs } : {}),
      ...(settings.retentionBatch ? { batch: settings.retentionBatch } : {}),
      ...(settings.retentionIntervalMs ? { intervalMs: settings.retentionIntervalMs } : {}),
    }, (keeper = snapshotKeeperFor(journal, cache, clock)));
    engine.start();
    retention.start();
  }

  /** The fold an order screen would otherwise run on the UI thread, here; the screen then reads the snapshot and a short tail. */
  async function takeSnapshot(id: number): Promise<void> {
    await started?.catch(() => undefined);
    if (!keeper) {
      scope.postMessage({ type: 'snapshot-taken', id, seq: null, message: 'the worker has no journal yet' });
      return;
    }
    let handedOver = false;
    const handOver = (snapshot: JournalSnapshot) => {
      handedOver = true;
      for (const piece of piecesOf(snapshot)) scope.postMessage({ type: 'snapshot-piece', id, piece });
      scope.postMessage({ type: 'snapshot-taken', id, seq: snapshot.seq, lastSeq: snapshot.production.lastSeq });
    };
    try {
      // Not sent to the host's copy: that would carry the whole snapshot through the UI thread while the order opens.
      // Handed over before it is stored (a new one, or an old version upgraded): the order opens meanwhile.
      const snapshot = await keeper.takeLatest({ toHostCopy: false, beforeSave: handOver });
      if (handedOver) return;
      if (!snapshot) {
        scope.postMessage({ type: 'snapshot-taken', id, seq: 0 });
        return;
      }
      handOver(snapshot);
    } catch (err) {
      // Once handed over, a failed save only means the next open folds again; the answer was sent.
      if (handedOver) return;
      scope.postMessage({ type: 'snapshot-taken', id, seq: null, message: err instanceof Error ? err.message : String(err) });
    }
  }
}
