import fc from 'fast-check';
import { EventEnvelope } from '../../../shared/events';

/** Journals for the snapshot property tests: production events (and JIS events) with gap-free seqs from 1. */

const ORDERS = ['O-1', 'O-2'];
const CONTAINERS = ['C-1', 'C-2', 'C-3'];

export type Draft = { type: string; orderId?: string; payload: Record<string, unknown> };

export const productionArb: fc.Arbitrary<Draft> = fc.oneof(
  fc.record({ type: fc.constantFrom('OrderStarted'), orderId: fc.constantFrom(...ORDERS), payload: fc.constant({ orderNumber: 'N', materialId: 'M', quantity: 10 }) }),
  fc.record({ type: fc.constantFrom('OrderPaused'), orderId: fc.constantFrom(...ORDERS), payload: fc.constant({ reason: 'break' }) }),
  fc.record({ type: fc.constantFrom('OrderResumed', 'OrderCompleted'), orderId: fc.constantFrom(...ORDERS), payload: fc.constant({}) }),
  fc.record({ type: fc.constant('MaterialLoaded'), orderId: fc.constantFrom(...ORDERS), payload: fc.record({ materialId: fc.constantFrom('M-1', 'M-2'), batch: fc.constantFrom('B1', 'B2') }) }),
  fc.record({ type: fc.constant('GoodQuantityBooked'), orderId: fc.constantFrom(...ORDERS), payload: fc.record({ quantity: fc.integer({ min: 1, max: 5 }) }) }),
  fc.record({ type: fc.constant('ScrapBooked'), orderId: fc.constantFrom(...ORDERS), payload: fc.record({ quantity: fc.integer({ min: 1, max: 3 }), reasonId: fc.constantFrom('R1', 'R2') }) }),
  fc.record({ type: fc.constant('ContainerOpened'), orderId: fc.constantFrom(...ORDERS), payload: fc.record({ containerId: fc.constantFrom(...CONTAINERS), capacity: fc.constant(4) }) }),
  fc.record({ type: fc.constant('PartPacked'), orderId: fc.constantFrom(...ORDERS), payload: fc.record({ containerId: fc.constantFrom(...CONTAINERS), quantity: fc.constant(1) }) }),
  fc.record({ type: fc.constant('ContainerClosed'), orderId: fc.constantFrom(...ORDERS), payload: fc.record({ containerId: fc.constantFrom(...CONTAINERS) }) }),
  fc.record({
    type: fc.constant('LabelPrinted'),
    payload: fc.record({ jobId: fc.constantFrom('J1', 'J2', 'J3'), templateId: fc.constant('vda-4902'), containerId: fc.constantFrom(...CONTAINERS), copies: fc.constant(1) }),
  }),
);

/** One journal: the JIS station's events (and a copy of them for a second sequence), production events in between; seqs from 1. */
export function journalOf(jisEvents: readonly EventEnvelope[], production: readonly Draft[], undoFirstScrap: boolean): EventEnvelope[] {
  const drafts: Draft[] = [];
  const longest = Math.max(jisEvents.length, production.length);
  for (let i = 0; i < longest; i++) {
    const jis = jisEvents[i];
    if (jis) drafts.push({ type: jis.type, payload: jis.payload }, { type: jis.type, payload: { ...jis.payload, sequenceId: 'SEQ-Q' } });
    const p = production[i];
    if (p) drafts.push(p);
  }
  const envelopes = drafts.map((d, i) =>
    EventEnvelope.parse({
      id: `00000000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
      terminalId: 'T1',
      seq: i + 1,
      type: d.type,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      ...(d.orderId ? { orderId: d.orderId } : {}),
      payload: d.payload,
      schemaVersion: 1,
    }),
  );
  const scrap = envelopes.find((e) => e.type === 'ScrapBooked');
  if (undoFirstScrap && scrap) {
    envelopes.push(
      EventEnvelope.parse({ ...scrap, id: '00000000-0000-7000-8000-999999999999', seq: envelopes.length + 1, type: 'ScrapUndone', payload: { scrapEventId: scrap.id, reasonId: scrap.payload['reasonId'], quantity: scrap.payload['quantity'] } }),
    );
  }
  return envelopes;
}
