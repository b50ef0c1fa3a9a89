import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestServer, errorCode, makeEvent, push, type TestServer } from './support/test-server';

interface StoredEventsBody {
  events: { seq: number; id: string; type: string; known: boolean; payload: unknown }[];
  hasMore: boolean;
}

describe('POST /api/v1/sync/push', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  let nextTerminal = 0;
  /** A fresh terminal per test keeps the seq spaces apart. */
  const terminal = async (): Promise<{ id: string; token: string }> => {
    const id = `T-PUSH-${++nextTerminal}`;
    tokens[id] = await server.addTerminal(id, 'L1');
    return { id, token: tokens[id] };
  };
  const stored = async (terminalId: string): Promise<StoredEventsBody> => {
    const res = await server.app.inject({ method: 'GET', url: `/api/v1/events?terminalId=${terminalId}`, headers: bearer(server.adminToken) });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server.close());

  it('stores a batch once however often it is pushed, with the same ackSeq', async () => {
    const t = await terminal();
    const batch = [1, 2, 3].map((seq) => makeEvent(t.id, seq));
    for (let i = 0; i < 3; i++) {
      const res = await push(server.app, t.token, t.id, batch);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ackSeq: 3 });
    }
    const { events } = await stored(t.id);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events.map((e) => e.id)).toEqual(batch.map((e) => e.id));
  });

  it('acknowledges only the gap-free run and catches up when the gap is filled', async () => {
    const t = await terminal();
    const first = await push(server.app, t.token, t.id, [1, 2, 4].map((seq) => makeEvent(t.id, seq)));
    expect(first.json()).toEqual({ ackSeq: 2 });
    const second = await push(server.app, t.token, t.id, [makeEvent(t.id, 3)]);
    expect(second.json()).toEqual({ ackSeq: 4 });
    expect((await stored(t.id)).events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });

  it('accepts events out of order within a batch', async () => {
    const t = await terminal();
    const res = await push(server.app, t.token, t.id, [3, 1, 2].map((seq) => makeEvent(t.id, seq)));
    expect(res.json()).toEqual({ ackSeq: 3 });
  });

  it('answers an empty batch with the current cursor', async () => {
    const t = await terminal();
    await push(server.app, t.token, t.id, [makeEvent(t.id, 1)]);
    expect((await push(server.app, t.token, t.id, [])).json()).toEqual({ ackSeq: 1 });
  });

  it('stores an unknown event type and flags it instead of dropping it', async () => {
    const t = await terminal();
    const future = makeEvent(t.id, 1, { type: 'RobotCalibrated', payload: { axis: 3, anything: ['goes'] } });
    const res = await push(server.app, t.token, t.id, [future, makeEvent(t.id, 2)]);
    expect(res.json()).toEqual({ ackSeq: 2 });
    const { events } = await stored(t.id);
    expect(events[0]).toMatchObject({ seq: 1, type: 'RobotCalibrated', known: false, payload: { axis: 3, anything: ['goes'] } });
    expect(events[1]).toMatchObject({ seq: 2, type: 'OperatorLoggedOut', known: true });
  });

  it('stores a known type at a newer schema version unvalidated and flagged', async () => {
    const t = await terminal();
    const newer = makeEvent(t.id, 1, { type: 'OrderStarted', schemaVersion: 2, payload: { order: { number: 'ORD-1001' } } });
    expect((await push(server.app, t.token, t.id, [newer])).json()).toEqual({ ackSeq: 1 });
    expect((await stored(t.id)).events[0]).toMatchObject({ type: 'OrderStarted', known: false, schemaVersion: 2 });
  });

  it("refuses another terminal's events with 403 forbidden", async () => {
    const mine = await terminal();
    const theirs = await terminal();
    const res = await push(server.app, mine.token, theirs.id, [makeEvent(theirs.id, 1)]);
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('forbidden');
    expect((await stored(theirs.id)).events).toEqual([]);
  });

  it('refuses an event whose terminalId differs from the batch (400, naming the seq)', async () => {
    const t = await terminal();
    const res = await push(server.app, t.token, t.id, [makeEvent(t.id, 1), makeEvent('T-OTHER', 2)]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('seq 2');
  });

  it('refuses a schema failure with 400 bad-request', async () => {
    const t = await terminal();
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: bearer(t.token),
      payload: { terminalId: t.id, events: [{ ...makeEvent(t.id, 1), seq: 0, id: 'not-a-uuid' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'bad-request', message: expect.stringContaining('events.0') } });
  });

  it("refuses a known type's invalid payload with 400, naming the seq, and stores nothing of the batch", async () => {
    const t = await terminal();
    const bad = makeEvent(t.id, 2, { type: 'OrderStarted', payload: { orderNumber: 'ORD-1001', materialId: 'M-SG1', quantity: -1 } });
    const res = await push(server.app, t.token, t.id, [makeEvent(t.id, 1), bad]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/seq 2 \(OrderStarted\).*quantity/);
    expect((await stored(t.id)).events).toEqual([]);
  });

  it('refuses an event id that is already stored under another seq (409 conflict)', async () => {
    const t = await terminal();
    const event = makeEvent(t.id, 1);
    await push(server.app, t.token, t.id, [event]);
    const res = await push(server.app, t.token, t.id, [{ ...event, seq: 2 }]);
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('conflict');
    const other = await terminal();
    const stolen = await push(server.app, other.token, other.id, [{ ...event, terminalId: other.id }]);
    expect(stolen.statusCode).toBe(409);
  });

  it('serialises concurrent pushes of one terminal: one copy, and the cursor ends at the top', async () => {
    const t = await terminal();
    const events = Array.from({ length: 30 }, (_, i) => makeEvent(t.id, i + 1));
    const batches = [events.slice(0, 20), events.slice(10, 30), events.slice(5, 25), events, events.slice(25)];
    const answers = await Promise.all(batches.map((batch) => push(server.app, t.token, t.id, batch)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(Math.max(...answers.map((a) => (a.json() as { ackSeq: number }).ackSeq))).toBe(30);
    expect((await stored(t.id)).events.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
  });

  it('stores a full batch of 2000 events in one push', async () => {
    const t = await terminal();
    const batch = Array.from({ length: 2000 }, (_, i) => makeEvent(t.id, i + 1));
    const res = await push(server.app, t.token, t.id, batch);
    expect(res.json()).toEqual({ ackSeq: 2000 });
  });
});
