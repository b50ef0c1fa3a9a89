import type { SnapshotPiece } from './snapshot-pieces';
import type { SyncStatus } from './sync-status';

/** Messages between the UI thread and the sync worker (besides the bridge port, see port-rpc.ts). */

export interface SyncSettings {
  pushBatch?: number;
  pullLimit?: number;
  pullIntervalMs?: number;
  /** Retention of synced events (default 30 days). */
  retentionMaxAgeMs?: number;
  retentionBatch?: number;
  retentionIntervalMs?: number;
  /** Added to the terminal clock (tests of a clock set wrong). */
  clockOffsetMs?: number;
}

export type ToWorker =
  | { type: 'init'; terminalId: string; settings: SyncSettings }
  /** The journal grew. */
  | { type: 'notify' }
  /** Connectivity came back or IT pressed "sync now": retry at once. */
  | { type: 'retry-now' }
  /** The server has newer master data: pull now. */
  | { type: 'pull-now' }
  /** Fold the journal into a fresh snapshot now (an order opens far behind the latest one); answered by `snapshot-taken`. */
  | { type: 'take-snapshot'; id: number }
  | { type: 'stop' };

export type FromWorker =
  | { type: 'status'; status: SyncStatus }
  /** A pull wrote master data: the UI reloads it from the cache. */
  | { type: 'pulled' }
  /** The snapshot asked for by `take-snapshot` with this id is stored and covers `seq` (or could not be taken: `message`). */
  | { type: 'snapshot-taken'; id: number; seq: number | null; message?: string; lastSeq?: number }
  /** Part of the production state of the snapshot answered next (with its `lastSeq`) under this id. */
  | { type: 'snapshot-piece'; id: number; piece: SnapshotPiece }
  | { type: 'failed'; message: string };
