import { outcomeReason } from '../../shared/bridge';
import type { PrinterStatus } from '../../shared/labels/host-status';
import type { PrintJobRecord } from '../storage/print-jobs';
import type { StoreDeps } from './deps';
import type { Result } from '../../shared/errors';
import { saveFailedFeedback } from '../storage/storage-refusal';
import type { PrintAttempt } from './print-queue';
import type { SliceCreator } from './types';

/**
 * The print-jobs screen's state: labels that may not have printed (failed,
 * or outcome unknown after a restart) and are not reprinted yet, and labels
 * held in the queue because the printer is not ready. Re-read from the
 * journal's print-job records whenever the queue reports a change, so the
 * status-bar badge is right after a restart and after every print.
 */
export interface PrintJobsState {
  awaiting: PrintJobRecord[];
  held: PrintJobRecord[];
  /** The printer's last known state: asked when the screen opens, then kept live from the host's status events. */
  printer: PrinterStatus | null;
  /** The job a reprint or retry is running for. */
  busyJobId: string | null;
}

export interface PrintJobsSlice {
  printJobs: PrintJobsState;
  refreshPrintJobs(): Promise<void>;
  checkPrinter(): Promise<void>;
  /** The host reported a change of the printer's state (paper out, back, …). */
  setPrinterStatus(status: PrinterStatus): void;
  /** Reprints a failed job with the operator's reason (a new job); true when the new label printed and was booked. */
  reprintPrintJob(jobId: string, reason: string): Promise<boolean>;
  /** Sends a held job again; true when it printed and was booked. */
  retryPrintJob(jobId: string): Promise<boolean>;
}

export const initialPrintJobs: PrintJobsState = { awaiting: [], held: [], printer: null, busyJobId: null };

export const createPrintJobsSlice =
  (deps: StoreDeps): SliceCreator<PrintJobsSlice> =>
  (set, get) => {
    const queue = deps.printQueue;
    const patch = (p: Partial<PrintJobsState>) => set({ printJobs: { ...get().printJobs, ...p } });
    queue.subscribe(() => void get().refreshPrintJobs());

    /** Books the facts of a printed job as the logged-in operator; NOK feedback when the journal refused. */
    async function book(attempt: PrintAttempt): Promise<boolean> {
      const { result } = attempt;
      // The host's answer carries the printer's state after the attempt.
      if (result.ok) patch({ printer: result.value.status });
      if (!result.ok || result.value.outcome !== 'done') {
        const reason = result.ok ? outcomeReason(result.value) : result.error;
        get().showFeedback('nok', 'printJobs.feedback.notPrinted', { code: reason.code });
        return false;
      }
      // The job's facts were booked with its `done`, in one transaction (print-queue.ts).
      const booked = result.value.booked;
      if (booked && !booked.ok) {
        const failed = saveFailedFeedback(booked.error, 'printJobs.feedback.saveFailed');
        get().showFeedback('nok', failed.key, failed.params);
        return false;
      }
      if (booked) {
        set({ terminal: booked.value.state });
        deps.notifySync();
      }
      return true;
    }

    /** One reprint or retry at a time: sends it, books it when printed, and says how it went. */
    async function attempt(jobId: string, send: () => Promise<Result<PrintAttempt>>, okKey: string): Promise<boolean> {
      if (get().printJobs.busyJobId) return false;
      patch({ busyJobId: jobId });
      try {
        const sent = await send();
        if (!sent.ok) {
          get().showFeedback('nok', 'printJobs.feedback.notPrinted', { code: sent.error.code });
          return false;
        }
        const booked = await book(sent.value);
        if (booked) get().showFeedback('ok', okKey);
        return booked;
      } finally {
        patch({ busyJobId: null });
        await get().refreshPrintJobs();
      }
    }

    return {
      printJobs: initialPrintJobs,

      async refreshPrintJobs() {
        try {
          const [awaiting, queued] = await Promise.all([queue.jobs.awaitingReprint(), queue.jobs.queued()]);
          patch({ awaiting, held: queued.filter((j) => j.heldBecause !== undefined) });
        } catch {
          // The journal database closed (shutdown): the last list stays; the next change reads again.
        }
      },

      async checkPrinter() {
        const res = await deps.bridge.call('printer:status', {});
        patch({ printer: res.ok ? res.value : { state: 'offline', code: res.error.code, message: res.error.message } });
      },

      setPrinterStatus(status) {
        patch({ printer: status });
      },

      reprintPrintJob(jobId, reason) {
        const operatorId = get().terminal.operator?.id;
        return attempt(jobId, () => queue.reprint(jobId, reason, operatorId ? { operatorId } : {}), 'printJobs.feedback.reprinted');
      },

      retryPrintJob(jobId) {
        const operatorId = get().terminal.operator?.id;
        return attempt(jobId, () => queue.retry(jobId, operatorId ? { operatorId } : {}), 'printJobs.feedback.printed');
      },
    };
  };
