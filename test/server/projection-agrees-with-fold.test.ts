import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldProductionEvents, executionOf } from '../../shared/production';
import { actionArb, deliveryArb, envelopesOf, journalFor, pushesOf } from './support/order-streams';
import { createTestServer, push, type TestServer } from './support/test-server';

/**
 * The server projects order progress with commuting deltas
 * (server/projection/plan.ts), the terminal with the sequential fold of
 * shared/production. For any journal two terminals could write, delivered to
 * the server cut into pushes, out of order and partly twice, both must say
 * the same about each order: good and scrap quantity and its state.
 */

const T0 = Date.UTC(2026, 10, 2, 6, 0, 0);
const LINE = 'L1';

describe('server projection and the shared production fold', () => {
  let server: TestServer;
  let run = 0;

  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server.close());

  async function progressOf(orderIds: readonly string[]) {
    const rows = await server.database.db.selectFrom('order_progress').select(['order_id', 'good_quantity', 'scrap_quantity', 'status']).where('order_id', 'in', [...orderIds]).execute();
    const byId = new Map(rows.map((r) => [r.order_id, r]));
    return orderIds.map((id) => {
      const r = byId.get(id);
      return { orderId: id, good: Number(r?.good_quantity ?? 0), scrap: Number(r?.scrap_quantity ?? 0), status: r?.status ?? 'released' };
    });
  }

  it('agree on good, scrap and state of every order', { timeout: 40_000 }, async () => {
    const seen = new Map<string, number>();
    const terminalArb = fc.record({
      actions: fc.array(actionArb, { minLength: 5, maxLength: 40, size: 'max' }),
      gaps: fc.array(fc.integer({ min: 0, max: 120_000 }), { maxLength: 40, size: 'max' }),
      delivery: deliveryArb,
    });
    await fc.assert(
      fc.asyncProperty(fc.tuple(terminalArb, terminalArb), async (terminals) => {
        run++;
        const journals = [];
        for (const [t, { actions, gaps, delivery }] of terminals.entries()) {
          const terminalId = `T-PROP-${run}-${t}`;
          const orderIds = [0, 1, 2].map((k) => `ORD-P${run}-${t}-${k}`);
          const token = await server.addTerminal(terminalId, LINE);
          for (const id of orderIds) await server.addOrder(id, LINE);
          const journal = envelopesOf(terminalId, journalFor(actions, orderIds), T0, gaps);
          for (const e of journal) seen.set(e.type, (seen.get(e.type) ?? 0) + 1);
          journals.push({ terminalId, token, orderIds, journal, pushes: pushesOf(journal, delivery) });
        }
        // The two terminals push side by side, so their pushes share group commits.
        const rounds = Math.max(...journals.map((j) => j.pushes.length));
        for (let i = 0; i < rounds; i++) {
          const answers = await Promise.all(journals.flatMap((j) => { const batch = j.pushes[i]; return batch ? [push(server.app, j.token, j.terminalId, batch)] : []; }));
          for (const res of answers) expect(res.statusCode, res.body).toBe(200);
        }
        for (const j of journals) {
          const folded = foldProductionEvents(j.journal);
          const expected = j.orderIds.map((id) => {
            const o = executionOf(folded, id);
            return { orderId: id, good: o.goodQuantity, scrap: o.scrapQuantity, status: o.status };
          });
          expect(await progressOf(j.orderIds)).toEqual(expected);
        }
      }),
      // Bounded: every run is a real database with a few pushes; stopping early is no failure.
      { numRuns: 60, interruptAfterTimeLimit: 15_000 },
    );
    // The streams did exercise what can disagree, so the property cannot pass vacuously.
    for (const type of ['OrderPaused', 'OrderResumed', 'OrderCompleted', 'ScrapUndone', 'GoodQuantityCorrected']) expect(seen.get(type) ?? 0, type).toBeGreaterThan(0);
  });
});
