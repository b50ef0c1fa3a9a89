import type { HostInfo } from '../shared/bridge';
import { verifyPin } from '../shared/pin';
import type { TaktBridge } from './bridge/types';
import { realTimers, type Timers } from './bridge/types';
import { Cache } from './storage/cache';
import { Journal } from './storage/journal';
import { createAppStore, type AppStore } from './state/app-store';
import { SyncEngine } from './sync/sync-engine';

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
  sync: SyncEngine;
  shutdown(): void;
}

export interface BootOptions {
  bridge: TaktBridge;
  clock?: () => Date;
  timers?: Timers;
  yieldToUi?: () => Promise<void>;
  /** How long to keep asking the host for its info before giving up. */
  hostInfoAttempts?: number;
}

export async function boot(options: BootOptions): Promise<Booted> {
  const clock = options.clock ?? (() => new Date());
  const timers = options.timers ?? realTimers;
  const info = await hostInfo(options.bridge, timers, options.hostInfoAttempts ?? 20);

  const [journal, cache] = await Promise.all([Journal.open(info.terminalId), Cache.open(info.terminalId)]);

  let sync: SyncEngine | null = null;
  const store = createAppStore({
    terminalId: info.terminalId,
    journal,
    cache,
    bridge: options.bridge,
    clock,
    notifySync: () => sync?.notify(),
    verifyPin,
    yieldToUi: options.yieldToUi ?? (() => new Promise<void>((resolve) => timers.setTimeout(() => resolve(), 30))),
  });
  await store.getState().restoreSession();
  await store.getState().refreshMaster();
  // The pending count is right from the first frame (e.g. after a reload while offline).
  const pending = await journal.syncInfo();
  store.getState().setSync({
    online: false,
    pending: pending.pending,
    ...(pending.oldestPendingAt ? { oldestPendingAt: pending.oldestPendingAt } : {}),
  });

  sync = new SyncEngine({
    journal,
    cache,
    bridge: options.bridge,
    clock,
    timers,
    publish: (status) => store.getState().setSync(status),
    onPulled: () => void store.getState().refreshMaster(),
  });
  sync.start();

  const engine = sync;
  return {
    info,
    store,
    journal,
    cache,
    sync: engine,
    shutdown() {
      engine.stop();
      journal.close();
      cache.close();
    },
  };
}

async function hostInfo(bridge: TaktBridge, timers: Timers, attempts: number): Promise<HostInfo> {
  let lastMessage = 'no answer';
  for (let i = 0; i < attempts; i++) {
    const res = await bridge.call('host:info', {});
    if (res.ok) return res.value;
    lastMessage = `${res.error.code}: ${res.error.message}`;
    await new Promise<void>((resolve) => timers.setTimeout(() => resolve(), Math.min(5_000, 250 * 2 ** i)));
  }
  throw new Error(lastMessage);
}
