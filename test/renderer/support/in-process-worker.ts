import { runSyncWorker, type WorkerScope } from '../../../renderer/sync/sync-worker-main';
import type { WorkerLike } from '../../../renderer/sync/sync-runner';
import type { ToWorker } from '../../../renderer/sync/worker-protocol';

/**
 * The sync worker's body run in this thread behind a Worker-shaped object:
 * messages are structured-cloned and the bridge port is a real MessageChannel,
 * so the worker path (own Dexie handles, RPC to the UI thread) is what runs.
 */
export function inProcessWorker(): WorkerLike & { terminated: boolean } {
  const toWorker: ((e: { data: unknown; ports?: readonly unknown[] }) => void)[] = [];
  const toMain: ((e: MessageEvent) => void)[] = [];
  const scope: WorkerScope = {
    postMessage: (m) => setTimeout(() => toMain.forEach((l) => l({ data: structuredClone(m) } as MessageEvent)), 0),
    addEventListener: (_t, l) => toWorker.push(l),
  };
  runSyncWorker(scope);
  const worker = {
    terminated: false,
    postMessage(message: ToWorker, transfer?: Transferable[]) {
      setTimeout(() => toWorker.forEach((l) => l({ data: structuredClone(message), ports: transfer ?? [] })), 0);
    },
    addEventListener(type: string, l: (e: never) => void) {
      if (type === 'message') toMain.push(l as (e: MessageEvent) => void);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker as WorkerLike & { terminated: boolean };
}
