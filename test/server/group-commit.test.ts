import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events';
import { registerTerminal } from '../../server/credentials-store';
import { createPushStore } from '../../server/group-commit';
import { queryCounter } from './support/query-counter';
import { addOrder, makeEvent } from './support/test-server';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * The push queue on either database: pushes that arrive together are written
 * by one transaction with one statement per table, and each push still gets
 * the answer it would have got alone (exactly once, gap-free, refusals alone).
 */

const good = (terminalId: string, seq: number): EventEnvelope =>
  makeEvent(terminalId, seq, { type: 'GoodQuantityBooked', orderId: `ORD-${terminalId}`, payload: { quantity: 1 } });
const serial = (terminalId: string, seq: number): EventEnvelope =>
  makeEvent(terminalId, seq, { type: 'PartProduced', orderId: `ORD-${terminalId}`, payload: { serial: `${terminalId}-${seq}` } });

describe('group commit', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database.close();
  });

  async function addTerminals(n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, (_, i) => `T-G-${String(i).padStart(2, '0')}`);
    for (const id of ids) {
      await registerTerminal(database.db, { id, lineId: 'L1' });
      await addOrder(database.db, `ORD-${id}`, 'L1');
    }
    return ids;
  }

  it('writes 20 terminals pushing at once with one statement per table, not one set per push', async () => {
    const ids = await addTerminals(20);
    const counter = queryCounter();
    const store = createPushStore(database.db.withPlugin(counter.plugin), database.dialect);
    counter.reset();
    const results = await Promise.all(ids.map((id) => store(id, [good(id, 1), serial(id, 2)])));

    expect(results).toEqual(ids.map(() => ({ ok: true, value: { ackSeq: 2 } })));
    // Lock cursors, look up ids, insert events, order lines, order progress, serials,
    // completed orders, gap-free runs, move cursors: 9, whatever the number of pushes.
    expect(counter.count()).toBeLessThanOrEqual(10);
    const progress = await database.db.selectFrom('order_progress').select(['order_id', 'good_quantity']).orderBy('order_id').execute();
    expect(progress).toEqual(ids.map((id) => ({ order_id: `ORD-${id}`, good_quantity: 1 })));
    expect(await database.db.selectFrom('serials').select('serial').execute()).toHaveLength(20);
  });

  it('answers each push of a group as if it came alone: resends once, gaps closed, refusals alone', async () => {
    const [a, b, c, d] = await addTerminals(4);
    const store = createPushStore(database.db, database.dialect);
    const first = [good(a!, 1), good(a!, 2)];
    const resend = [...first, good(a!, 3)];
    const clash = good(c!, 1);
    clash.id = first[0]!.id; // an id already claimed by terminal a, seq 1
    const twice = good(d!, 2);
    twice.id = good(d!, 9).id;
    const doubled = [{ ...twice, seq: 1 }, twice]; // one id at two seqs within a push

    const results = await Promise.all([
      store(a!, first),
      store(a!, resend),
      store(b!, [good(b!, 2)]), // arrives before seq 1: a gap until the next push of the group
      store(b!, [good(b!, 1)]),
      store(c!, [clash]),
      store('T-NOBODY', [good('T-NOBODY', 1)]),
      store(d!, doubled),
      store(c!, [good(c!, 1)]),
    ]);

    expect(results.map((r) => (r.ok ? r.value.ackSeq : r.error.code))).toEqual([3, 3, 2, 2, 'conflict', 'not-found', 'conflict', 1]);
    const stored = await database.db.selectFrom('events').select(['terminal_id', 'seq']).orderBy('terminal_id').orderBy('seq').execute();
    expect(stored.map((e) => `${e.terminal_id}:${e.seq}`)).toEqual([`${a}:1`, `${a}:2`, `${a}:3`, `${b}:1`, `${b}:2`, `${c}:1`]);
    const cursors = await database.db.selectFrom('terminals').select(['id', 'last_seq']).orderBy('id').execute();
    expect(cursors.map((t) => t.last_seq)).toEqual([3, 2, 1, 0]);
    // Projected once per stored event, never per copy.
    const progress = await database.db.selectFrom('order_progress').select(['order_id', 'good_quantity']).orderBy('order_id').execute();
    expect(progress).toEqual([
      { order_id: `ORD-${a}`, good_quantity: 3 },
      { order_id: `ORD-${b}`, good_quantity: 2 },
      { order_id: `ORD-${c}`, good_quantity: 1 },
    ]);

    // The same pushes again, one group: nothing changes, every ack stays.
    const again = await Promise.all([store(a!, resend), store(a!, first)]);
    expect(again.map((r) => r.ok && r.value.ackSeq)).toEqual([3, 3]);
    const after = await database.db.selectFrom('order_progress').select('good_quantity').where('order_id', '=', `ORD-${a}`).executeTakeFirstOrThrow();
    expect(after.good_quantity).toBe(3);
  });
});
