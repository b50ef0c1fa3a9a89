import type { ErrorCode } from '../../shared/errors';

/**
 * The sentence (an i18n key, German and English) an operator reads for each
 * error code. Every code of the closed set in shared/errors.ts is one an
 * operator can see: the status screen lists the last errors the terminal met,
 * whatever their code. The map is total, so a new code does not compile until
 * it has words; test/renderer/i18n/error-words.test.ts checks that each key
 * has a sentence in both languages.
 *
 * A code a screen already words in general terms points to that sentence
 * (one sentence per code, not two that drift apart); the rest have theirs in
 * `errors.<code>`. A screen with words of its own for a code in its context
 * (a print job's reason, the boot screen, a JIS verdict) keeps them.
 */
export const ERROR_WORDS: Readonly<Record<ErrorCode, string>> = {
  'bad-request': 'errors.bad-request',
  'unknown-channel': 'errors.unknown-channel',
  'forbidden-sender': 'errors.forbidden-sender',
  unauthorized: 'statusScreen.errors.unauthorized',
  forbidden: 'statusScreen.errors.forbidden',
  'not-found': 'errors.not-found',
  conflict: 'errors.conflict',
  'payload-too-large': 'errors.payload-too-large',
  'rate-limited': 'statusScreen.errors.rate-limited',
  'server-unreachable': 'statusScreen.errors.server-unreachable',
  'server-error': 'statusScreen.errors.server-error',
  'database-unavailable': 'statusScreen.errors.database-unavailable',
  'database-timeout': 'errors.database-timeout',
  'server-rejected': 'statusScreen.errors.server-rejected',
  timeout: 'statusScreen.errors.timeout',
  'scanner-offline': 'errors.scanner-offline',
  'scanner-port-missing': 'errors.scanner-port-missing',
  'config-invalid': 'errors.config-invalid',
  'host-unreachable': 'statusScreen.errors.host-unreachable',
  'invalid-response': 'errors.invalid-response',
  'invalid-event': 'errors.invalid-event',
  'journal-write-failed': 'errors.journal-write-failed',
  'cache-write-failed': 'statusScreen.errors.cache-write-failed',
  'journal-copy-failed': 'journalCopy.writeFailed',
  'journal-copy-corrupt': 'journalCopy.corrupt',
  'journal-copy-conflict': 'journalCopy.conflict',
  'journal-copy-unavailable': 'journalCopy.unavailable',
  'storage-low': 'statusScreen.errors.storage-low',
  'sync-stalled': 'statusScreen.errors.sync-stalled',
  internal: 'errors.internal',
  'label-value-unencodable': 'printJobs.reason.label-value-unencodable',
  'label-data-invalid': 'printJobs.reason.label-data-invalid',
  'label-template-unknown': 'errors.label-template-unknown',
  'label-template-invalid': 'errors.label-template-invalid',
  'label-text-too-long': 'printJobs.reason.label-text-too-long',
  'label-master-data-missing': 'errors.label-master-data-missing',
  'sscc-range-exhausted': 'errors.sscc-range-exhausted',
  'sscc-range-missing': 'errors.sscc-range-missing',
  'sscc-invalid': 'errors.sscc-invalid',
  'print-job-transition': 'errors.print-job-transition',
  'print-reprint-reason-missing': 'errors.print-reprint-reason-missing',
  'printer-offline': 'printJobs.reason.printer-offline',
  'printer-paper-out': 'printJobs.reason.printer-paper-out',
  'printer-head-open': 'printJobs.reason.printer-head-open',
  'printer-ribbon-out': 'printJobs.reason.printer-ribbon-out',
  'printer-paused': 'printJobs.reason.printer-paused',
  'printer-timeout': 'printJobs.reason.printer-timeout',
  'printer-buffer-full': 'printJobs.reason.printer-buffer-full',
  'printer-over-temperature': 'printJobs.reason.printer-over-temperature',
  'printer-not-configured': 'printJobs.reason.printer-not-configured',
  'print-duplicate': 'printJobs.reason.print-duplicate',
  'print-job-unknown': 'errors.print-job-unknown',
  'outcome-unknown': 'printJobs.reason.outcome-unknown',
  'print-held': 'errors.print-held',
  'print-failed': 'errors.print-failed',
};
