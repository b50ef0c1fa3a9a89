import { verifyPin } from '../../../shared/pin';
import { Cache } from '../../../renderer/storage/cache';
import { Journal } from '../../../renderer/storage/journal';
import { createAppStore, type AppStore } from '../../../renderer/state/app-store';
import { createPrintQueue } from '../../../renderer/state/print-queue';
import type { StoreDeps } from '../../../renderer/state/deps';
import { FakeBridge } from './fake-bridge';
import { demoPage, fixedClock, uniqueTerminalId } from './fixtures';

export interface AppRig {
  terminalId: string;
  journal: Journal;
  cache: Cache;
  bridge: FakeBridge;
  store: AppStore;
  notified: number;
  close(): void;
}

/** A store over real (fake-indexeddb) journal and cache, with demo master data pulled unless `pulled: false`. */
export async function appRig(options: { terminalId?: string; pulled?: boolean; deps?: Partial<StoreDeps> } = {}): Promise<AppRig> {
  const terminalId = options.terminalId ?? uniqueTerminalId();
  const [journal, cache] = await Promise.all([Journal.open(terminalId), Cache.open(terminalId)]);
  if (options.pulled !== false) await cache.applyPull(demoPage(terminalId));
  const bridge = new FakeBridge();
  const rig: AppRig = {
    terminalId,
    journal,
    cache,
    bridge,
    notified: 0,
    store: undefined as unknown as AppStore,
    close() {
      journal.close();
      cache.close();
    },
  };
  const clock = fixedClock();
  rig.store = createAppStore({
    terminalId,
    journal,
    cache,
    bridge,
    clock,
    printQueue: createPrintQueue({ store: journal.printJobStore(), bridge, clock }),
    notifySync: () => {
      rig.notified += 1;
    },
    verifyPin,
    yieldToUi: () => Promise.resolve(),
    ...options.deps,
  });
  await rig.store.getState().restoreSession();
  await rig.store.getState().refreshMaster();
  return rig;
}
