import type { NewEvent } from '../../shared/events';
import { newId } from '../../shared/ids';
import type { JisState } from '../../shared/jis';
import { loadLabelSvg } from '../lib/label-svg';
import type { StoreDeps } from './deps';
import { rackLabel } from './jis-logic';
import type { PrintQueue } from './print-queue';
import type { AppendResult } from '../storage/envelopes';
import type { Result } from '../../shared/errors';

/**
 * Reprinting a JIS rack label (issue 9, DESIGN §7: never printed twice without
 * a recorded reason): always a new print job with its own id, `reprintOf` the
 * rack's first label job, and `LabelReprinted` booked once it printed. The
 * print queue's `reprint` copies the stored job; when the original is not in
 * the print-job store (printed before it existed, or by a store over memory),
 * the label is built again from the state and printed as a new reprint job.
 */

export const REPRINT_REASONS = ['label-damaged', 'label-lost', 'print-unreadable'] as const;
export type ReprintReason = (typeof REPRINT_REASONS)[number];

/** The job id of a rack's first label: deterministic, so the automatic print can never go out twice. */
export const rackLabelJobId = (rackId: string) => `${rackId}-label`.slice(0, 64);

export interface RackReprintOutcome {
  jobId: string | null;
  status: 'done' | 'held' | 'failed';
  message?: string;
  svg: string | null;
  /** What the printed label's completion booked (its LabelReprinted, with the job's `done`); absent unless it printed. */
  booked?: Result<AppendResult>;
}

type PrintResult = Awaited<ReturnType<PrintQueue['print']>>;

function outcomeOf(jobId: string, result: PrintResult, svg: string | null): RackReprintOutcome {
  if (!result.ok) return { jobId, status: 'failed', message: result.error.message, svg };
  const outcome = result.value.outcome;
  return { jobId, status: outcome, ...(result.value.reason ? { message: result.value.reason.message } : {}), svg, ...(result.value.booked ? { booked: result.value.booked } : {}) };
}

export async function reprintRackLabel(
  deps: Pick<StoreDeps, 'printQueue'>,
  jis: JisState,
  rackId: string,
  reason: string,
  operatorId: string | undefined,
): Promise<RackReprintOutcome> {
  const queue = deps.printQueue;
  const label = rackLabel(jis, rackId, await loadLabelSvg());
  const svg = label.ok ? label.value.svg : null;
  const originalId = rackLabelJobId(rackId);
  const who = operatorId ? { operatorId } : {};
  const attempt = await queue.reprint(originalId, reason, who);
  if (attempt.ok) return outcomeOf(attempt.value.job.id, attempt.value.result, svg);
  if (attempt.error.code !== 'print-job-unknown') return { jobId: null, status: 'failed', message: attempt.error.message, svg };
  // No stored original: the same label, built from the state, as a new reprint job naming the original.
  if (!label.ok) return { jobId: null, status: 'failed', message: label.error.message, svg };
  const jobId = newId();
  const onDone: NewEvent[] = [{ type: 'LabelReprinted', ...who, payload: { jobId, templateId: 'jis-rack', reason: reason.trim(), containerId: rackId } }];
  const result = await queue.print({ jobId, templateId: 'jis-rack', model: label.value.model, copies: 1, reprintOf: originalId, reprintReason: reason, onDone, ...who });
  return outcomeOf(jobId, result, svg);
}

/** A held reprint (nothing went out) goes again as the same job: a new one would print twice once the held one is resumed. */
export async function retryHeldReprint(deps: Pick<StoreDeps, 'printQueue'>, jobId: string, svg: string | null, operatorId?: string): Promise<RackReprintOutcome> {
  const attempt = await deps.printQueue.retry(jobId, operatorId ? { operatorId } : {});
  if (!attempt.ok) return { jobId, status: 'failed', message: attempt.error.message, svg };
  return outcomeOf(jobId, attempt.value.result, svg);
}
