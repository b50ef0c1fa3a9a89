import type { CodedError, ErrorCode } from '../../shared/errors';
import { ERROR_WORDS } from '../i18n/error-words';
import type { StorageRefusal } from './space-guard';

/**
 * A journal write refused or failed for lack of space, as an i18n key and
 * its values, so the operator reads it in the terminal's language: the space
 * guard's refusals carry their figures (`shortage`); a `storage-low` without
 * them is the disk or quota running full inside the write (journal.ts).
 * Keys: `storageLow.disk`, `storageLow.quota`, `storageLow.full`.
 */
export type StorageLowReason = 'disk' | 'quota' | 'full';

export interface StorageLowText {
  reason: StorageLowReason;
  params: Record<string, number>;
}

export function storageLowText(error: CodedError): StorageLowText | null {
  if (error.code !== 'storage-low') return null;
  const shortage = (error as Partial<StorageRefusal>).shortage;
  if (shortage?.reason === 'disk') return { reason: 'disk', params: { free: shortage.freeMb, needed: shortage.neededMb } };
  if (shortage?.reason === 'quota') return { reason: 'quota', params: { used: shortage.usedPercent, limit: shortage.limitPercent } };
  return { reason: 'full', params: {} };
}

/** A booking the host's journal copy refused: its sentence (`journalCopy.*`), or null for any other error. */
export const JOURNAL_COPY_KEYS: Readonly<Partial<Record<ErrorCode, string>>> = Object.fromEntries(
  (['journal-copy-failed', 'journal-copy-corrupt', 'journal-copy-unavailable', 'journal-copy-conflict'] as const).map((code) => [code, ERROR_WORDS[code]]),
);

/** The NOK feedback for a failed append: the storage or journal-copy sentence, or `fallbackKey` with the error's message. */
export function saveFailedFeedback(error: CodedError, fallbackKey: string): { key: string; params: Record<string, string | number> } {
  const copyKey = JOURNAL_COPY_KEYS[error.code];
  if (copyKey) return { key: copyKey, params: {} };
  const storage = storageLowText(error);
  return storage ? { key: `storageLow.${storage.reason}`, params: storage.params } : { key: fallbackKey, params: { message: error.message } };
}
