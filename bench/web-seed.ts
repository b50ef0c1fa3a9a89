import type { FastifyInstance } from 'fastify';
import type { EventEnvelope } from '../shared/events';
import { newId } from '../shared/ids';
import { PUSH_MAX_EVENTS } from '../shared/sync-protocol';
import { registerTerminal } from '../server/credentials-store';
import type { Db } from '../server/db/schema';
import { importRows } from '../server/import/import-master';

/**
 * A plant-sized record for `bench -- web`, pushed through the real sync API
 * so every projection (batch windows, serials, containers, shipments) is the
 * one the trace reads. `orders` orders over LINES lines, one terminal each;
 * each order is a full little run of about events/orders events: start, two
 * batches loaded, parts made and packed into its container, good quantity,
 * consumption, completion, the container shipped. Every `orders / hotOrders`-th
 * order loads the hot housing batch, so its trace spans `hotOrders` orders.
 * Generated order by order and pushed in batches, never held in memory whole.
 */

export const HOT = { materialId: 'M-HOUSING', batch: 'H-HOT' } as const;
const LINES = 10;
/** Start, 2 loads, container open/close, good, 2 consumptions, completion, shipment. */
const FIXED_EVENTS_PER_ORDER = 10;

export interface SeedPlan {
  events: number;
  orders: number;
  hotOrders: number;
}

export interface Seeded {
  events: number;
  orders: number;
  hotOrders: number;
  partsPerOrder: number;
  seconds: number;
}

const terminalOf = (line: number) => `T-WEB-${line}`;

function orderEvents(k: number, hot: boolean, partsPerOrder: number, seq: () => number): EventEnvelope[] {
  const line = k % LINES;
  const terminalId = terminalOf(line);
  const orderId = `ORD-${String(k).padStart(6, '0')}`;
  // Each terminal runs its orders one after another, a minute per event.
  const start = Date.UTC(2025, 0, 6) + Math.floor(k / LINES) * (partsPerOrder * 2 + FIXED_EVENTS_PER_ORDER) * 60_000;
  let minute = 0;
  const event = (type: string, payload: Record<string, unknown>, withOrder = true): EventEnvelope => ({
    id: newId(),
    terminalId,
    seq: seq(),
    type,
    occurredAt: new Date(start + minute++ * 60_000).toISOString(),
    operatorId: `OP-${line}`,
    ...(withOrder ? { orderId } : {}),
    payload,
    schemaVersion: 1,
  });
  const housing = hot ? HOT.batch : `H-${k}`;
  const containerId = `C-${k}`;
  const out: EventEnvelope[] = [
    event('OrderStarted', { orderNumber: orderId, materialId: 'M-SG', quantity: partsPerOrder }),
    event('MaterialLoaded', { materialId: HOT.materialId, batch: housing, supplier: 'Gehäusebau GmbH' }),
    event('MaterialLoaded', { materialId: 'M-PCB', batch: `P-${k % 97}`, supplier: 'PCB Ltd' }),
    event('ContainerOpened', { containerId }),
  ];
  for (let p = 0; p < partsPerOrder; p++) {
    const serial = `S-${k}-${p}`;
    out.push(event('PartProduced', { serial }), event('PartPacked', { containerId, serial }));
  }
  out.push(
    event('ContainerClosed', { containerId }, false),
    event('GoodQuantityBooked', { quantity: partsPerOrder }),
    event('MaterialConsumed', { materialId: HOT.materialId, batch: housing, quantity: partsPerOrder }),
    event('MaterialConsumed', { materialId: 'M-PCB', batch: `P-${k % 97}`, quantity: partsPerOrder }),
    event('OrderCompleted', {}),
    event('ShipmentDispatched', { shipmentId: `SH-${k}`, containerIds: [containerId], customer: `Kunde ${k % 7}` }, false),
  );
  return out;
}

export async function seedPlant(app: FastifyInstance, db: Db, plan: SeedPlan, log: (line: string) => void): Promise<Seeded> {
  const began = performance.now();
  const partsPerOrder = Math.max(1, Math.floor((plan.events / plan.orders - FIXED_EVENTS_PER_ORDER) / 2));
  const orders = Array.from({ length: plan.orders }, (_, k) => ({
    row: k + 1,
    value: { id: `ORD-${String(k).padStart(6, '0')}`, number: `ORD-${String(k).padStart(6, '0')}`, lineId: `L${k % LINES}`, materialId: 'M-SG', quantity: partsPerOrder, dueDate: '2025-01-06', status: 'released' },
  }));
  const imported = await importRows(db, 'order', { rows: orders, errors: [] });
  if (!imported.ok) throw new Error(imported.error.message);
  const tokens: string[] = [];
  for (let line = 0; line < LINES; line++) tokens.push((await registerTerminal(db, { id: terminalOf(line), lineId: `L${line}` })).token);

  const every = Math.max(1, Math.floor(plan.orders / plan.hotOrders));
  const seqs = new Array<number>(LINES).fill(0);
  const pending: EventEnvelope[][] = Array.from({ length: LINES }, () => []);
  let pushed = 0;
  let nextReport = 100_000;
  const flush = async (line: number) => {
    const events = pending[line]!;
    if (events.length === 0) return;
    pending[line] = [];
    const res = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { authorization: `Bearer ${tokens[line]}` }, payload: { terminalId: terminalOf(line), events } });
    if (res.statusCode !== 200) throw new Error(`push ${terminalOf(line)}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    pushed += events.length;
    if (pushed >= nextReport) {
      log(`  seeded ${pushed.toLocaleString('en')} events (${Math.round(pushed / ((performance.now() - began) / 1000))} ev/s)`);
      nextReport += 100_000;
    }
  };
  let hot = 0;
  for (let k = 0; k < plan.orders; k++) {
    const line = k % LINES;
    const isHot = k % every === 0 && hot < plan.hotOrders;
    if (isHot) hot += 1;
    pending[line]!.push(...orderEvents(k, isHot, partsPerOrder, () => ++seqs[line]!));
    if (pending[line]!.length >= PUSH_MAX_EVENTS - (partsPerOrder * 2 + FIXED_EVENTS_PER_ORDER)) await flush(line);
  }
  for (let line = 0; line < LINES; line++) await flush(line);
  return { events: pushed, orders: plan.orders, hotOrders: hot, partsPerOrder, seconds: (performance.now() - began) / 1000 };
}
