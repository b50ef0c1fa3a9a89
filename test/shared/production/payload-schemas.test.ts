import { describe, expect, it } from 'vitest';
import { EVENT_DOMAINS, EVENT_PAYLOADS } from '../../../shared/events';

describe('event payloads by domain', () => {
  it('declares each type in one domain only, so spreading them into EVENT_PAYLOADS overrides nothing', () => {
    const declared = Object.values(EVENT_DOMAINS).flatMap((domain) => Object.keys(domain));
    expect(declared.length).toBe(new Set(declared).size);
    expect(declared.sort()).toEqual(Object.keys(EVENT_PAYLOADS).sort());
  });

  it.each([
    ['ScrapUndone', { scrapEventId: 'e1', reasonId: 'r', quantity: 0 }],
    ['SequenceBreak', { sequenceId: 's', sequenceNumber: 1, kind: 'dropped', reason: 'x', approvedBy: 'op' }],
    ['SequenceBreak', { sequenceId: 's', sequenceNumber: 1, kind: 'skipped', reason: ' ', approvedBy: 'op' }],
    ['RackSlotFilled', { rackId: 'R1', sequenceId: 's', slot: 0, sequenceNumber: 1 }],
    ['OrderHandedOver', {}],
  ] as const)('rejects a malformed %s', (type, payload) => {
    expect(EVENT_PAYLOADS[type].safeParse(payload).success).toBe(false);
  });
});
