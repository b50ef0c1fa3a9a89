import { outcomeReason, type BridgeClient, type CallResponse } from '../../shared/bridge';
import { isErrorCode, type CodedError, type ErrorCode, type Result } from '../../shared/errors';
import type { NewEvent } from '../../shared/events';
import { newId } from '../../shared/ids';
import type { LabelModel } from '../../shared/labels/model';
import { writeFailure, type AppendResult } from '../storage/envelopes';
import { PrintJobs, type PrintJobRecord, type PrintJobStore } from '../storage/print-jobs';
import { reprintEvents } from './reprint-events';

/**
 * The one way the renderer prints (workflow container labels, JIS rack
 * labels): every job is a print-job record (renderer/storage/print-jobs.ts)
 * that is written `sent` before the host gets it, so after a crash nobody
 * guesses. The host's answer moves it on: `done`; `held` (nothing went out,
 * printer not ready) → queued again with the reason; `failed` → failed.
 * A job that is not queued is never handed to the host again.
 */

/**
 * The host's answer; for a printed job also what its completion booked: the
 * job's `done` and its `onDone` events commit in one journal transaction
 * (absent when it books none; an error when the journal refused, then
 * neither was written). Callers fold `booked` instead of appending the events again.
 */
export type PrintOutcome = CallResponse<'printer:print'> & { booked?: Result<AppendResult> };

export interface PrintQueueRequest {
  jobId: string;
  templateId: string;
  model: LabelModel;
  copies?: number;
  sscc?: string;
  reprintOf?: string;
  reprintReason?: string;
  /** Journal events booked with the job's `done`, in the same transaction (also when {@link PrintQueue.resume} finishes it after a restart). */
  onDone?: NewEvent[];
  /** Who is logged in: booked events that name nobody name them. */
  operatorId?: string;
}

/** A job after one attempt: its record as stored now, and the host's answer. */
export interface PrintAttempt {
  job: PrintJobRecord;
  result: Result<PrintOutcome>;
}

export interface ReprintOptions {
  /** The new job's id; a fresh UUIDv7 by default. */
  jobId?: string;
  /** Who asked for the reprint; the booked `LabelReprinted` names them. */
  operatorId?: string;
}

export interface PrintQueue {
  /** Prints a job (new, or a queued one again); the same result shape as the `printer:print` bridge call. */
  print(request: PrintQueueRequest): Promise<Result<PrintOutcome>>;
  /**
   * Prints a stored job's label once more, any kind (container, JIS rack,
   * shipping): a NEW job with the same label model, `reprintOf` the original
   * and the operator's reason, whose `onDone` holds the `LabelReprinted`
   * facts (see reprint-events.ts). Refused (no job created) without a reason,
   * for an unknown original, or for one still queued (print that instead).
   * As with `print`, `job.onDone` is booked with the job's `done`;
   * a reprint left queued (held) is booked by `resume` or `retry`.
   */
  reprint(originalJobId: string, reason: string, options?: ReprintOptions): Promise<Result<PrintAttempt>>;
  /** Sends a queued (held) job again; `job.onDone` is booked with its `done`. */
  retry(jobId: string, options?: { operatorId?: string }): Promise<Result<PrintAttempt>>;
  /** Called after any job changed (printed, held, failed, reprinted, settled); returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /**
   * At boot: `sent` jobs become failed(outcome-unknown); `queued` jobs are
   * sent again, and the events of those printed are recorded.
   */
  resume(): Promise<{ outcomeUnknown: PrintJobRecord[]; retried: { job: PrintJobRecord; result: Result<PrintOutcome> }[] }>;
  jobs: PrintJobs;
}

export interface PrintQueueOptions {
  store: PrintJobStore;
  bridge: Pick<BridgeClient, 'call'>;
  clock: () => Date;
  /** Told after a job's events were booked (the sync engine). */
  onBooked?: () => void;
}

/** A thrown storage error as a coded one: the host copy's own code when it carries one. */
function storageFailure(err: unknown): CodedError {
  const code = (err as { code?: unknown } | null)?.code;
  return isErrorCode(code) && err instanceof Error ? { code, message: err.message } : writeFailure(err);
}

/** Bridge errors after which the host may have sent the label: the outcome is unknown. */
const UNKNOWN_AFTER: ReadonlySet<ErrorCode> = new Set(['timeout']);

