import type { ScannerStatus } from '../../shared/bridge';
import type { ConnectionState } from '../bridge/types';
import { initialSyncStatus, type SyncStatus } from '../sync/sync-status';
import type { SliceCreator } from './types';

/** Feedback to the operator: colour, icon, sound and text are all derived from it. */
export interface Feedback {
  tone: 'ok' | 'nok';
  /** An i18n key and its values. */
  key: string;
  params?: Record<string, string | number>;
  /** Increments with every feedback, so the same message twice still beeps twice. */
  serial: number;
}

export type ScannerState = ScannerStatus['state'] | 'unknown';

export interface StatusState {
  scanner: ScannerState;
  hostLink: ConnectionState;
  sync: SyncStatus;
  feedback: Feedback | null;
}

export interface StatusActions {
  setScanner(status: ScannerStatus): void;
  setHostLink(state: ConnectionState): void;
  setSync(status: SyncStatus): void;
  showFeedback(tone: Feedback['tone'], key: string, params?: Feedback['params']): void;
  dismissFeedback(): void;
}

export type StatusSlice = StatusState & StatusActions;

export const initialStatus: StatusState = {
  scanner: 'unknown',
  hostLink: 'connecting',
  sync: initialSyncStatus,
  feedback: null,
};

export const createStatusSlice = (): SliceCreator<StatusSlice> => (set) => {
  let serial = 0;
  return {
  ...initialStatus,
  setScanner: (status) => set({ scanner: status.state }),
  // Without the host nothing is known about its devices; the next host reports them afresh once it is back
  // (a tile that kept saying "connected" across a host restart invited scans the new host was not yet reading).
  setHostLink: (hostLink) => set(hostLink === 'connected' ? { hostLink } : { hostLink, scanner: 'unknown' }),
  setSync: (sync) => set({ sync }),
  showFeedback: (tone, key, params) =>
    set({ feedback: { tone, key, ...(params ? { params } : {}), serial: ++serial } }),
  dismissFeedback: () => set({ feedback: null }),
  };
};
