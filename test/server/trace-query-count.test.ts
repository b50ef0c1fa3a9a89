import { afterEach, describe, expect, it } from 'vitest';
import { traceBatch } from '../../server/trace/forward';
import { HOT, seedPlant } from '../../bench/web-seed';
import { queryCounter } from './support/query-counter';
import { createTestServer, type TestServer } from './support/test-server';

/**
 * A recall of a batch used in many orders must not ask the database once per
 * order or per batch window: the forward trace's query count is the same for
 * a batch in 2 orders as for one in 12, nor once per few hundred serials (the
 * record pushed through the sync API).
 */

describe('forward trace of a batch asks a fixed number of queries', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  /** `parts` parts per order: the seed's events per order are its 10 fixed ones and two per part. */
  async function traceInOrders(orders: number, parts = 2): Promise<{ queries: number; orders: number; serials: number; containers: number; shipments: number }> {
    const server = await createTestServer();
    servers.push(server);
    const seeded = await seedPlant(server.app, server.database.db, { events: orders * (10 + 2 * parts), orders, hotOrders: orders }, () => {});
    expect(seeded.partsPerOrder).toBe(parts);
    expect(seeded.hotOrders).toBe(orders);
    const counter = queryCounter();
    const trace = await traceBatch(server.database.db.withPlugin(counter.plugin), HOT.materialId, HOT.batch);
    return { queries: counter.count(), orders: trace.orders.length, serials: trace.serials.length, containers: trace.containers.length, shipments: trace.shipments.length };
  }

  it('traces a batch in 12 orders with as many queries as a batch in 2', async () => {
    const few = await traceInOrders(2);
    const many = await traceInOrders(12);
    // The traces are complete: every order, its two parts, its container and its shipment.
    expect(few).toMatchObject({ orders: 2, serials: 4, containers: 2, shipments: 2 });
    expect(many).toMatchObject({ orders: 12, serials: 24, containers: 12, shipments: 12 });
    expect(many.queries).toBe(few.queries);
  });

  it('traces a batch in 600 serials with as many queries as a batch in 4: no lookup per chunk of serials', async () => {
    const few = await traceInOrders(2);
    const many = await traceInOrders(12, 50);
    expect(many).toMatchObject({ orders: 12, serials: 600, containers: 12, shipments: 12 });
    expect(many.queries).toBe(few.queries);
  });
});