export function createPrintQueue(options: PrintQueueOptions): PrintQueue {
  const jobs = new PrintJobs(options.store, options.clock);
  const inFlight = new Map<string, Promise<Result<PrintOutcome>>>();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const l of listeners) l();
  };

  async function send(request: PrintQueueRequest): Promise<Result<PrintOutcome>> {
    const queued = await jobs.enqueue({
      id: request.jobId,
      templateId: request.templateId,
      model: request.model,
      ...(request.copies !== undefined ? { copies: request.copies } : {}),
      ...(request.sscc ? { sscc: request.sscc } : {}),
      ...(request.onDone ? { onDone: request.onDone } : {}),
      ...(request.reprintOf !== undefined ? { reprintOf: request.reprintOf, reprintReason: request.reprintReason ?? '' } : {}),
    });
    if (!queued.ok) return queued;
    return sendQueued(queued.value, request.operatorId);
  }

  async function sendQueued(job: PrintJobRecord, operatorId?: string): Promise<Result<PrintOutcome>> {
    // Written before the host sees it: a crash from here on leaves `sent`, i.e. outcome unknown.
    const sent = await jobs.step(job.id, { type: 'sent' });
    if (!sent.ok) return sent;
    let res: Result<PrintOutcome>;
    try {
      res = await options.bridge.call('printer:print', {
        jobId: job.id,
        model: job.model,
        copies: job.copies,
        ...(job.reprintOf !== undefined ? { reprintOf: job.reprintOf, reprintReason: job.reprintReason ?? '' } : {}),
      });
    } catch (err) {
      res = { ok: false, error: { code: 'timeout', message: err instanceof Error ? err.message : String(err) } };
    }
    if (!res.ok) {
      const error: CodedError = res.error;
      if (UNKNOWN_AFTER.has(error.code) || error.code === 'print-duplicate') await jobs.step(job.id, { type: 'failed', reason: error });
      // Any other refusal came from the host before it sent anything: the job waits, queued.
      else await jobs.step(job.id, { type: 'not-sent', reason: error });
      return res;
    }
    if (res.value.outcome === 'done') {
      const completed = await jobs.complete(job.id, operatorId);
      if (completed.ok && completed.value.booked) options.onBooked?.();
      const booked: Result<AppendResult> | null = completed.ok ? (completed.value.booked ? { ok: true, value: completed.value.booked } : null) : completed;
      return { ok: true, value: { ...res.value, ...(booked ? { booked } : {}) } };
    }
    const reason = outcomeReason(res.value);
    if (res.value.outcome === 'held') await jobs.step(job.id, { type: 'not-sent', reason });
    else await jobs.step(job.id, { type: 'failed', reason });
    return res;
  }

  function once(jobId: string, run: () => Promise<Result<PrintOutcome>>): Promise<Result<PrintOutcome>> {
    const running = inFlight.get(jobId);
    if (running) return running;
    // A storage failure (disk full, the host's copy refused, the database closed) is an answer, never a rejection.
    const p = run().catch((err: unknown): Result<PrintOutcome> => ({ ok: false, error: storageFailure(err) })).finally(() => {
      inFlight.delete(jobId);
      changed();
    });
    inFlight.set(jobId, p);
    return p;
  }

  async function attempt(jobId: string, result: Result<PrintOutcome>): Promise<Result<PrintAttempt>> {
    const job = await jobs.get(jobId);
    return job ? { ok: true, value: { job, result } } : { ok: false, error: { code: 'print-job-unknown', message: `no print job ${jobId}` } };
  }

  /** One reprint per original at a time: a double tap must not print two labels. */
  const reprinting = new Map<string, Promise<Result<PrintAttempt>>>();

  async function reprintOnce(originalJobId: string, reason: string, opts: ReprintOptions): Promise<Result<PrintAttempt>> {
    const original = await jobs.get(originalJobId);
    if (!original) return { ok: false, error: { code: 'print-job-unknown', message: `no print job ${originalJobId}` } };
    const why = reason.trim();
    if (why === '') return { ok: false, error: { code: 'print-reprint-reason-missing', message: 'a reprint needs a reason' } };
    if (original.state === 'queued') return { ok: false, error: { code: 'print-job-transition', message: `print job ${originalJobId} has not been sent yet; print it instead` } };
    const jobId = opts.jobId ?? newId();
    if (await jobs.get(jobId)) return { ok: false, error: { code: 'print-duplicate', message: `print job ${jobId} exists already; a reprint needs a new job id` } };
    const result = await once(jobId, () =>
      send({
        jobId,
        templateId: original.templateId,
        model: original.model,
        copies: original.copies,
        ...(original.sscc ? { sscc: original.sscc } : {}),
        reprintOf: original.id,
        reprintReason: why,
        onDone: reprintEvents(original, { jobId, reason: why, operatorId: opts.operatorId }),
        ...(opts.operatorId ? { operatorId: opts.operatorId } : {}),
      }),
    );
    // Refused before a record was written: no job to return.
    if (!result.ok && !(await jobs.get(jobId))) return result;
    return attempt(jobId, result);
  }

  return {
    jobs,
    print(request) {
      return once(request.jobId, () => send(request));
    },
    reprint(originalJobId, reason, opts = {}) {
      const running = reprinting.get(originalJobId);
      if (running) return running;
      const p = reprintOnce(originalJobId, reason, opts).finally(() => reprinting.delete(originalJobId));
      reprinting.set(originalJobId, p);
      return p;
    },
    async retry(jobId, opts = {}) {
      const job = await jobs.get(jobId);
      if (!job) return { ok: false, error: { code: 'print-job-unknown', message: `no print job ${jobId}` } };
      if (job.state !== 'queued') return { ok: false, error: { code: 'print-duplicate', message: `print job ${jobId} was already sent (${job.state}); print again only as a reprint with a reason` } };
      return attempt(jobId, await once(jobId, () => sendQueued(job, opts.operatorId)));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async resume() {
      const outcomeUnknown = await jobs.settleAfterRestart();
      if (outcomeUnknown.length > 0) changed();
      const retried: { job: PrintJobRecord; result: Result<PrintOutcome> }[] = [];
      for (const job of await jobs.queued()) {
        const result = await once(job.id, () => sendQueued(job));
        retried.push({ job, result });
      }
      return { outcomeUnknown, retried };
    },
  };
}
