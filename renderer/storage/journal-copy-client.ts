import type { BridgeClient } from '../../shared/bridge';
import type { CodedError, ErrorCode, Result } from '../../shared/errors';
import type { EventEnvelope } from '../../shared/events';
import type { MirrorRequest } from '../../shared/bridge-journal';
export type { MirrorRequest };

/** A print-job record as the host's copy keeps it (the renderer owns the rest of its shape). */
export type PrintJobRow = { id: string; state: string };

/**
 * The renderer's side of the host's journal copy (shared/bridge-journal.ts):
 * what the journal, the print-job store and the restore need from it. A
 * failure becomes a coded error the operator's screen can translate: a full
 * host disk stays `storage-low`, an unreadable copy `journal-copy-corrupt`,
 * anything else `journal-copy-failed` (nothing was booked).
 */


export interface JournalCopyClient {
  /** Events, the state after them and the print jobs they complete: one transaction at the host. */
  append(events: readonly EventEnvelope[], state: object | null, printJobs?: readonly PrintJobRow[]): Promise<Result<{ head: number }>>;
  mirror(request: MirrorRequest): Promise<Result<{ head: number }>>;
}

const KEPT: ReadonlySet<ErrorCode> = new Set(['storage-low', 'journal-copy-corrupt', 'journal-copy-conflict', 'journal-copy-unavailable']);

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
    async append(events, state, printJobs = []) {
      const res = await bridge.call('journal:append', {
        events: [...events],
        ...(state ? { state: state as Record<string, unknown> } : {}),
        ...(printJobs.length > 0 ? { printJobs: [...printJobs] } : {}),
      });
      return res.ok ? res : { ok: false, error: copyFailure(res.error) };
    },
    async mirror(request) {
      const res = await bridge.call('journal:mirror', request as Parameters<typeof bridge.call<'journal:mirror'>>[1]);
      return res.ok ? res : { ok: false, error: copyFailure(res.error) };
    },
  };
}
