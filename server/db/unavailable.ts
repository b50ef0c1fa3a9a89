/**
 * Is this error the database being away (restarting, refusing connections,
 * connection cut mid-query) rather than a bug? Such failures are answered
 * 503 `database-unavailable`: the request did not take effect, or took effect
 * and will be recognised on resend (pushes are idempotent), so clients retry.
 */

/** Socket-level failures of the driver's connection. */
const NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** PostgreSQL SQLSTATEs: the server is shutting down, crashed, starting up, or out of connections. */
const PG_UNAVAILABLE: ReadonlySet<string> = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres reports a connection lost or never made with plain messages and no code. */
const PG_CONNECTION_MESSAGES = [/connection terminated/i, /not queryable/i, /timeout exceeded when trying to connect/i, /connection error/i];

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || PG_UNAVAILABLE.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true; // class 08: connection exception
    if (code === 'SQLITE_BUSY') return true; // another writer held the file past busy_timeout
  }
  return typeof message === 'string' && PG_CONNECTION_MESSAGES.some((re) => re.test(message));
}

/**
 * PostgreSQL cancelled the statement: it ran past `statement_timeout` (57014) or waited past
 * `lock_timeout` (55P03). The transaction is rolled back, so nothing of it was written.
 */
export function isStatementTimeout(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code } = err as { code?: unknown };
  return code === '57014' || code === '55P03';
}
