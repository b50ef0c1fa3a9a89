import type { CodedError } from '../../shared/errors';

/** What the sync loop reports (DESIGN §5); the engine publishes it into the app store's sync slice. */
export interface SyncStatus {
  online: boolean;
  pending: number;
  oldestPendingAt?: string;
  lastSuccessAt?: string;
  lastError?: CodedError;
}

export const initialSyncStatus: SyncStatus = { online: false, pending: 0 };
