// Stable, kebab-case error codes of parseBarcode. Screens and logs key on these,
// so never rename one; add new codes at the end.
export const SCAN_ERROR_CODES = [
  'scan-empty',
  'scan-too-long',
  'scan-control-chars',
  'scan-internal',
  'gs1-syntax',
  'gs1-unknown-ai',
  'gs1-length',
  'gs1-missing-separator',
  'gs1-charset',
  'gs1-check-digit',
  'gs1-date',
  'gs1-lint',
  'gs1-req-missing',
  'gs1-exclusive',
  'gs1-duplicate-ai',
  'gs1-digital-link',
  'iso15434-envelope',
  'iso15434-format',
  'di-unknown',
  'di-format',
  'gs1-company-prefix',
] as const;

export type ScanErrorCode = (typeof SCAN_ERROR_CODES)[number];

export interface ScanError {
  readonly code: ScanErrorCode;
  /** Plain-English explanation for operators and logs. */
  readonly message: string;
  /** Character offset of the problem in the raw scan (including any AIM prefix). */
  readonly at: number;
}

/** Internal result of a parsing step: a value or the first error found. */
export type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ScanError };

export const fail = (code: ScanErrorCode, at: number, message: string): { ok: false; error: ScanError } => ({
  ok: false,
  error: { code, at, message },
});

export const done = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
