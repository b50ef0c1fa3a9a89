import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events';
import { executionOf, foldProductionEvents } from '../../shared/production';
import { upsertMaster } from '../../server/master-data-store';
import { bearer, createTestServer, makeEvent, push, type TestServer } from './support/test-server';

/**
 * The correction events fold the same on the terminal (shared/production) and
 * in the server's projection: for each table row the terminal's good quantity
 * equals the server's order progress as the ERP confirmation reports it, and
 * a shift lead's override of a blocked batch reaches quality as a flag with
 * the approver, verified against master data.
 */

type Step = { type: string; payload: Record<string, unknown> };
const start: Step = { type: 'OrderStarted', payload: { orderNumber: 'X', materialId: 'M-1', quantity: 50 } };
const good = (quantity: number): Step => ({ type: 'GoodQuantityBooked', payload: { quantity } });
const corrected = (delta: number, correctedTo: number, kind = 'count'): Step => ({ type: 'GoodQuantityCorrected', payload: { delta, kind, correctedTo } });
const completed: Step = { type: 'OrderCompleted', payload: { short: true } };

const TABLE: { name: string; steps: Step[]; good: number }[] = [
  { name: 'count above bookings at completion (20 booked, 22 counted)', steps: [start, good(20), corrected(2, 22), completed], good: 22 },
  { name: 'count below bookings', steps: [start, good(20), corrected(-3, 17), completed], good: 17 },
  { name: 'a wrong booking compensated, then more parts', steps: [start, good(10), good(10), corrected(-10, 10, 'booking'), good(5), completed], good: 15 },
  { name: 'two corrections', steps: [start, good(30), corrected(-5, 25, 'booking'), corrected(1, 26), completed], good: 26 },
];

describe('correction events on terminal and server', () => {
  let server: TestServer;
  let token: string;
  const T = 'T-CORR';

  beforeAll(async () => {
    server = await createTestServer();
    token = await server.addTerminal(T, 'L1');
    for (let i = 0; i < TABLE.length; i++) await server.addOrder(`ORD-C${i}`, 'L1');
    const lead = await upsertMaster(server.database.db, 'operator', {
      id: 'OP-LEAD',
      name: 'Petra Schmidt',
      badge: 'B9001',
      role: 'shift-lead',
      lineIds: ['L1'],
      pinHash: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
    });
    if (!lead.ok) throw new Error(lead.error.message);
  });
  afterAll(() => server.close());

  it.each(TABLE.map((row, i) => ({ ...row, orderId: `ORD-C${i}` })))('$name: terminal and server both count $good', async ({ steps, orderId, good: expected }) => {
    const base = (await server.app.inject({ method: 'GET', url: `/api/v1/events?terminalId=${T}&limit=1000`, headers: bearer(server.adminToken) })).json().events.length as number;
    const events: EventEnvelope[] = steps.map((s, i) => makeEvent(T, base + i + 1, { type: s.type, orderId, payload: s.payload }));
    const res = await push(server.app, token, T, events);
    expect(res.statusCode, res.body).toBe(200);

    const terminal = executionOf(foldProductionEvents(events), orderId).goodQuantity;
    const confirmations = (await server.app.inject({ method: 'GET', url: '/api/v1/erp/confirmations?after=0', headers: bearer(server.adminToken) })).json()
      .confirmations as { orderId: string; goodQuantity: number }[];
    const atServer = confirmations.filter((c) => c.orderId === orderId).at(-1)?.goodQuantity;
    expect(terminal).toBe(expected);
    expect(atServer).toBe(expected);
  });

  it("flags a shift lead's override of a blocked batch, with the approver checked against master data", async () => {
    await server.addOrder('ORD-B', 'L1');
    const events = (await server.app.inject({ method: 'GET', url: `/api/v1/events?terminalId=${T}&limit=1000`, headers: bearer(server.adminToken) })).json().events.length as number;
    const override = makeEvent(T, events + 1, {
      type: 'BlockedBatchOverridden',
      orderId: 'ORD-B',
      payload: { materialId: 'M-HOUSING', batch: 'H-BLOCK-7', blockReason: 'Quality hold', reason: 'sorted and released', approvedBy: 'OP-LEAD' },
    });
    const forged = makeEvent(T, events + 2, {
      type: 'BlockedBatchOverridden',
      orderId: 'ORD-B',
      payload: { materialId: 'M-HOUSING', batch: 'H-BLOCK-7', reason: 'no one asked', approvedBy: 'OP-NOBODY' },
    });
    expect((await push(server.app, token, T, [override, forged])).statusCode).toBe(200);

    const flags = (await server.app.inject({ method: 'GET', url: '/api/v1/quality/flags?kind=blocked-batch-override', headers: bearer(server.adminToken) })).json().flags;
    expect(flags).toEqual([
      expect.objectContaining({ eventId: override.id, orderId: 'ORD-B', materialId: 'M-HOUSING', batch: 'H-BLOCK-7', message: expect.stringContaining('approved by OP-LEAD: sorted and released') }),
      expect.objectContaining({ eventId: forged.id }),
    ]);
    const overrides = (await server.app.inject({ method: 'GET', url: '/api/v1/quality/overrides', headers: bearer(server.adminToken) })).json().overrides as {
      eventId: string;
      verified: boolean;
    }[];
    expect(overrides.find((o) => o.eventId === override.id)?.verified).toBe(true);
    expect(overrides.find((o) => o.eventId === forged.id)?.verified).toBe(false);
  });
});
