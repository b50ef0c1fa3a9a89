import '../zod-config';
import { runSyncWorker, type WorkerScope } from './sync-worker-main';

/** The sync worker's entry (loaded by sync-runner.ts with `new Worker(new URL(...), { type: 'module' })`). */
runSyncWorker(self as unknown as WorkerScope);
