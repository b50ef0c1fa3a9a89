import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertMaster } from '../../server/master-data-store';
import { bearer, createTestServer, makeEvent, push, type TestServer } from '../server/support/test-server';

/**
 * Probe: a terminal of line L1 books on an order of line L2 (and on an order
 * nobody knows). The facts are stored, but neither order's progress nor the
 * ERP feed moves, and quality sees a flag naming the terminal.
 */
describe('cross-line bookings', () => {
  let server: TestServer;
  let token: string;
  const T = 'T-L1-02';

  const order = (id: string, lineId: string) =>
    upsertMaster(server.database.db, 'order', { id, number: id, lineId, materialId: 'M-1', quantity: 10, dueDate: '2025-01-06', status: 'released' });
  const adminGet = async (url: string) => (await server.app.inject({ method: 'GET', url, headers: bearer(server.adminToken) })).json() as Record<string, unknown[]>;

  beforeAll(async () => {
    server = await createTestServer();
    token = await server.addTerminal(T, 'L1');
    await order('ORD-1001', 'L1');
    await order('ORD-2001', 'L2');
  });
  afterAll(() => server.close());

  it('stores a foreign line order booking, keeps it out of progress and the ERP feed, and flags it', async () => {
    const on = (orderId: string, seq: number, type: string, payload: Record<string, unknown>) => makeEvent(T, seq, { type, orderId, payload });
    const res = await push(server.app, token, T, [
      on('ORD-2001', 1, 'OrderStarted', { orderNumber: 'ORD-2001', materialId: 'M-1', quantity: 10 }),
      on('ORD-2001', 2, 'GoodQuantityBooked', { quantity: 99_999 }),
      on('ORD-2001', 3, 'OrderCompleted', {}),
      on('ORD-9999', 4, 'GoodQuantityBooked', { quantity: 5 }),
      on('ORD-1001', 5, 'OrderStarted', { orderNumber: 'ORD-1001', materialId: 'M-1', quantity: 10 }),
      on('ORD-1001', 6, 'GoodQuantityBooked', { quantity: 7 }),
      on('ORD-1001', 7, 'OrderCompleted', {}),
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ackSeq: 7 });

    const stored = await adminGet(`/api/v1/events?terminalId=${T}`);
    expect(stored.events).toHaveLength(7);

    const progress = await server.database.db.selectFrom('order_progress').select(['order_id', 'good_quantity']).execute();
    expect(progress).toEqual([{ order_id: 'ORD-1001', good_quantity: 7 }]);

    const erp = await adminGet('/api/v1/erp/confirmations?after=0');
    expect(erp.confirmations).toEqual([expect.objectContaining({ orderId: 'ORD-1001', goodQuantity: 7 })]);

    const foreign = await adminGet('/api/v1/quality/flags?kind=foreign-line-order');
    expect(foreign.flags).toHaveLength(3);
    expect(foreign.flags).toContainEqual(
      expect.objectContaining({ terminalId: T, seq: 2, orderId: 'ORD-2001', type: 'GoodQuantityBooked', message: expect.stringMatching(/terminal T-L1-02 \(line L1\).*ORD-2001 of line L2/) }),
    );
    const unknown = await adminGet('/api/v1/quality/flags?kind=unknown-order');
    expect(unknown.flags).toEqual([expect.objectContaining({ terminalId: T, seq: 4, orderId: 'ORD-9999', message: expect.stringContaining('unknown order ORD-9999') })]);
  });

  it('changes nothing when the same events are pushed again', async () => {
    const flagsBefore = (await adminGet('/api/v1/quality/flags')).flags!.length;
    const again = await push(server.app, token, T, [makeEvent(T, 8, { type: 'GoodQuantityBooked', orderId: 'ORD-2001', payload: { quantity: 1 } })]);
    expect(again.json()).toEqual({ ackSeq: 8 });
    expect((await adminGet('/api/v1/quality/flags')).flags).toHaveLength(flagsBefore + 1);
    expect(await server.database.db.selectFrom('order_progress').select('order_id').where('order_id', '=', 'ORD-2001').execute()).toEqual([]);
  });
});
