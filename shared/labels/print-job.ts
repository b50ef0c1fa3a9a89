import { z } from 'zod';
import { CodedErrorSchema, ok, type CodedError, type Result } from '../errors';
import { labelFail } from './errors';

/**
 * A print job's life (DESIGN §7): queued → sent → done | failed(reason).
 * A queued job may be held (printer out of paper, head open …) and tried
 * again: nothing reached the printer yet. A job handed to the printer host
 * is `sent` (its outcome unknown until the host answers); when the host
 * answers that it sent nothing (printer not ready) it is queued and held
 * again (`not-sent`). Once sent, it is never sent again
 * automatically; printing it once more is a reprint, a new job that names the
 * original and carries the operator's reason (event LabelReprinted).
 * Pure: the caller supplies ids and clock, and persists the returned record.
 */

export const PRINT_JOB_STATES = ['queued', 'sent', 'done', 'failed'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];


export const PrintJob = z.object({
  id: z.string().min(1),
  templateId: z.string().min(1),
  copies: z.number().int().min(1),
  state: z.enum(PRINT_JOB_STATES),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Why a queued job is waiting (printer not ready); cleared when it is sent. */
  heldBecause: CodedErrorSchema.optional(),
  /** Why it failed, once failed. */
  failure: CodedErrorSchema.optional(),
  attempts: z.number().int().nonnegative(),
  reprintOf: z.string().optional(),
  reprintReason: z.string().optional(),
  sscc: z.string().regex(/^\d{18}$/).optional(),
});
export type PrintJob = z.infer<typeof PrintJob>;

export type PrintJobEvent =
  | { type: 'hold'; reason: CodedError }
  | { type: 'sent' }
  /** The printer host answered that nothing went out (printer not ready): back to queued, held. */
  | { type: 'not-sent'; reason: CodedError }
  | { type: 'done' }
  | { type: 'failed'; reason: CodedError };

export function newPrintJob(input: { id: string; templateId: string; copies?: number; sscc?: string; now: string }): PrintJob {
  return {
    id: input.id,
    templateId: input.templateId,
    copies: input.copies ?? 1,
    state: 'queued',
    createdAt: input.now,
    updatedAt: input.now,
    attempts: 0,
    ...(input.sscc ? { sscc: input.sscc } : {}),
  };
}

const ALLOWED: Record<PrintJobEvent['type'], readonly PrintJobState[]> = {
  hold: ['queued'],
  sent: ['queued'],
  'not-sent': ['sent'],
  done: ['sent'],
  failed: ['queued', 'sent'],
};

export function transition(job: PrintJob, event: PrintJobEvent, now: string): Result<PrintJob> {
  if (!ALLOWED[event.type].includes(job.state)) {
    return labelFail('print-job-transition', `print job ${job.id}: cannot go from ${job.state} by ${event.type}`);
  }
  const base = { ...job, updatedAt: now };
  switch (event.type) {
    case 'hold':
      return ok({ ...base, heldBecause: event.reason });
    case 'sent': {
      const { heldBecause: _held, ...rest } = base;
      return ok({ ...rest, state: 'sent', attempts: job.attempts + 1 });
    }
    case 'not-sent':
      return ok({ ...base, state: 'queued', heldBecause: event.reason });
    case 'done':
      return ok({ ...base, state: 'done' });
    case 'failed':
      return ok({ ...base, state: 'failed', failure: event.reason });
  }
}

/** Only a queued job may be (re)sent by the machine. */
export const maySend = (job: PrintJob): boolean => job.state === 'queued';

/** A new queued job for the same label, naming the original and the operator's reason. */
export function reprint(original: PrintJob, input: { id: string; reason: string; now: string }): Result<PrintJob> {
  const reason = input.reason.trim();
  if (reason === '') return labelFail('print-reprint-reason-missing', 'a reprint needs a reason');
  if (original.state === 'queued') return labelFail('print-job-transition', `print job ${original.id} has not been sent yet; print it instead`);
  return ok({
    ...newPrintJob({ id: input.id, templateId: original.templateId, copies: original.copies, now: input.now, ...(original.sscc ? { sscc: original.sscc } : {}) }),
    reprintOf: original.id,
    reprintReason: reason,
  });
}
