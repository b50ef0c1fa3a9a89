import type { HostInfo } from '../shared/bridge';
import type { CodedError, ErrorCode } from '../shared/errors';
import { verifyPin } from '../shared/pin';
import type { TaktBridge } from './bridge/types';
import { realTimers, type Timers } from './bridge/types';
import { Cache } from './storage/cache';
import { Journal } from './storage/journal';
import { createPinLockout, memoryStorage, type KeyValueStorage } from './storage/pin-lockout';
import { hostJournalCopy } from './storage/journal-copy-client';
import { afterNextPaint } from './lib/after-paint';
import { journalNotice } from './storage/journal-notice';
import { journalPresence, reconcileJournal, type RestoreReport } from './storage/journal-restore';
import { createPrintQueue, type PrintQueue } from './state/print-queue';
import { createAppStore, type AppStore } from './state/app-store';
import { DEFAULT_SPACE_POLICY, SpaceGuard, type SpacePolicy } from './storage/space-guard';
import { followMasterNews } from './sync/master-news';
import type { SyncControl } from './sync/sync-control';
import { createSyncWorker, startSync, type SyncHandle, type WorkerLike } from './sync/sync-runner';
import type { SyncStatus } from './sync/sync-status';
import type { SyncSettings } from './sync/worker-protocol';
import { logger } from './lib/log';

/**
 * Boot order: bridge → host:info → journal and cache of that terminal →
 * session restored from the journal's snapshot → master data from the cache
 * → sync engine. Rendering and wiring host events are main.tsx's part.
 */
export interface Booted {
  info: HostInfo;
  store: AppStore;
  journal: Journal;
  cache: Cache;
  /** The sync loop: in a Web Worker in the browser, on this thread where there is none (jsdom). */
  sync: SyncHandle;
  space: SpaceGuard;
  /** Print jobs as journal records; `resumed` settles once the jobs left by the last run were handled. */
  printQueue: PrintQueue;
  printJobsResumed: Promise<void>;
  /** What the status screen may do besides reading the store ("sync now", the space guard); main.tsx passes it to <StoreProvider>. */
  syncControl: SyncControl;
  /** What the reconciliation of IndexedDB with the host's journal copy found (and did) before the UI opened. */
  restore: RestoreReport;
  shutdown(): void;
}

export interface BootOptions {
  bridge: TaktBridge;
  clock?: () => Date;
  timers?: Timers;
  yieldToUi?: () => Promise<void>;
  /** How long to keep asking the host for its info before giving up. */
  hostInfoAttempts?: number;
  /** The sync worker; by default the real module worker where `Worker` exists. Return null to sync on this thread. */
  createWorker?: () => WorkerLike | null;
  syncSettings?: SyncSettings;
  spacePolicy?: SpacePolicy;
  /** Where `online` events come from; the window by default. */
  connectivity?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** `navigator.storage.estimate` by default. */
  estimateStorage?: () => Promise<{ quota?: number; usage?: number } | null>;
  /** Where wrong PINs per badge are kept across reloads; the window's local storage by default. */
  pinStorage?: KeyValueStorage;
}

/** Local storage when the page may use it (a sandboxed or opaque origin throws on access). */
function defaultPinStorage(): KeyValueStorage {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // fall through: memory only, lost on reload
  }
  return memoryStorage();
}

