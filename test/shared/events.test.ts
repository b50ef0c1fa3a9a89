import { describe, expect, it } from 'vitest';
import { EventEnvelope, SCHEMA_VERSION, isKnownEventType, validatePayload } from '../../shared/events';
import { newId } from '../../shared/ids';

const envelope = (over: Partial<Record<string, unknown>> = {}) => ({
  id: newId(),
  terminalId: 'T-L1-01',
  seq: 1,
  type: 'OrderStarted',
  occurredAt: '2026-11-25T06:00:00.000Z',
  operatorId: 'op-1',
  orderId: 'o-1',
  payload: { orderNumber: 'ORD-1001', materialId: 'm-1', quantity: 10 },
  schemaVersion: SCHEMA_VERSION,
  ...over,
});

describe('event envelope', () => {
  it('accepts a well-formed envelope', () => {
    expect(EventEnvelope.safeParse(envelope()).success).toBe(true);
  });

  it.each([
    ['seq zero', { seq: 0 }],
    ['fractional seq', { seq: 1.5 }],
    ['id not a uuid', { id: 'abc' }],
    ['time without zone', { occurredAt: '2026-11-25 06:00' }],
    ['empty terminal', { terminalId: '' }],
    ['payload not an object', { payload: 'x' }],
  ])('rejects %s', (_name, over) => {
    expect(EventEnvelope.safeParse(envelope(over)).success).toBe(false);
  });
});

describe('payload validation by type', () => {
  it('validates known types', () => {
    expect(validatePayload('OrderStarted', { orderNumber: 'A', materialId: 'm', quantity: 3 })).toEqual({ ok: true, known: true });
    const bad = validatePayload('OrderStarted', { orderNumber: 'A', quantity: -1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/materialId|quantity/);
  });

  it('lets types from a newer terminal through as unknown instead of failing', () => {
    expect(validatePayload('TypeFromTheFuture', { anything: 1 })).toEqual({ ok: true, known: false });
    expect(isKnownEventType('TypeFromTheFuture')).toBe(false);
    expect(isKnownEventType('toString')).toBe(false);
    expect(isKnownEventType('OperatorLoggedIn')).toBe(true);
  });
});
