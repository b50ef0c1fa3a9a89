import type { KyselyPlugin } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { issueTerminal, registerTerminal, removeTerminal } from '../../server/credentials-store';
import { createPushStore } from '../../server/group-commit';
import { addOrder, errorCode, makeEvent, push } from './support/test-server';
import { createTestDatabase, type TestDatabase } from './support/test-database';

/**
 * The push route checks a terminal's token in the transaction that locks the
 * terminal's cursor, so a push costs no statement of its own before the
 * group commit, and a token replaced or removed meanwhile still stores nothing.
 */

function statementCounter(): { plugin: KyselyPlugin; count: () => number; reset: () => void } {
  let n = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        n += 1;
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    },
    count: () => n,
    reset: () => (n = 0),
  };
}

const good = (terminalId: string, seq: number) => makeEvent(terminalId, seq, { type: 'GoodQuantityBooked', orderId: `ORD-${terminalId}`, payload: { quantity: 1 } });

describe('the push route checks the token where it stores the push', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const counter = statementCounter();
  beforeEach(async () => {
    database = await createTestDatabase();
    app = buildServer({ db: database.db.withPlugin(counter.plugin), dialect: database.dialect });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await database.close();
  });

  async function terminal(id: string): Promise<string> {
    await addOrder(database.db, `ORD-${id}`, 'L1');
    return (await registerTerminal(database.db, { id, lineId: 'L1' })).token;
  }

  it("sends only the group commit's statements for a known terminal's next push", async () => {
    const token = await terminal('T-TOK-A');
    await terminal('T-TOK-B');
    expect((await push(app, token, 'T-TOK-A', [good('T-TOK-A', 1)])).statusCode).toBe(200);

    const store = createPushStore(database.db.withPlugin(counter.plugin), database.dialect);
    counter.reset();
    expect(await store('T-TOK-B', [good('T-TOK-B', 1)])).toEqual({ ok: true, value: { ackSeq: 1 } });
    const groupAlone = counter.count();

    counter.reset();
    const second = await push(app, token, 'T-TOK-A', [good('T-TOK-A', 2)]);
    expect(second.json()).toEqual({ ackSeq: 2 });
    expect(counter.count()).toBe(groupAlone);
  });

  it('refuses a replaced token it has seen before, stores nothing of it, and takes the new one', async () => {
    const old = await terminal('T-TOK-C');
    expect((await push(app, old, 'T-TOK-C', [good('T-TOK-C', 1)])).statusCode).toBe(200);
    const renewed = (await issueTerminal(database.db, { id: 'T-TOK-C', lineId: 'L1' })).token;

    const refused = await push(app, old, 'T-TOK-C', [good('T-TOK-C', 2)]);
    expect(refused.statusCode).toBe(401);
    expect(errorCode(refused)).toBe('unauthorized');
    expect((await push(app, old, 'T-TOK-C', [good('T-TOK-C', 2)])).statusCode).toBe(401);
    const cursor = await database.db.selectFrom('terminals').select('last_seq').where('id', '=', 'T-TOK-C').executeTakeFirstOrThrow();
    expect(Number(cursor.last_seq)).toBe(1);
    expect(await database.db.selectFrom('events').select('seq').where('terminal_id', '=', 'T-TOK-C').execute()).toHaveLength(1);

    expect((await push(app, renewed, 'T-TOK-C', [good('T-TOK-C', 2)])).json()).toEqual({ ackSeq: 2 });
  });

  it("refuses a removed terminal's token it has seen before", async () => {
    const token = await terminal('T-TOK-D');
    expect((await push(app, token, 'T-TOK-D', [good('T-TOK-D', 1)])).statusCode).toBe(200);
    expect(await removeTerminal(database.db, 'T-TOK-D')).toBe(true);

    const refused = await push(app, token, 'T-TOK-D', [good('T-TOK-D', 2)]);
    expect(refused.statusCode).toBe(401);
    expect(await database.db.selectFrom('events').select('seq').where('terminal_id', '=', 'T-TOK-D').execute()).toHaveLength(1);
  });
});
