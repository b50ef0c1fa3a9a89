import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestServer, makeEvent, push, type TestServer } from './support/test-server';

/**
 * The push route validates each envelope once, by the schema compiled to a
 * generated function (z.compile). Whatever breaks one rule of the envelope
 * must still be refused with its coded error naming the field, and nothing of
 * the batch stored; the gap-free cursor must also hold across pushes now that
 * the run through a push's own seqs is not read back from the database.
 */

const BROKEN: [string, Record<string, unknown>, string][] = [
  ['an id that is no uuid', { id: 'not-a-uuid' }, 'events.1.id'],
  ['an empty terminalId', { terminalId: '' }, 'events.1.terminalId'],
  ['a terminalId above 64 characters', { terminalId: 'T'.repeat(65) }, 'events.1.terminalId'],
  ['seq 0', { seq: 0 }, 'events.1.seq'],
  ['a fractional seq', { seq: 2.5 }, 'events.1.seq'],
  ['seq as text', { seq: '2' }, 'events.1.seq'],
  ['an empty type', { type: '' }, 'events.1.type'],
  ['a type above 64 characters', { type: 'X'.repeat(65) }, 'events.1.type'],
  ['a time without offset', { occurredAt: '2026-03-02 06:00:00' }, 'events.1.occurredAt'],
  ['a time that is no date', { occurredAt: 'yesterday' }, 'events.1.occurredAt'],
  ['an empty operatorId', { operatorId: '' }, 'events.1.operatorId'],
  ['a null orderId', { orderId: null }, 'events.1.orderId'],
  ['a payload that is a list', { payload: [1, 2] }, 'events.1.payload'],
  ['a null payload', { payload: null }, 'events.1.payload'],
  ['schemaVersion 0', { schemaVersion: 0 }, 'events.1.schemaVersion'],
  ['no schemaVersion', { schemaVersion: undefined }, 'events.1.schemaVersion'],
];

describe('POST /api/v1/sync/push validation', () => {
  let server: TestServer;
  let n = 0;
  const terminal = async (): Promise<{ id: string; token: string }> => {
    const id = `T-VAL-${++n}`;
    return { id, token: await server.addTerminal(id, 'L1') };
  };
  const storedSeqs = async (terminalId: string): Promise<number[]> => {
    const res = await server.app.inject({ method: 'GET', url: `/api/v1/events?terminalId=${terminalId}`, headers: bearer(server.adminToken) });
    return (res.json() as { events: { seq: number }[] }).events.map((e) => e.seq);
  };

  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server.close());

  it.each(BROKEN)('refuses %s with 400 bad-request naming the field, and stores nothing of the batch', async (_, change, field) => {
    const t = await terminal();
    const second = { ...makeEvent(t.id, 2), ...change };
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete (second as Record<string, unknown>)[key];
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: bearer(t.token),
      payload: { terminalId: t.id, events: [makeEvent(t.id, 1), second] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'bad-request', message: expect.stringContaining(field) } });
    expect(await storedSeqs(t.id)).toEqual([]);
  });

  it('stores what the envelope carries and nothing it does not know (an extra field is dropped)', async () => {
    const t = await terminal();
    const event = { ...makeEvent(t.id, 1), sneaked: 'in' };
    expect((await push(server.app, t.token, t.id, [event])).json()).toEqual({ ackSeq: 1 });
    const res = await server.app.inject({ method: 'GET', url: `/api/v1/events?terminalId=${t.id}`, headers: bearer(server.adminToken) });
    const [stored] = (res.json() as { events: Record<string, unknown>[] }).events;
    expect(stored).toMatchObject({ id: event.id, seq: 1, type: event.type, payload: event.payload });
    expect(stored).not.toHaveProperty('sneaked');
  });

  it('walks the stored events above a gap once it is filled, up to the next gap', async () => {
    const t = await terminal();
    const ev = (seq: number) => makeEvent(t.id, seq);
    expect((await push(server.app, t.token, t.id, [1, 2, 4, 5, 7, 8].map(ev))).json()).toEqual({ ackSeq: 2 });
    expect((await push(server.app, t.token, t.id, [ev(3)])).json()).toEqual({ ackSeq: 5 });
    expect((await push(server.app, t.token, t.id, [ev(9)])).json()).toEqual({ ackSeq: 5 });
    expect((await push(server.app, t.token, t.id, [ev(6), ev(3)])).json()).toEqual({ ackSeq: 9 });
    expect(await storedSeqs(t.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
