import { PRINTER_ERROR_CODES } from '../../../shared/labels/host-status';
import type { PrintJobRecord } from '../../storage/print-jobs';

/**
 * Print-job codes in words: the i18n key (printJobs.*) for why a job did not
 * print, what state it is in and what kind of label it is. Codes without
 * words of their own fall back to a sentence that shows the code.
 */
const REASONS_IN_WORDS = new Set<string>([
  'outcome-unknown',
  'timeout',
  'print-duplicate',
  ...PRINTER_ERROR_CODES,
  'printer-not-configured',
  'host-unreachable',
  'label-value-unencodable',
  'label-data-invalid',
]);

/** Failures after which the label may exist: check before reprinting. */
const MAYBE_PRINTED = new Set(['outcome-unknown', 'timeout', 'print-duplicate']);

const KINDS = new Set(['vda-4902', 'vda-4994', 'gs1-logistic', 'jis-rack', 'gs1-mixed-load']);

export type JobStateWord = 'outcome-unknown' | 'failed' | 'held';

export function reasonOf(job: PrintJobRecord): { code: string; message: string } | undefined {
  return job.state === 'queued' ? job.heldBecause : job.failure;
}

export function reasonWords(code: string): { key: string; params: Record<string, string> } {
  return REASONS_IN_WORDS.has(code) ? { key: `printJobs.reason.${code}`, params: {} } : { key: 'printJobs.reason.unknown', params: { code } };
}

export function stateWord(job: PrintJobRecord): JobStateWord {
  if (job.state === 'queued') return 'held';
  return MAYBE_PRINTED.has(job.failure?.code ?? '') ? 'outcome-unknown' : 'failed';
}

export function kindWords(templateId: string): { key: string; params: Record<string, string> } {
  return KINDS.has(templateId) ? { key: `printJobs.kind.${templateId}`, params: {} } : { key: 'printJobs.kind.other', params: { templateId } };
}
