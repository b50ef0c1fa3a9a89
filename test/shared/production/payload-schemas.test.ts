import { describe, expect, it } from 'vitest';
import { EVENT_PAYLOADS } from '../../../shared/events';
import { WORKFLOW_EVENT_PAYLOADS } from '../../../shared/workflow-event-payloads';

describe('WORKFLOW_EVENT_PAYLOADS', () => {
  it('adds only new types, so spreading it into EVENT_PAYLOADS overrides nothing', () => {
    const clashes = Object.keys(WORKFLOW_EVENT_PAYLOADS).filter(
      // Once the lead has spread them in, the entries are the very same schemas.
      (type) => Object.hasOwn(EVENT_PAYLOADS, type) && (EVENT_PAYLOADS as Record<string, unknown>)[type] !== (WORKFLOW_EVENT_PAYLOADS as Record<string, unknown>)[type],
    );
    expect(clashes).toEqual([]);
  });

  it.each([
    ['ScrapUndone', { scrapEventId: 'e1', reasonId: 'r', quantity: 0 }],
    ['SequenceBreak', { sequenceId: 's', sequenceNumber: 1, kind: 'dropped', reason: 'x', approvedBy: 'op' }],
    ['SequenceBreak', { sequenceId: 's', sequenceNumber: 1, kind: 'skipped', reason: ' ', approvedBy: 'op' }],
    ['RackSlotFilled', { rackId: 'R1', sequenceId: 's', slot: 0, sequenceNumber: 1 }],
    ['OrderHandedOver', {}],
  ] as const)('rejects a malformed %s', (type, payload) => {
    expect(WORKFLOW_EVENT_PAYLOADS[type].safeParse(payload).success).toBe(false);
  });
});
