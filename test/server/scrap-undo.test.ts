import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestServer, makeEvent, push, type TestServer } from './support/test-server';

/** An undone scrap booking (a compensating ScrapUndone) no longer counts in order progress or the ERP. */
describe('scrap undo in the projections', () => {
  let server: TestServer;
  let token: string;
  const T = 'T-SCRAP';
  const booking = makeEvent(T, 2, { type: 'ScrapBooked', orderId: 'ORD-S', payload: { quantity: 3, reasonId: 'SR-01' } });

  beforeAll(async () => {
    server = await createTestServer();
    token = await server.addTerminal(T, 'L1');
    await server.addOrder('ORD-S', 'L1');
    const first = await push(server.app, token, T, [
      makeEvent(T, 1, { type: 'OrderStarted', orderId: 'ORD-S', payload: { orderNumber: 'ORD-S', materialId: 'M-1', quantity: 10 } }),
      booking,
      makeEvent(T, 3, { type: 'ScrapBooked', orderId: 'ORD-S', payload: { quantity: 2, reasonId: 'SR-02' } }),
    ]);
    expect(first.statusCode, first.body).toBe(200);
    // The undo arrives in a later push, and that push is sent twice (a lost answer): it must count once.
    const undo = [
      makeEvent(T, 4, { type: 'ScrapUndone', orderId: 'ORD-S', payload: { scrapEventId: booking.id, reasonId: 'SR-01', quantity: 3 } }),
      makeEvent(T, 5, { type: 'OrderCompleted', orderId: 'ORD-S', payload: { goodQuantity: 0, scrapQuantity: 2 } }),
    ];
    for (let i = 0; i < 2; i++) {
      const res = await push(server.app, token, T, undo);
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(() => server.close());

  it('subtracts the undone quantity from the order and its reason, once', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/erp/confirmations?after=0', headers: bearer(server.adminToken) });
    expect(res.statusCode, res.body).toBe(200);
    const [confirmation] = res.json().confirmations as Array<{ orderId: string; scrapQuantity: number; scrapByReason: unknown[] }>;
    expect(confirmation).toMatchObject({ orderId: 'ORD-S', scrapQuantity: 2, scrapByReason: [{ reasonId: 'SR-02', quantity: 2 }] });
  });
});
