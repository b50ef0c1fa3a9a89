import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { issueAdminToken, revokeAdminToken } from '../../server/credentials-store';
import { openDatabase, type TaktDatabase } from '../../server/db/create-database';
import type { LinesBoard } from '../../server/lines/line-board';
import { upsertMaster } from '../../server/master-data-store';
import { addUser } from '../../server/users/user-store';
import { openSse, type SseStream } from './support/sse';
import { bearer, createTestServer, makeEvent, push, type TestServer } from './support/test-server';

/**
 * The lines page's stream over real HTTP: a viewer's session reads it, a
 * booking pushed to another server instance on the same database (its own
 * connection pool, as a second `takt server` has) reaches it. On PostgreSQL
 * the fingerprint poll is set to ten minutes, so only LISTEN/NOTIFY can
 * deliver the change in time.
 */

const ON_POSTGRES = Boolean(process.env.TAKT_TEST_DATABASE_URL);
const board = (data: string): LinesBoard => JSON.parse(data) as LinesBoard;
const orderOf = (b: LinesBoard, orderId: string) => b.lines.flatMap((l) => l.orders).find((o) => o.orderId === orderId);

describe('lines stream: live across server instances, for every role that may see the fleet', () => {
  let server: TestServer;
  let token: string;
  let a: FastifyInstance;
  let b: FastifyInstance;
  let second: TaktDatabase;
  let urlA = '';
  let urlB = '';
  let cookie = '';
  const streams: SseStream[] = [];

  beforeAll(async () => {
    server = await createTestServer();
    token = await server.addTerminal('T-1', 'L1');
    await server.addOrder('ORD-1', 'L1');
    for (const [kind, row] of [
      ['line', { id: 'L1', plantId: 'P1', name: 'Sitze vorne' }],
      ['downtime-reason', { id: 'DR-MAT', lineId: 'L1', code: 'MAT', loss: 'availability', label: { de: 'Materialmangel', en: 'Material shortage' } }],
      ['jis-sequence', { id: 'SEQ-1', lineId: 'L1', customer: 'Autowerk Süd', callOffRevision: 1, positions: [1, 2, 5].map((n) => ({ sequenceNumber: n, vehicleNumber: `V-${n}`, customerPartNumber: 'A0004711', dueTime: '2025-01-06T08:00:00Z' })) }],
    ] as const) {
      const written = await upsertMaster(server.database.db, kind, row as never);
      expect(written.ok).toBe(true);
    }
    expect((await addUser(server.database.db, { username: 'gast', role: 'viewer', password: 'lesen-lesen-1' })).ok).toBe(true);
    const pollMs = ON_POSTGRES ? 600_000 : 100;
    a = buildServer({ db: server.database.db, dialect: server.database.dialect, listen: server.database.listen, changePollMs: pollMs });
    second = openDatabase({ dataDir: server.database.dataDir, databaseUrl: server.database.databaseUrl });
    b = buildServer({ db: second.db, dialect: second.dialect, listen: second.listen, changePollMs: pollMs });
    for (const app of [a, b]) await app.listen({ port: 0, host: '127.0.0.1' });
    urlA = `http://127.0.0.1:${(a.server.address() as AddressInfo).port}`;
    urlB = `http://127.0.0.1:${(b.server.address() as AddressInfo).port}`;
    const login = await fetch(`${urlA}/api/v1/web/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'gast', password: 'lesen-lesen-1' }) });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await a?.close();
    await b?.close();
    await second?.close();
    await server?.close();
  });

  it('refuses the board and the stream without a session (401), and a terminal token (403)', async () => {
    for (const path of ['/api/v1/web/lines', '/api/v1/web/lines/stream']) {
      const anonymous = await fetch(`${urlA}${path}`);
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      const stale = await fetch(`${urlA}${path}`, { headers: { cookie: 'takt_session=nichtmehrgueltig' } });
      expect(stale.status).toBe(401);
      const terminal = await fetch(`${urlA}${path}`, { headers: bearer(token) });
      expect(terminal.status).toBe(403);
    }
  });

  it('streams the board to a viewer and a new one when a booking reaches the other instance', async () => {
    const stream = await openSse(`${urlA}/api/v1/web/lines/stream`, { cookie });
    streams.push(stream);
    expect(stream.status).toBe(200);
    const first = board((await stream.next((e) => e.event === 'board')).data);
    const line = first.lines.find((l) => l.lineId === 'L1');
    expect(line).toMatchObject({ name: 'Sitze vorne', orders: [] });
    expect(line?.sequences).toEqual([
      expect.objectContaining({ sequenceId: 'SEQ-1', total: 3, built: 0, open: 3, current: { sequenceNumber: 1, vehicleNumber: 'V-1', variant: '' }, gaps: [{ from: 3, to: 4 }], gapCount: 1 }),
    ]);
    expect(line?.shift).toMatchObject({ name: null, stops: [] });

    const started = makeEvent('T-1', 1, { type: 'OrderStarted', orderId: 'ORD-1', occurredAt: new Date().toISOString(), payload: { orderNumber: 'ORD-1', materialId: 'M-1', quantity: 10 } });
    const good = makeEvent('T-1', 2, { type: 'GoodQuantityBooked', orderId: 'ORD-1', occurredAt: new Date().toISOString(), payload: { quantity: 4 } });
    const scrap = makeEvent('T-1', 3, { type: 'ScrapBooked', orderId: 'ORD-1', occurredAt: new Date().toISOString(), payload: { quantity: 1, reasonId: 'SR-01' } });
    expect((await push(b, token, 'T-1', [started, good, scrap])).statusCode).toBe(200);
    const after = board((await stream.next((e) => e.event === 'board' && orderOf(board(e.data), 'ORD-1') !== undefined, 8_000)).data);
    expect(orderOf(after, 'ORD-1')).toMatchObject({ number: 'ORD-1', status: 'started', target: 10, good: 4, scrap: 1 });

    // A verified JIS part moves the sequence's position, pushed to the other instance again.
    const verified = makeEvent('T-1', 4, {
      type: 'SequencePartVerified',
      occurredAt: new Date().toISOString(),
      payload: { sequenceId: 'SEQ-1', sequenceNumber: 1, customerPartNumber: 'A0004711' },
    });
    const res = await push(b, token, 'T-1', [verified]);
    expect(res.statusCode).toBe(200);
    const moved = board((await stream.next((e) => e.event === 'board' && board(e.data).lines[0]?.sequences[0]?.built === 1, 8_000)).data);
    expect(moved.lines[0]?.sequences[0]?.current?.sequenceNumber).toBe(2);

    // A stop booked with its reason joins the shift's timeline, in the reason's words.
    const from = new Date(Date.now() - 30 * 60_000).toISOString();
    const to = new Date(Date.now() - 20 * 60_000).toISOString();
    const stop = makeEvent('T-1', 5, { type: 'DowntimeBooked', occurredAt: new Date().toISOString(), payload: { stopId: 'STOP-1', from, to, reasonId: 'DR-MAT' } });
    expect((await push(b, token, 'T-1', [stop])).statusCode).toBe(200);
    const stopped = board((await stream.next((e) => e.event === 'board' && (board(e.data).lines[0]?.shift.stops.length ?? 0) > 0, 8_000)).data);
    expect(stopped.lines[0]?.shift.stops).toEqual([{ from, to, kind: 'stop', reasonId: 'DR-MAT', label: { de: 'Materialmangel', en: 'Material shortage' }, loss: 'availability', alarmCode: null }]);
    expect(stopped.lines[0]?.shift.figures.downtimeSeconds).toBe(600);
  });

  it('ends a person’s stream once their session has ended, at the next board', async () => {
    const login = await fetch(`${urlA}/api/v1/web/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'gast', password: 'lesen-lesen-1' }) });
    const own = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const stream = await openSse(`${urlA}/api/v1/web/lines/stream`, { cookie: own });
    streams.push(stream);
    await stream.next((e) => e.event === 'board');
    const logout = await fetch(`${urlA}/api/v1/web/logout`, { method: 'POST', headers: { cookie: own, 'x-csrf-token': csrfToken } });
    expect(logout.status).toBe(200);
    const more = makeEvent('T-1', 6, { type: 'GoodQuantityBooked', orderId: 'ORD-1', occurredAt: new Date().toISOString(), payload: { quantity: 1 } });
    expect((await push(b, token, 'T-1', [more])).statusCode).toBe(200);
    const ended = await stream.next((e) => e.event !== 'board', 8_000);
    expect(ended).toEqual({ event: 'ended', data: JSON.stringify({ error: { code: 'unauthorized', message: 'the session has ended (log in again)' } }) });
    await expect(stream.next(() => true, 3_000)).rejects.toThrow('the stream ended');
  });

  it('answers the board once with an admin token, the same as the stream carries', async () => {
    const res = await fetch(`${urlB}/api/v1/web/lines`, { headers: bearer(server.adminToken) });
    expect(res.status).toBe(200);
    const once = (await res.json()) as LinesBoard;
    expect(orderOf(once, 'ORD-1')).toMatchObject({ good: 5, scrap: 1, target: 10 });
    expect(once.lines.map((l) => l.lineId)).toEqual(['L1']);
  });

  it('ends an integration’s stream once its admin token is revoked', async () => {
    const admin = await issueAdminToken(server.database.db, 'Leitstand');
    const stream = await openSse(`${urlB}/api/v1/web/lines/stream`, bearer(admin.token));
    streams.push(stream);
    await stream.next((e) => e.event === 'board');
    expect(await revokeAdminToken(server.database.db, admin.id)).toBe(true);
    const more = makeEvent('T-1', 7, { type: 'GoodQuantityBooked', orderId: 'ORD-1', occurredAt: new Date().toISOString(), payload: { quantity: 1 } });
    expect((await push(a, token, 'T-1', [more])).statusCode).toBe(200);
    expect((await stream.next((e) => e.event !== 'board', 8_000)).event).toBe('ended');
  });
});
