/**
 * Errors cross every boundary (bridge, HTTP, CLI) as data with a stable code,
 * never as thrown exceptions, so that the UI can explain them and tests can
 * assert them.
 */
export const ERROR_CODES = [
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
  'sync-stalled',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number] | (string & {});

export interface CodedError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CodedError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): { ok: false; error: CodedError } => ({
  ok: false,
  error: { code, message },
});

/** Turns anything thrown into a coded error without losing its message. */
export function toCodedError(err: unknown, fallback: ErrorCode = 'internal'): CodedError {
  if (err && typeof err === 'object' && 'code' in err && 'message' in err) {
    const { code, message } = err as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return { code, message };
  }
  return { code: fallback, message: err instanceof Error ? err.message : String(err) };
}
