import type { JisSequence } from '../master-data';
import { toMillis, type Instant } from '../production/time';
import type { Reason } from '../production/verdict';

/**
 * Offline from a cached call-off: building goes on, but the screen
 * warns once the cache is older than the configured age, because the customer
 * may have re-sequenced meanwhile.
 */
export function callOffStale(
  sequence: Pick<JisSequence, 'id' | 'callOffRevision'>,
  fetchedAt: Instant,
  now: number,
  maxAgeMs: number,
): { stale: boolean; ageMs: number; warning: Reason | null } {
  const fetched = toMillis(fetchedAt);
  // An unreadable fetch time is treated as infinitely old: warn rather than trust it.
  const ageMs = Number.isFinite(fetched) ? Math.max(0, now - fetched) : Number.POSITIVE_INFINITY;
  if (ageMs <= maxAgeMs) return { stale: false, ageMs, warning: null };
  return {
    stale: true,
    ageMs,
    warning: {
      code: 'call-off-stale',
      message: `The call-off was fetched ${Number.isFinite(ageMs) ? Math.round(ageMs / 60_000) : '?'} min ago; the customer may have changed the sequence.`,
      params: { sequenceId: sequence.id, revision: sequence.callOffRevision, ageMs, maxAgeMs },
    },
  };
}
