import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { EventEnvelope } from '../../../shared/events';
import { newId } from '../../../shared/ids';
import type { PullResponse } from '../../../shared/sync-protocol';
import { bearer } from './test-server';

/** The packing and pulling the dock feed and shipping tests share: containers packed and closed on 3 March 2025, and a pull to the end. */

export type Spec = [minute: number, type: string, orderId: string | undefined, payload: Record<string, unknown>];

export const build = (terminalId: string, first: number, specs: Spec[]): EventEnvelope[] =>
  specs.map(([minute, type, orderId, payload], i) => ({
    id: newId(),
    terminalId,
    seq: first + i,
    type,
    occurredAt: new Date(Date.UTC(2025, 2, 3, 6, minute)).toISOString(),
    operatorId: 'OP-1',
    ...(orderId ? { orderId } : {}),
    payload,
    schemaVersion: 1,
  }));

export const packed = (minute: number, id: string, quantity: number, close = true): Spec[] => [
  [minute, 'ContainerOpened', undefined, { containerId: id, materialId: 'M-HSG' }],
  [minute, 'PartPacked', 'ORD-1', { containerId: id, quantity }],
  ...(close ? [[minute, 'ContainerClosed', undefined, { containerId: id }] as Spec] : []),
];

/** Order ORD-1 started with batch B-7 loaded: what `packed` packs from. */
export const started = (terminalId: string): EventEnvelope[] =>
  build(terminalId, 1, [
    [0, 'OrderStarted', 'ORD-1', { orderNumber: 'ORD-1', materialId: 'M-HSG', quantity: 5000 }],
    [1, 'MaterialLoaded', 'ORD-1', { materialId: 'M-RAW', batch: 'B-7', supplier: 'Guss AG' }],
  ]);

export const docks = (changes: PullResponse['changes']) => changes.filter((c) => c.kind === 'dock-container');

/** Every page after `after` as `token`'s terminal pulls them. */
export async function pullAll(app: FastifyInstance, token: string, limit = 500, after = 0) {
  const seen: PullResponse['changes'] = [];
  for (let pages = 1; pages < 200; pages++) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/sync/pull?after=${after}&limit=${limit}`, headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    const page = res.json<PullResponse>();
    seen.push(...page.changes);
    after = page.rev;
    if (!page.hasMore) return { seen, rev: after, pages };
  }
  throw new Error('pull did not finish');
}
