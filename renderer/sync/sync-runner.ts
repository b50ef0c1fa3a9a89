import type { BridgeClient } from '../../shared/bridge';
import type { ConnectionState, Timers } from '../bridge/types';
import { DEFAULT_RETENTION, RetentionRunner, type PruneTarget } from '../storage/retention';
import { snapshotKeeperFor, type CallOffCache, type SnapshotStore } from '../storage/snapshots';
import { serveBridgeOverPort, type PortLike } from './port-rpc';
import { SyncEngine, type SyncCache, type SyncJournal } from './sync-engine';
import { initialSyncStatus, type SyncStatus } from './sync-status';
import { startStatusReporter, type StatusReporter } from './status-reporter';
import type { FromWorker, SyncSettings, ToWorker } from './worker-protocol';
import { logger } from '../lib/log';
import type { TakenSnapshot } from '../storage/production-loader';
import { PieceCollector } from './snapshot-pieces';

const log = logger('sync');

/**
 * Where the sync loop runs, seen from the UI thread. In a browser it is a
 * module Web Worker (sync-worker.ts): the UI thread only forwards the journal
 * growing, connectivity coming back and "sync now", serves the worker's two
 * bridge calls over a MessageChannel (port-rpc.ts), and receives the status.
 * Where there is no Worker (jsdom tests) the same engine runs on this thread.
 */
export interface SyncHandle {
  readonly mode: 'worker' | 'main';
  /** The journal grew. */
  notify(): void;
  /** "Sync now" / connectivity back: retry at once, whatever the backoff. */
  syncNow(): void;
  /** The server announced newer master data: pull at once. */
  pullNow(): void;
  /**
   * Folds the journal into a fresh snapshot off the UI thread and resolves with
   * the seq it covers and its production part (handed over in pieces, so this
   * thread never reads the whole snapshot back); null where the loop runs on
   * this thread (or the worker could not), so the caller folds here as before.
   */
  takeSnapshot(): Promise<TakenSnapshot | null>;
  stop(): void;
}

export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface StartSyncOptions {
  terminalId: string;
  bridge: Pick<BridgeClient, 'call'> & { onConnectionChange?: (listener: (state: ConnectionState) => void) => () => void };
  publish(status: SyncStatus): void;
  onPulled(): void;
  settings?: SyncSettings;
  /** Creates the worker; absent or returning null → the loop runs on this thread. */
  createWorker?: () => WorkerLike | null;
  /** For the main-thread fallback: syncing, pruning, and the snapshots retention takes before it prunes. */
  journal: SyncJournal & PruneTarget & SnapshotStore;
  cache: SyncCache & CallOffCache;
  clock: () => Date;
  timers: Timers;
  random?: () => number;
  /** Where `online` events come from (the window); optional. */
  connectivity?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** Report this terminal's state to the server for the terminals page (status-reporter.ts); the app turns it on. */
  reportStatus?: { intervalMs?: number; estimate?: () => Promise<{ quota?: number; usage?: number }> };
}

export function startSync(options: StartSyncOptions): SyncHandle {
  // The reporter sends the loop's figures, wherever the loop runs: it sees every status the loop publishes.
  let latest: SyncStatus = initialSyncStatus;
  let reporter: StatusReporter | null = null;
  const o: StartSyncOptions = {
    ...options,
    publish(status) {
      latest = status;
      options.publish(status);
      reporter?.changed();
    },
  };
  if (options.reportStatus) reporter = startStatusReporter({ bridge: options.bridge, status: () => latest, timers: options.timers, ...options.reportStatus });
  let handle: SyncHandle = startOnThisThreadUnlessWorker();
  // Connectivity back: the host link reconnected, or the OS says online. Retry at once, not at the end of a backoff.
  const disposers: (() => void)[] = [];
  if (o.bridge.onConnectionChange) disposers.push(o.bridge.onConnectionChange((s) => s === 'connected' && handle.syncNow()));
  if (o.connectivity) {
    const online = () => handle.syncNow();
    o.connectivity.addEventListener('online', online);
    disposers.push(() => o.connectivity?.removeEventListener('online', online));
  }
  return {
    get mode() {
      return handle.mode;
    },
    notify: () => handle.notify(),
    syncNow: () => handle.syncNow(),
    pullNow: () => handle.pullNow(),
    takeSnapshot: () => handle.takeSnapshot(),
    stop() {
      for (const d of disposers.splice(0)) d();
      reporter?.stop();
      handle.stop();
    },
  };

  function startOnThisThreadUnlessWorker(): SyncHandle {
    // A worker that fails before it ever reported (script refused, IndexedDB unavailable there) must not leave
    // the terminal without sync: fall back to this thread.
    const fallBack = (reason: string) => {
      log.warn(`the sync worker failed (${reason}); syncing on the UI thread`);
      handle.stop();
      handle = startOnThisThread(o);
    };
    return (o.createWorker && tryWorker(o, fallBack)) || startOnThisThread(o);
  }
}

