import type { BridgeClient } from '../../shared/bridge';
import type { CodedError, Result } from '../../shared/errors';
import type { EventEnvelope } from '../../shared/events';
import type { MirrorRequest } from '../../shared/bridge-journal';
export type { MirrorRequest };

/**
 * The renderer's side of the host's journal copy (shared/bridge-journal.ts):
 * what the journal, the print-job store and the restore need from it. A
 * failure becomes a coded error the operator's screen can translate: a full
 * host disk stays `storage-low`, an unreadable copy `journal-copy-corrupt`,
 * anything else `journal-copy-failed` (nothing was booked).
 */


export interface JournalCopyClient {
  append(events: readonly EventEnvelope[], state: object | null): Promise<Result<{ head: number }>>;
  mirror(request: MirrorRequest): Promise<Result<{ head: number }>>;
}

const KEPT = new Set(['storage-low', 'journal-copy-corrupt', 'journal-copy-conflict', 'journal-copy-unavailable']);

/** The coded error a booking is refused with when the host's write did not succeed. */
export function copyFailure(error: CodedError): CodedError {
  if (KEPT.has(error.code)) return { code: error.code, message: error.message };
  if (error.code === 'unknown-channel' || error.code === 'host-unreachable') {
    return { code: 'journal-copy-unavailable', message: `The host did not take the journal's second copy; nothing was booked (${error.message})` };
  }
  return { code: 'journal-copy-failed', message: `The host could not write the journal's second copy; nothing was booked (${error.code}: ${error.message})` };
}

export function hostJournalCopy(bridge: Pick<BridgeClient, 'call'>): JournalCopyClient {
  return {
    async append(events, state) {
      const res = await bridge.call('journal:append', { events: [...events], ...(state ? { state: state as Record<string, unknown> } : {}) });
      return res.ok ? res : { ok: false, error: copyFailure(res.error) };
    },
    async mirror(request) {
      const res = await bridge.call('journal:mirror', request as Parameters<typeof bridge.call<'journal:mirror'>>[1]);
      return res.ok ? res : { ok: false, error: copyFailure(res.error) };
    },
  };
}
