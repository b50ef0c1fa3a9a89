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
  | { type: 'stop' };

export type FromWorker =
  | { type: 'status'; status: SyncStatus }
  /** A pull wrote master data: the UI reloads it from the cache. */
  | { type: 'pulled' }
  | { type: 'failed'; message: string };
