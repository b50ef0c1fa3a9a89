import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, checkEvent, parseEvent, type EventEnvelope } from '../../shared/events';
import { newId } from '../../shared/ids';

const envelope = (over: Partial<EventEnvelope> = {}): EventEnvelope => ({
  id: newId(),
  terminalId: 'T-L1-01',
  seq: 1,
  type: 'PartPacked',
  occurredAt: '2026-11-25T06:00:00.000Z',
  orderId: 'o-1',
  payload: { containerId: 'C-1' },
  schemaVersion: SCHEMA_VERSION,
  ...over,
});

/** parseEvent is the one way an opaque envelope becomes a typed event (folds, trace, server projection, push check). */
describe('parseEvent', () => {
  it('types a known event and applies its schema defaults, keeping the envelope', () => {
    const raw = envelope();
    const event = parseEvent(raw);
    expect(event).toEqual({ ...raw, payload: { containerId: 'C-1', quantity: 1 } });
    if (event?.type !== 'PartPacked') throw new Error('expected a PartPacked');
    expect(event.payload.quantity).toBe(1);
    expect(raw.payload).toEqual({ containerId: 'C-1' });
  });

  it.each([
    ['an unknown type', { type: 'RobotCalibrated' }, 'unknown-event-type', /RobotCalibrated/],
    ['a prototype key as type', { type: 'toString' }, 'unknown-event-type', /toString/],
    ['a newer schema version', { schemaVersion: SCHEMA_VERSION + 1 }, 'newer-schema-version', /schema version 2/],
    ['a payload its schema rejects', { payload: { containerId: '', quantity: -1 } }, 'invalid-payload', /containerId.*; quantity/],
    ['a payload of the wrong shape entirely', { payload: { containerId: { nested: [1] } } }, 'invalid-payload', /containerId/],
  ] as const)('gives null for %s, and checkEvent says why with a code', (_name, over, code, message) => {
    const raw = envelope(over as Partial<EventEnvelope>);
    expect(parseEvent(raw)).toBeNull();
    const checked = checkEvent(raw);
    expect(checked).toMatchObject({ ok: false, code });
    if (!checked.ok) expect(checked.message).toMatch(message);
  });
});
