import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events';
import { applyEvent, foldEvents, initialTerminalState } from '../../shared/terminal-state';

let seq = 0;
const ev = (type: string, extra: Partial<EventEnvelope> = {}, payload: Record<string, unknown> = {}): EventEnvelope => ({
  id: `00000000-0000-7000-8000-${String(++seq).padStart(12, '0')}`,
  terminalId: 'T1',
  seq,
  type,
  occurredAt: '2026-11-25T06:00:00.000Z',
  payload,
  schemaVersion: 1,
  ...extra,
});

describe('terminal state fold', () => {
  it('tracks login, order start and logout', () => {
    const login = ev('OperatorLoggedIn', { operatorId: 'op-1' }, { badge: 'B1001', role: 'operator', method: 'badge' });
    const start = ev('OrderStarted', { orderId: 'o-1', operatorId: 'op-1' });
    const again = ev('OrderStarted', { orderId: 'o-1', operatorId: 'op-1' });
    const logout = ev('OperatorLoggedOut', { operatorId: 'op-1' }, { reason: 'manual' });

    const afterStart = foldEvents([login, start, again]);
    expect(afterStart.operator).toMatchObject({ id: 'op-1', badge: 'B1001', role: 'operator' });
    expect(afterStart.activeOrderId).toBe('o-1');
    expect(afterStart.startedOrderIds).toEqual(['o-1']);

    const afterLogout = applyEvent(afterStart, logout);
    expect(afterLogout.operator).toBeNull();
    expect(afterLogout.activeOrderId).toBe('o-1');
    expect(afterLogout.lastSeq).toBe(logout.seq);
  });

  it('ignores unknown event types but still advances lastSeq', () => {
    const unknown = ev('SomethingNewer');
    const next = applyEvent(initialTerminalState, unknown);
    expect(next).toEqual({ ...initialTerminalState, lastSeq: unknown.seq });
  });

  it('does not mutate its input', () => {
    const frozen = Object.freeze({ ...initialTerminalState, startedOrderIds: Object.freeze([]) as unknown as string[] });
    expect(() => applyEvent(frozen, ev('OrderStarted', { orderId: 'o-2' }))).not.toThrow();
  });
});
