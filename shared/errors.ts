import { z } from 'zod';

/**
 * Errors cross every boundary (bridge, HTTP, CLI) as data with a stable code,
 * never as thrown exceptions, so that the UI can explain them and tests can
 * assert them.
 *
 * Every code a terminal can raise or receive is listed here, in one closed
 * union: a screen that words a code, and the test that checks each has German
 * and English words (test/renderer/i18n/error-words.test.ts), can rely on the
 * list being the whole set. Codes only the central server uses (its web
 * logins, imports, master-data checks) extend it in server/http/errors.ts.
 * Never rename a code: screens, logs and stored print jobs key on them.
 */

/** Transport, bridge, storage and sync. */
export const GENERAL_ERROR_CODES = [
  'bad-request',
  'unknown-channel',
  'forbidden-sender',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'payload-too-large',
  'rate-limited',
  'server-unreachable',
  'server-error',
  /** The central server is up but its database is not (503): retry. */
  'database-unavailable',
  /** A database statement ran past the server's statement timeout (503): nothing was written, retry. */
  'database-timeout',
  'server-rejected',
  'timeout',
  'scanner-offline',
  'scanner-port-missing',
  'config-invalid',
  'host-unreachable',
  'invalid-response',
  'invalid-event',
  'journal-write-failed',
  'cache-write-failed',
  /** The host's second copy of the journal could not be written: nothing was booked. */
  'journal-copy-failed',
  /** The host's copy of the journal cannot be read: bookings are refused until IT repairs it. */
  'journal-copy-corrupt',
  /** An append does not continue the host copy's seqs. */
  'journal-copy-conflict',
  /** The host answered no journal copy calls (host down or too old): nothing can be booked twice-safe. */
  'journal-copy-unavailable',
  /** The disk or the browser's quota is (nearly) full: a booking is refused before it is half written. */
  'storage-low',
  'sync-stalled',
  'internal',
] as const;

/**
 * Everything the label pipeline refuses, so the UI can say why a label was
 * not printed and nothing half-valid ever reaches a printer.
 */
export const LABEL_ERROR_CODES = [
  /** The value is valid data but the symbology (or the printer's encoder) cannot carry it unchanged. */
  'label-value-unencodable',
  /** The template's data does not match its schema, or a GS1 / ISO 15434 rule. */
  'label-data-invalid',
  'label-template-unknown',
  /** A master-data template row could not be read as a layout. */
  'label-template-invalid',
  /** A text is longer than its cell holds even at the smallest readable height: the message names the text. */
  'label-text-too-long',
  /** Master data a goods receipt needs (customer part, unloading point, weights, plant address) is missing: the message names the field. */
  'label-master-data-missing',
  'sscc-range-exhausted',
  /** The terminal has no SSCC range in master data: plant IT must assign one. */
  'sscc-range-missing',
  'sscc-invalid',
  'print-job-transition',
  'print-reprint-reason-missing',
] as const;

/** What a printer's host status (~HS) or its link says stops printing. */
export const PRINTER_ERROR_CODES = [
  'printer-offline',
  'printer-paper-out',
  'printer-head-open',
  'printer-ribbon-out',
  'printer-paused',
  'printer-timeout',
  'printer-buffer-full',
  'printer-over-temperature',
] as const;

/** A print job's own fate, beside the printer's state. */
export const PRINT_JOB_ERROR_CODES = [
  /** The terminal has no printer configured. */
  'printer-not-configured',
  /** The host already sent this job: print it again only as a reprint with a reason. */
  'print-duplicate',
  /** No print job has this id in the journal. */
  'print-job-unknown',
  /** The job was sent but its end was not seen (a restart in between): the label may exist. */
  'outcome-unknown',
  /** The host held the job (nothing sent) without saying why. */
  'print-held',
  /** The host sent the job and saw it fail without saying why. */
  'print-failed',
] as const;

export const ERROR_CODES = [...GENERAL_ERROR_CODES, ...LABEL_ERROR_CODES, ...PRINTER_ERROR_CODES, ...PRINT_JOB_ERROR_CODES] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type LabelErrorCode = (typeof LABEL_ERROR_CODES)[number];
export type PrinterErrorCode = (typeof PRINTER_ERROR_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

/** True for a code of the closed set; what arrives as data (a bridge answer, a thrown Node error) must pass this first. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && KNOWN.has(code);
}

/** A coded error as data crossing a boundary the code is checked at (the bridge, stored print jobs). */
export const CodedErrorSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

/** A coded error; a layer with codes of its own (the server) widens `C` with its own closed union. */
export interface CodedError<C extends string = ErrorCode> {
  code: C;
  message: string;
}

export type Result<T, C extends string = ErrorCode> = { ok: true; value: T } | { ok: false; error: CodedError<C> };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): { ok: false; error: CodedError } => ({
  ok: false,
  error: { code, message },
});

/**
 * Turns anything thrown into a coded error without losing its message. A
 * code outside the closed set (a Node `ENOENT`, a driver's own) becomes the
 * fallback, and the foreign code stays readable at the front of the message.
 */
export function toCodedError(err: unknown, fallback: ErrorCode = 'internal'): CodedError {
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const { code, message } = err as { code: unknown; message: unknown };
    if (typeof message === 'string' && isErrorCode(code)) return { code, message };
    if (typeof code === 'string' && typeof message === 'string') return { code: fallback, message: message.startsWith(code) ? message : `${code}: ${message}` };
  }
  return { code: fallback, message: err instanceof Error ? err.message : String(err) };
}
