import type { NewEvent } from '../../shared/events';

/**
 * The sync bench's bookings: alternating operator login and logout, the same
 * small events the chaos tests book (test/e2e/support/node-terminal.ts), here
 * without that module's fake IndexedDB so the Chromium bench page can use it.
 */
export function benchBookings(start: number, count: number): NewEvent[] {
  return Array.from({ length: count }, (_, i) =>
    (start + i) % 2 === 0
      ? { type: 'OperatorLoggedIn', operatorId: 'op-anna', payload: { badge: 'B1001', role: 'operator', method: 'badge' } }
      : { type: 'OperatorLoggedOut', operatorId: 'op-anna', payload: { reason: 'manual' } },
  ) as NewEvent[];
}
