import { EventEnvelope, validatePayload } from '../../../shared/events';
import type { DomainEvent } from '../../../shared/production/verdict';

/**
 * A test journal with an injected clock: turns the events a command returns
 * into envelopes (id, seq, occurredAt) the way the terminal's journal does,
 * and refuses any event whose payload its schema rejects.
 */

export const T0 = Date.parse('2026-11-25T06:00:00.000Z');

export function assertValidEvent(event: DomainEvent): void {
  const known = validatePayload(event.type, event.payload);
  if (!known.ok) throw new Error(`${event.type}: ${known.message}`);
  if (!known.known) throw new Error(`${event.type} has no payload schema`);
}

export interface TestJournal {
  readonly events: EventEnvelope[];
  now: number;
  advance(ms: number): void;
  record(events: readonly DomainEvent[] | undefined, defaults?: { operatorId?: string; terminalId?: string }): EventEnvelope[];
}

export function createJournal(start = T0): TestJournal {
  let seq = 0;
  const journal: TestJournal = {
    events: [],
    now: start,
    advance(ms) {
      journal.now += ms;
    },
    record(events, defaults = {}) {
      const out: EventEnvelope[] = [];
      for (const event of events ?? []) {
        assertValidEvent(event);
        seq++;
        const envelope = EventEnvelope.parse({
          id: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
          terminalId: defaults.terminalId ?? 'T1',
          seq,
          type: event.type,
          occurredAt: new Date(journal.now).toISOString(),
          ...(event.operatorId ?? defaults.operatorId ? { operatorId: event.operatorId ?? defaults.operatorId } : {}),
          ...(event.orderId ? { orderId: event.orderId } : {}),
          payload: event.payload,
          schemaVersion: 1,
        });
        journal.events.push(envelope);
        out.push(envelope);
      }
      return out;
    },
  };
  return journal;
}
