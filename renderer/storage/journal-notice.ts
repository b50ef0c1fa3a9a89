import { createStore } from 'zustand/vanilla';
import type { RestoreReport } from './journal-restore';

/**
 * What boot's reconciliation of the two journal copies found, for the
 * status screen's notice ("journal restored: N bookings", or why bookings
 * are refused). Set once per boot, before the UI opens.
 */
export interface JournalNoticeState {
  report: RestoreReport | null;
}

export const journalNotice = createStore<JournalNoticeState>(() => ({ report: null }));
