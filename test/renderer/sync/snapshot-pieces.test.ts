import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../shared/events';
import { advanceSnapshot, emptySnapshot, restoreProduction } from '../../../shared/journal-snapshot';
import { PIECE_BYTES, PieceCollector, piecesOf } from '../../../renderer/sync/snapshot-pieces';

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
    const pieces = piecesOf(snapshot, 200);
    // Small pieces: every map but the reasons' three counts is cut more than once.
    for (const map of ['orders', 'containers', 'scrap', 'printedJobs'] as const) expect(pieces.filter((p) => p.map === map).length).toBeGreaterThan(1);
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

/** A history of finished orders as a cold open finds it: `orders` orders of `parts` serial parts, packed 20 to a container. */
function finishedOrders(orders: number, parts: number): EventEnvelope[] {
  const events: Omit<EventEnvelope, 'seq' | 'id' | 'terminalId' | 'occurredAt' | 'schemaVersion'>[] = [];
  for (let o = 1; o <= orders; o++) {
    const orderId = `o-${o}`;
    events.push({ type: 'OrderStarted', orderId, operatorId: 'op-anna', payload: {} });
    for (let p = 0; p < parts; p++) {
      const containerId = `c-${o}-${Math.floor(p / 20)}`;
      const serial = `SN-${String(o).padStart(5, '0')}-${String(p).padStart(4, '0')}`;
      if (p % 20 === 0) events.push({ type: 'ContainerOpened', orderId, operatorId: 'op-anna', payload: { containerId, capacity: 20, materialId: 'M-1' } });
      events.push({ type: 'PartProduced', orderId, operatorId: 'op-anna', payload: { serial } });
      events.push({ type: 'PartPacked', orderId, operatorId: 'op-anna', payload: { containerId, serial } });
    }
  }
  return events.map((e, i) => ({ ...e, seq: i + 1, id: `e-${i + 1}`, terminalId: 'T-1', occurredAt: at(i % 50_000), schemaVersion: 1 }));
}

describe('the weight of each handover message', () => {
  it('stays under the piece bound however many serials an order holds, and still adds up to the whole state', () => {
    const snapshot = advanceSnapshot(emptySnapshot(at(0)), finishedOrders(30, 480), () => undefined, at(0));
    // The test is only worth something if the orders map alone is far over one piece.
    expect(JSON.stringify(snapshot.production.orders).length).toBeGreaterThan(3 * PIECE_BYTES);
    const pieces = piecesOf(snapshot);
    for (const piece of pieces) {
      const message = JSON.stringify({ type: 'snapshot-piece', id: 1, piece });
      if (piece.entries.length > 1) expect(message.length).toBeLessThanOrEqual(PIECE_BYTES + 64);
    }
    const collector = new PieceCollector();
    for (const piece of structuredClone(pieces)) collector.add(piece);
    expect(collector.result(snapshot.seq, snapshot.production.lastSeq).production).toEqual({ ...snapshot.production });
  });

  it('sends an entry heavier than the bound alone, never splits it', () => {
    const snapshot = advanceSnapshot(emptySnapshot(at(0)), finishedOrders(3, 480), () => undefined, at(0));
    const pieces = piecesOf(snapshot, 1000).filter((p) => p.map === 'orders');
    expect(pieces.map((p) => p.entries.map(([key]) => key))).toEqual([['o-1'], ['o-2'], ['o-3']]);
  });
});
