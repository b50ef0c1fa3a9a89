import { ERROR_CODES, type CodedError, type ErrorCode, type Result } from '../shared/errors';

/**
 * Codes only the central server raises. They answer the plant's web pages,
 * the `takt` CLI and the master-data routes, never a terminal: the host's
 * server transport hands a terminal every refused request as
 * `server-rejected` with the server's code in the message, so these need no
 * place (and no operator's words) in the terminal's closed set in
 * shared/errors.ts. They extend it here, closed as well.
 */
export const SERVER_ONLY_ERROR_CODES = [
  /** Too many wrong passwords: the web login waits (423). */
  'account-locked',
  /** An import file has rows that cannot be read: nothing was imported. */
  'import-invalid',
  /** An SSCC range overlaps another terminal's (409): two terminals would print the same SSCC. */
  'sscc-range-overlap',
  /** A trace search code names no batch, container or serial (404). */
  'scan-unresolved',
  /** An EDI sequence call-off has no JIS line to start a sequence on. */
  'edi-jis-no-line',
] as const;

export const SERVER_ERROR_CODES = [...ERROR_CODES, ...SERVER_ONLY_ERROR_CODES] as const;

export type ServerErrorCode = ErrorCode | (typeof SERVER_ONLY_ERROR_CODES)[number];
export type ServerCodedError = CodedError<ServerErrorCode>;
export type ServerResult<T> = Result<T, ServerErrorCode>;

export const serverFail = (code: ServerErrorCode, message: string): { ok: false; error: ServerCodedError } => ({
  ok: false,
  error: { code, message },
});
