/**
 * Exponential backoff with jitter: attempt 0 waits about `minMs`, each further
 * attempt doubles, capped at `maxMs`. Half the delay is fixed and half random
 * ("equal jitter"), so terminals that lost the network together do not all
 * come back in the same millisecond, yet none retries sooner than `minMs`.
 */
export interface BackoffPolicy {
  minMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { minMs: 500, maxMs: 30_000 };

export function backoffDelay(attempt: number, random: () => number = Math.random, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.maxMs, policy.minMs * 2 ** Math.max(0, attempt));
  const delay = ceiling / 2 + (random() * ceiling) / 2;
  return Math.round(Math.min(policy.maxMs, Math.max(policy.minMs, delay)));
}
