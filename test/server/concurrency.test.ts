import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events';
import { buildServer } from '../../server/app';
import { issueAdminToken, registerTerminal } from '../../server/credentials-store';
import { addOrder, makeEvent } from './support/test-server';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const TERMINALS = 50;
const EVENTS_PER_TERMINAL = 45;
const BATCH = 9;
const LINES = ['L1', 'L2'] as const;
/** Terminals alternate between two lines; each line's terminals all book one order of their line. */
const lineOf = (terminalId: string): string => LINES[Number(terminalId.slice(-2)) % 2]!;
const sharedOrder = (lineId: string): string => `ORD-SHARED-${lineId}`;

/** 50 terminals push (in batches, out of order, with resends) and pull at once over real HTTP. */
describe('many terminals at once', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof buildServer>;
  let url: string;
  let adminToken: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildServer({ db: database.db, dialect: database.dialect });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    adminToken = (await issueAdminToken(database.db, 'c')).token;
    for (const line of LINES) await addOrder(database.db, sharedOrder(line), line);
    for (let t = 0; t < TERMINALS; t++) {
      const id = `T-C-${String(t).padStart(2, '0')}`;
      tokens.set(id, (await registerTerminal(database.db, { id, lineId: lineOf(id) })).token);
    }
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const call = async (token: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  /** Every third event books one good part of its line's shared order, the rest are logouts; serials are unique. */
  const eventsOf = (terminalId: string): EventEnvelope[] =>
    Array.from({ length: EVENTS_PER_TERMINAL }, (_, i) =>
      i % 3 === 0
        ? makeEvent(terminalId, i + 1, { type: 'GoodQuantityBooked', orderId: sharedOrder(lineOf(terminalId)), payload: { quantity: 1 } })
        : i % 3 === 1
          ? makeEvent(terminalId, i + 1, { type: 'PartProduced', orderId: sharedOrder(lineOf(terminalId)), payload: { serial: `${terminalId}-${i + 1}` } })
          : makeEvent(terminalId, i + 1),
    );

  async function runTerminal(terminalId: string, token: string, events: EventEnvelope[], index: number): Promise<number[]> {
    const batches: EventEnvelope[][] = [];
    for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
    // Some terminals send the second batch before the first (a gap), every terminal resends one batch.
    const order = index % 3 === 0 ? [1, 0, ...batches.keys()].slice(0, batches.length + 2) : [...batches.keys()];
    const plan = [...order, index % batches.length];
    const acks: number[] = [];
    for (const b of plan) {
      const res = await call(token, '/api/v1/sync/push', { terminalId, events: batches[b] });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      acks.push(res.json.ackSeq as number);
      const pull = await call(token, '/api/v1/sync/pull?limit=50');
      expect(pull.status).toBe(200);
    }
    return acks;
  }

  // About 3 s on SQLite and 7 s on PostgreSQL on an idle 2-core machine; the timeout leaves room for a busy one.
  it('loses and duplicates nothing, and ends every cursor at the top', { timeout: 60_000 }, async () => {
    const all = new Map([...tokens.keys()].map((id) => [id, eventsOf(id)]));
    const acks = await Promise.all([...tokens.entries()].map(([id, token], i) => runTerminal(id, token, all.get(id)!, i)));
    for (const list of acks) expect(Math.max(...list)).toBe(EVENTS_PER_TERMINAL);

    for (const [terminalId, token] of tokens) {
      const stored = await call(adminToken, `/api/v1/events?terminalId=${terminalId}&limit=1000`);
      const events = stored.json.events as { seq: number; id: string }[];
      expect(events.map((e) => e.seq)).toEqual(all.get(terminalId)!.map((e) => e.seq));
      expect(events.map((e) => e.id)).toEqual(all.get(terminalId)!.map((e) => e.id.toLowerCase()));
      expect((await call(token, '/api/v1/sync/push', { terminalId, events: [] })).json).toEqual({ ackSeq: EVENTS_PER_TERMINAL });
    }
    const cursors = await database.db.selectFrom('terminals').select(['id', 'last_seq']).execute();
    expect(cursors.every((c) => Number(c.last_seq) === EVENTS_PER_TERMINAL)).toBe(true);

    // Projections saw each event exactly once, however many terminals hit the same order row.
    const progress = await database.db.selectFrom('order_progress').select(['order_id', 'good_quantity']).orderBy('order_id').execute();
    expect(progress.map((p) => [p.order_id, Number(p.good_quantity)])).toEqual(LINES.map((line) => [sharedOrder(line), (TERMINALS / 2) * (EVENTS_PER_TERMINAL / 3)]));
    const serials = await database.db.selectFrom('serials').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(serials.n)).toBe(TERMINALS * (EVENTS_PER_TERMINAL / 3));
  });
});
