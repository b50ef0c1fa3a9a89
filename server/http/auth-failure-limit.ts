/**
 * Failed authentications per client address, counted before any token is
 * looked up: once an address has presented too many wrong or missing tokens
 * in a window, every further request from it is answered 429 without
 * touching the token tables, so guessing tokens costs the guesser, not the
 * server. Successful requests never count, so terminals behind one NAT
 * address are not limited by their own traffic.
 */

/** A terminal with a rotated token retries every few seconds; far fewer failures than this per minute. */
export const DEFAULT_AUTH_FAILURES_PER_MIN = 30;

export interface AuthFailureLimitOptions {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}

interface Window {
  startedAt: number;
  failures: number;
}

export interface AuthFailureLimiter {
  /** Milliseconds until the address may try again, or 0 when it may try now. */
  retryAfterMs(address: string): number;
  recordFailure(address: string): void;
  readonly maxFailures: number;
}

/** Bounded memory: at most this many addresses are tracked; the oldest windows go first. */
const MAX_TRACKED_ADDRESSES = 10_000;

export function createAuthFailureLimiter(options: AuthFailureLimitOptions): AuthFailureLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, Window>();

  const current = (address: string): Window | undefined => {
    const window = windows.get(address);
    if (window && now() - window.startedAt >= options.windowMs) {
      windows.delete(address);
      return undefined;
    }
    return window;
  };

  return {
    maxFailures: options.maxFailures,
    retryAfterMs(address) {
      const window = current(address);
      if (!window || window.failures < options.maxFailures) return 0;
      return Math.max(1, options.windowMs - (now() - window.startedAt));
    },
    recordFailure(address) {
      const window = current(address);
      if (window) {
        window.failures += 1;
        return;
      }
      if (windows.size >= MAX_TRACKED_ADDRESSES) {
        const oldest = windows.keys().next().value;
        if (oldest !== undefined) windows.delete(oldest);
      }
      windows.set(address, { startedAt: now(), failures: 1 });
    },
  };
}

/** From TAKT_AUTH_FAILURES_PER_MIN (a positive integer), else the default. */
export function authFailureLimitFromEnv(env: Record<string, string | undefined>): AuthFailureLimitOptions {
  const raw = env.TAKT_AUTH_FAILURES_PER_MIN;
  const max = raw && /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : DEFAULT_AUTH_FAILURES_PER_MIN;
  return { maxFailures: max, windowMs: 60_000 };
}
