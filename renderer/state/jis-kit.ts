import type { CodedError, Result } from '../../shared/errors';
import type { NewEvent } from '../../shared/events';
import { applyJisEvent } from '../../shared/jis';
import type { DomainEvent } from '../../shared/production/verdict';
import type { AppendResult } from '../storage/envelopes';
import { JOURNAL_COPY_KEYS, storageLowText } from '../storage/storage-refusal';
import type { StoreDeps } from './deps';
import type { JisVerdict } from './jis-state';
import type { SliceCreator } from './types';

/**
 * What the pieces of the JIS slice (verify, approvals, rack labels) share:
 * the verdict, the one-write-at-a-time guard, and the one way a fact is
 * written (journal append, then the JIS fold of what the journal returned).
 */

type Set = Parameters<SliceCreator<unknown>>[0];
type Get = Parameters<SliceCreator<unknown>>[1];

export interface JisKit {
  deps: StoreDeps;
  get: Get;
  set: Set;
  verdict(tone: JisVerdict['tone'], code: string, params?: Record<string, unknown>): void;
  /** Runs work unless the JIS screen is busy (one write at a time). */
  busy<T>(work: () => Promise<T>): Promise<T | undefined>;
  /** Journal append + fold; false (with a NOK verdict) when the write failed. */
  record(events: readonly DomainEvent[]): Promise<boolean>;
  /** Folds a printed label's booking (committed with the job's `done`); false when the journal refused it (the slice shows why). */
  booked(outcome: Result<AppendResult> | undefined): boolean;
  /** The events as the operator's (the journal records who did it). */
  withOperatorOf(events: readonly DomainEvent[]): NewEvent[];
  /** A filled rack's label prints without holding up the next scan (its state shows on the screen). */
  afterPlacement(closedRackId: string | null): void;
}

export function createJisKit(deps: StoreDeps, set: Set, get: Get): JisKit {
  let serial = 0;
  const verdict: JisKit['verdict'] = (tone, code, params = {}) => set({ jisVerdict: { tone, code, params, serial: ++serial } });

  function withOperatorOf(events: readonly DomainEvent[]): NewEvent[] {
    const operatorId = get().terminal.operator?.id;
    return events.map((e) => (operatorId ? { ...e, operatorId } : e)) as NewEvent[];
  }

  /** A storage or journal-copy refusal gets its own translated sentence (jis.verdict.storage-low-*, jis.verdict.journal-copy-*); anything else "not saved: <message>". */
  function refused(error: CodedError): void {
    const storage = storageLowText(error);
    if (JOURNAL_COPY_KEYS[error.code]) verdict('nok', error.code, {});
    else verdict('nok', storage ? `storage-low-${storage.reason}` : 'save-failed', storage ? storage.params : { message: error.message });
  }

  /** Folds committed events into the JIS state (after `record`, or a printed rack label's booking). */
  function applyBooked(booked: AppendResult): void {
    const jis = get().jis;
    set({ terminal: booked.state, ...(jis ? { jis: booked.events.reduce(applyJisEvent, jis) } : {}) });
    deps.notifySync();
  }

  return {
    deps,
    get,
    set,
    verdict,
    withOperatorOf,

    async busy(work) {
      if (get().jisBusy) return undefined;
      set({ jisBusy: true });
      try {
        return await work();
      } finally {
        set({ jisBusy: false });
      }
    },

    async record(events) {
      if (events.length === 0) return true;
      const result = await deps.journal.append(withOperatorOf(events), { clock: deps.clock });
      if (!result.ok) {
        refused(result.error);
        return false;
      }
      applyBooked(result.value);
      return true;
    },

    booked(outcome) {
      if (!outcome) return true;
      if (!outcome.ok) {
        refused(outcome.error);
        return false;
      }
      applyBooked(outcome.value);
      return true;
    },

    afterPlacement(closedRackId) {
      if (closedRackId) void get().printJisRackLabel(closedRackId);
    },
  };
}
