import type { CodedError } from '../../shared/errors';

/** One failed sync attempt, kept for the status screen. */
export interface SyncErrorEntry extends CodedError {
  at: string;
}

/** How many failed attempts the engine remembers (in memory only). */
export const MAX_SYNC_ERRORS = 10;

/** What the sync loop reports (DESIGN §5); the engine publishes it into the app store's sync slice. */
export interface SyncStatus {
  online: boolean;
  pending: number;
  oldestPendingAt?: string;
  lastSuccessAt?: string;
  lastError?: CodedError;
  /** Queue figures for the status screen: highest seq written and highest seq the server acknowledged. */
  head?: number;
  ackedSeq?: number;
  /** The master-data pull checkpoint (server revision), null before the first pull. */
  checkpoint?: number | null;
  lastAttemptAt?: string;
  /** When the next attempt is due (a timer always exists while events are pending). */
  nextAttemptAt?: string;
  /** The last failed attempts, newest first, at most MAX_SYNC_ERRORS. */
  lastErrors?: SyncErrorEntry[];
  /** Where the loop runs: a Web Worker, or the UI thread (fallback, tests). */
  runsIn?: 'worker' | 'main';
}

export const initialSyncStatus: SyncStatus = { online: false, pending: 0 };

/** Pure: the error list with `entry` in front, capped. */
export function rememberError(list: readonly SyncErrorEntry[] | undefined, entry: SyncErrorEntry): SyncErrorEntry[] {
  return [entry, ...(list ?? [])].slice(0, MAX_SYNC_ERRORS);
}