function tryWorker(o: StartSyncOptions, fallBack: (reason: string) => void): SyncHandle | null {
  let worker: WorkerLike | null;
  try {
    worker = o.createWorker?.() ?? null;
  } catch (err) {
    log.warn('no worker, running on the UI thread', err);
    return null;
  }
  if (!worker) return null;
  const channel = new MessageChannel();
  const stopServing = serveBridgeOverPort(channel.port1 as unknown as PortLike, o.bridge);
  let reported = false;
  let stopped = false;
  let nextSnapshotId = 1;
  const snapshotWaiters = new Map<number, (taken: TakenSnapshot | null) => void>();
  const snapshotPieces = new Map<number, PieceCollector>();
  const settleSnapshots = () => {
    for (const resolve of snapshotWaiters.values()) resolve(null);
    snapshotWaiters.clear();
    snapshotPieces.clear();
  };
  const failEarly = (reason: string) => {
    if (!reported && !stopped) fallBack(reason);
  };
  worker.addEventListener('message', (event: MessageEvent) => {
    if (stopped) return;
    const msg = event.data as FromWorker;
    if (msg.type === 'status') {
      reported = true;
      o.publish(msg.status);
    } else if (msg.type === 'pulled') o.onPulled();
    else if (msg.type === 'snapshot-piece') {
      const collector = snapshotPieces.get(msg.id) ?? new PieceCollector();
      snapshotPieces.set(msg.id, collector);
      collector.add(msg.piece);
    } else if (msg.type === 'snapshot-taken') {
      if (msg.message) log.warn(`the worker took no snapshot: ${msg.message}`);
      const collector = snapshotPieces.get(msg.id);
      snapshotPieces.delete(msg.id);
      const { seq, lastSeq } = msg;
      snapshotWaiters.get(msg.id)?.(seq === null ? null : lastSeq === undefined ? { seq } : { seq, folded: (collector ?? new PieceCollector()).result(seq, lastSeq) });
      snapshotWaiters.delete(msg.id);
    } else if (msg.type === 'failed') {
      settleSnapshots();
      failEarly(msg.message);
    }
  });
  worker.addEventListener('error', (event: ErrorEvent) => {
    settleSnapshots();
    log.error('worker error', event.message);
    failEarly(event.message || 'worker error');
  });
  worker.postMessage({ type: 'init', terminalId: o.terminalId, settings: o.settings ?? {} }, [channel.port2]);
  const w = worker;
  return {
    mode: 'worker',
    notify: () => w.postMessage({ type: 'notify' }),
    syncNow: () => w.postMessage({ type: 'retry-now' }),
    pullNow: () => w.postMessage({ type: 'pull-now' }),
    takeSnapshot() {
      if (stopped) return Promise.resolve(null);
      const id = nextSnapshotId++;
      return new Promise<TakenSnapshot | null>((resolve) => {
        snapshotWaiters.set(id, resolve);
        w.postMessage({ type: 'take-snapshot', id });
      });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      settleSnapshots();
      w.postMessage({ type: 'stop' });
      stopServing();
      channel.port1.close();
      // Give the worker a moment to close its database handles, then end it.
      o.timers.setTimeout(() => w.terminate(), 500);
    },
  };
}

function startOnThisThread(o: StartSyncOptions): SyncHandle {
  const s = o.settings ?? {};
  const offset = s.clockOffsetMs ?? 0;
  const clock = offset ? () => new Date(o.clock().getTime() + offset) : o.clock;
  const engine = new SyncEngine({
    journal: o.journal,
    cache: o.cache,
    bridge: o.bridge,
    clock,
    timers: o.timers,
    publish: (status) => o.publish({ ...status, runsIn: 'main' }),
    onPulled: o.onPulled,
    ...(o.random ? { random: o.random } : {}),
    ...(s.pushBatch ? { pushBatch: s.pushBatch } : {}),
    ...(s.pullLimit ? { pullLimit: s.pullLimit } : {}),
    ...(s.pullIntervalMs ? { pullIntervalMs: s.pullIntervalMs } : {}),
  });
  const retention = new RetentionRunner(o.journal, clock, o.timers, {
    ...DEFAULT_RETENTION,
    ...(s.retentionMaxAgeMs !== undefined ? { maxAgeMs: s.retentionMaxAgeMs } : {}),
    ...(s.retentionBatch ? { batch: s.retentionBatch } : {}),
    ...(s.retentionIntervalMs ? { intervalMs: s.retentionIntervalMs } : {}),
  }, snapshotKeeperFor(o.journal, o.cache, clock));
  engine.start();
  retention.start();
  return {
    mode: 'main',
    notify: () => engine.notify(),
    syncNow: () => engine.retryNow(),
    pullNow: () => engine.pullNow(),
    // No worker: a snapshot would fold on this thread just the same; the caller folds as it always did.
    takeSnapshot: () => Promise.resolve(null),
    stop() {
      engine.stop();
      retention.stop();
    },
  };
}

/** The real module worker (Vite bundles sync-worker.ts as its own chunk), or null where Worker does not exist. */
export function createSyncWorker(): WorkerLike | null {
  if (typeof Worker === 'undefined') return null;
  return new Worker(new URL('./sync-worker.ts', import.meta.url), { type: 'module', name: 'takt-sync' }) as unknown as WorkerLike;
}