export async function boot(options: BootOptions): Promise<Booted> {
  const clock = options.clock ?? (() => new Date());
  const timers = options.timers ?? realTimers;
  const info = await hostInfo(options.bridge, timers, options.hostInfoAttempts ?? HOST_INFO_ATTEMPTS);

  // Listed before anything opens it: Chromium may have deleted the journal, and Dexie would silently create it empty.
  const presence = await journalPresence(info.terminalId);
  const [journal, cache] = await Promise.all([Journal.open(info.terminalId), Cache.open(info.terminalId)]);
  // Both copies of the journal agree before anything reads it: the shorter is filled from the longer.
  const restore = await reconcileJournal({ terminalId: info.terminalId, bridge: options.bridge, journal, presence });
  const copy = hostJournalCopy(options.bridge);
  journal.setCopy(copy);
  journal.setCopyRefusal(restore.error ?? null);
  if (restore.outcome === 'restored' && restore.restored > 0) {
    // The restore is a fact for the server too (plant IT learns that this terminal lost its database).
    const indexedDb = restore.indexedDb === 'present' ? 'behind' : restore.indexedDb;
    const recorded = await journal.append([{ type: 'JournalRestored', payload: { restored: restore.restored, fromSeq: restore.idbHead + 1, toSeq: restore.hostHead, indexedDb } }], { clock });
    if (!recorded.ok) logger('journal').warn(`JournalRestored not recorded: ${recorded.error.code}: ${recorded.error.message}`);
  }
  journalNotice.setState({ report: restore });
  let sync: SyncHandle | null = null;
  // Print jobs live in the journal's database, on its connection: a job's `done` commits with its events (and goes to the host's copy too).
  const printQueue = createPrintQueue({
    store: journal.printJobStore(),
    bridge: options.bridge,
    clock,
    onBooked: () => sync?.notify(),
  });
  // Before anything can print: jobs `sent` when the last run stopped have an unknown outcome (failed, reprint with a reason).
  await printQueue.jobs.settleAfterRestart();
  const store = createAppStore({
    terminalId: info.terminalId,
    journal,
    cache,
    bridge: options.bridge,
    clock,
    // The push a booking starts waits for the verdict's frame: it no longer competes with painting it.
    notifySync: () => afterNextPaint(() => sync?.notify()),
    takeSnapshot: () => sync?.takeSnapshot() ?? Promise.resolve(null),
    verifyPin,
    pinLockout: createPinLockout(options.pinStorage ?? defaultPinStorage(), info.terminalId),
    yieldToUi: options.yieldToUi ?? (() => new Promise<void>((resolve) => timers.setTimeout(() => resolve(), 30))),
    printQueue,
  });
  await store.getState().restoreSession();
  await store.getState().refreshMaster();
  // The order list's progress: folded in the background (from the journal's snapshot), not awaited.
  void store.getState().loadProduction();
  // The pending count is right from the first frame (e.g. after a reload while offline).
  const pending = await journal.syncInfo();
  store.getState().setSync({
    online: false,
    pending: pending.pending,
    ...(pending.oldestPendingAt ? { oldestPendingAt: pending.oldestPendingAt } : {}),
  });

  // Space guard: refuse bookings (storage-low) before the disk or the quota runs out; checked before every append.
  const space = new SpaceGuard(
    {
      hostDisk: async () => {
        const res = await options.bridge.call('host:disk', {});
        return res.ok ? res.value : null;
      },
      estimate: options.estimateStorage ?? defaultEstimate,
    },
    timers,
    // Thresholds configured on the host (TAKT_STORAGE_*) override the defaults field by field.
    options.spacePolicy ?? { ...DEFAULT_SPACE_POLICY, ...info.storage },
  );
  journal.setAppendGuard(space.check);
  void space.start();

  // The retention age configured on the host (TAKT_RETENTION_DAYS) reaches the retention runner through the sync settings.
  const syncSettings: SyncSettings = {
    ...(info.retentionMaxAgeMs !== undefined ? { retentionMaxAgeMs: info.retentionMaxAgeMs } : {}),
    ...options.syncSettings,
  };
  const connectivity = options.connectivity ?? (typeof window !== 'undefined' ? window : undefined);
  sync = startSync({
    terminalId: info.terminalId,
    bridge: options.bridge,
    journal,
    cache,
    clock,
    timers,
    publish: (status: SyncStatus) => store.getState().setSync(status),
    onPulled: () => void store.getState().refreshMaster(),
    createWorker: options.createWorker ?? createSyncWorker,
    settings: syncSettings,
    ...(connectivity ? { connectivity } : {}),
    reportStatus: typeof navigator !== 'undefined' && navigator.storage?.estimate ? { estimate: () => navigator.storage.estimate() } : {},
  });
  const engine = sync;
  const stopMasterNews = followMasterNews({ bridge: options.bridge, checkpoint: () => cache.checkpoint(), pullNow: () => engine.pullNow() });

  // Jobs left queued (printer out of paper, or the app restarted before they went out) are sent again, in the background.
  const printJobsResumed = printQueue.resume().then(
    () => undefined,
    () => undefined,
  );

  return {
    info,
    store,
    journal,
    cache,
    sync: engine,
    space,
    printQueue,
    printJobsResumed,
    syncControl: { syncNow: () => engine.syncNow(), space: () => space.current },
    restore,
    shutdown() {
      stopMasterNews();
      space.stop();
      engine.stop();
      journal.close();
      cache.close();
    },
  };
}

async function defaultEstimate(): Promise<{ quota?: number; usage?: number } | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  return navigator.storage.estimate();
}

/** Boot failed with a stable code (the boot screen words it in the operator's language) and a technical detail. */
export class BootError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'BootError';
  }
}

/** Retries are at most 1 s apart: the default 8 attempts give up within about 7 s, never the 45 s an operator once waited. */
export const HOST_INFO_ATTEMPTS = 8;

async function hostInfo(bridge: TaktBridge, timers: Timers, attempts: number): Promise<HostInfo> {
  let last: CodedError = { code: 'host-unreachable', message: 'no answer' };
  for (let i = 0; i < attempts; i++) {
    const res = await bridge.call('host:info', {});
    if (res.ok) return res.value;
    last = res.error;
    if (i < attempts - 1) await new Promise<void>((resolve) => timers.setTimeout(() => resolve(), Math.min(1_000, 250 * 2 ** i)));
  }
  throw new BootError(last.code, last.message);
}
