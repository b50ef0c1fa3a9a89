import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/events';
import { advanceSnapshot, emptySnapshot, restoreProduction } from '../../../shared/journal-snapshot';
import { PieceCollector, piecesOf } from '../../../renderer/sync/snapshot-pieces';

const at = (seq: number) => new Date(Date.UTC(2025, 2, 1, 8, 0, seq)).toISOString();
function journal(orders: number): EventEnvelope[] {
  const events: Omit<EventEnvelope, 'seq' | 'id' | 'terminalId' | 'occurredAt' | 'schemaVersion'>[] = [];
  for (let o = 1; o <= orders; o++) {
    const orderId = `o-${o}`;
    const containerId = `c-${o}`;
    events.push(
      { type: 'OrderStarted', orderId, operatorId: 'op-anna', payload: {} },
      { type: 'ContainerOpened', orderId, operatorId: 'op-anna', payload: { containerId, capacity: 20, materialId: 'M-1' } },
      { type: 'GoodQuantityBooked', orderId, operatorId: 'op-anna', payload: { quantity: o } },
      { type: 'ScrapBooked', orderId, operatorId: 'op-anna', payload: { quantity: 1, reasonId: `r-${o % 3}` } },
      { type: 'LabelPrinted', orderId, operatorId: 'op-anna', payload: { jobId: `j-${o}`, templateId: 't', containerId, copies: 1 } },
    );
  }
  return events.map((e, i) => ({ ...e, seq: i + 1, id: `e-${i + 1}`, terminalId: 'T-1', occurredAt: at(i), schemaVersion: 1 }));
}

describe('a snapshot handed to the UI thread in pieces', () => {
  it('is put back together into exactly the production state and label jobs a restore of it gives', () => {
    const snapshot = advanceSnapshot(emptySnapshot(at(0)), journal(23), () => undefined, at(0));
    const pieces = piecesOf(snapshot, 5);
    // Small pieces: every map is cut more than once.
    expect(pieces.filter((p) => p.map === 'containers').length).toBe(5);
    const collector = new PieceCollector();
    for (const piece of structuredClone(pieces)) collector.add(piece);
    const restored = restoreProduction(snapshot, []);
    expect(Object.keys(restored.production.orders)).toHaveLength(23);
    const folded = collector.result(snapshot.seq, snapshot.production.lastSeq);
    expect(folded).toEqual({ seq: 115, ...restored });
    // Key order too (the order list lists orders in it).
    expect(Object.keys(folded.production.orders)).toEqual(Object.keys(restored.production.orders));
  });
});
