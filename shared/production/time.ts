/**
 * Time without an environment: callers inject `now` (epoch milliseconds) so
 * every check is reproducible in tests and on replay.
 */
export type Instant = number | string | Date;

export function toMillis(at: Instant): number {
  if (typeof at === 'number') return at;
  if (at instanceof Date) return at.getTime();
  return Date.parse(at);
}

/**
 * Whether an expiry (`YYYY-MM-DD` from a label, or an ISO time) lies before
 * `at`. A date expires at the end of its day (UTC), as the server's flag does.
 */
export function isExpiredAt(expiresAt: string, at: Instant): boolean {
  const ms = toMillis(at);
  if (/^\d{4}-\d{2}-\d{2}$/.test(expiresAt)) return expiresAt < new Date(ms).toISOString().slice(0, 10);
  const expiry = Date.parse(expiresAt);
  return Number.isFinite(expiry) && expiry < ms;
}
