import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { issueAdminToken, registerTerminal } from '../../server/credentials-store';
import type { NotifyResponse } from '../../shared/sync-protocol';
import { bearer, errorCode } from './support/test-server';
import { createTestDatabase, type TestDatabase } from './support/test-database';

const run = promisify(execFile);
const TAKT = new URL('../../bin/takt.mjs', import.meta.url).pathname;

/**
 * The long poll that makes a server-side change (a blocked batch above all)
 * reach the terminals of a line within seconds: it answers as soon as the
 * line has a newer revision, whoever wrote it (this server's routes, or
 * `takt import` in another process on the same database), and never wakes a
 * terminal for another line's rows.
 */
describe('GET /api/v1/sync/notify', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let admin: string;
  let l1: string;
  let l2: string;

  const notify = async (token: string, query: string): Promise<{ status: number; body: NotifyResponse; ms: number }> => {
    const started = Date.now();
    const res = await app.inject({ method: 'GET', url: `/api/v1/sync/notify?${query}`, headers: bearer(token) });
    return { status: res.statusCode, body: res.json(), ms: Date.now() - started };
  };
  const put = (kind: string, id: string, body: object) =>
    app.inject({ method: 'PUT', url: `/api/v1/master/${kind}/${id}`, headers: bearer(admin), payload: body });
  const latest = async (token: string): Promise<number> => (await notify(token, 'since=0&wait=0')).body.rev;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = buildServer({ db: database.db, dialect: database.dialect, revisionPollMs: 100 });
    await app.ready();
    admin = (await issueAdminToken(database.db, 'test admin')).token;
    l1 = (await registerTerminal(database.db, { id: 'T-L1', lineId: 'L1' })).token;
    l2 = (await registerTerminal(database.db, { id: 'T-L2', lineId: 'L2' })).token;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('answers at once when the line already has a newer revision, and says "nothing new" after the wait', async () => {
    const rev = await latest(l1);
    expect(rev).toBeGreaterThan(0);
    expect((await notify(l1, `since=${rev - 1}&wait=5`)).body).toEqual({ rev, changed: true });
    const quiet = await notify(l1, `since=${rev}&wait=1`);
    expect(quiet.status).toBe(200);
    expect(quiet.body).toEqual({ rev, changed: false });
    expect(quiet.ms).toBeGreaterThanOrEqual(900);
  });

  it('wakes a waiting terminal as soon as a batch is blocked through the admin route', async () => {
    const since = await latest(l1);
    const waiting = notify(l1, `since=${since}&wait=20`);
    await new Promise((r) => setTimeout(r, 200));
    expect((await put('blocked-batch', 'BB-1', { materialId: 'M-1', batch: 'B-7', reason: 'Quality hold' })).statusCode).toBe(200);
    const woke = await waiting;
    expect(woke.body.changed).toBe(true);
    expect(woke.body.rev).toBeGreaterThan(since);
    expect(woke.ms).toBeLessThan(10_000);
  });

  it("does not wake a terminal for another line's order", async () => {
    const since = await latest(l1);
    const waiting = notify(l1, `since=${since}&wait=2`);
    await new Promise((r) => setTimeout(r, 200));
    const order = { number: 'ORD-2', lineId: 'L2', materialId: 'M-1', quantity: 5, dueDate: '2025-01-06', status: 'released' };
    expect((await put('order', 'ORD-2', order)).statusCode).toBe(200);
    expect((await waiting).body).toEqual({ rev: since, changed: false });
    // The other line's terminal hears of it.
    expect((await notify(l2, `since=${since}&wait=0`)).body.changed).toBe(true);
  });

  it('wakes a waiting terminal when `takt import` in another process blocks a batch in the same database', async () => {
    const since = await latest(l1);
    const file = join(database.dataDir, 'blocked.json');
    writeFileSync(file, JSON.stringify([{ id: 'BB-CLI', materialId: 'M-1', batch: 'H-BLOCK-7', reason: 'Supplier recall' }]));
    const waiting = notify(l1, `since=${since}&wait=25`);
    await run(process.execPath, [TAKT, 'import', 'blocked-batch', file, '--data', database.dataDir], {
      env: { ...process.env, ...database.env, TAKT_LOG_LEVEL: 'silent' },
    });
    const woke = await waiting;
    expect(woke.body.changed).toBe(true);
    expect(woke.body.rev).toBeGreaterThan(since);
  }, 30_000);

  it('refuses a request without a terminal token, and a bad query', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/sync/notify?since=0&wait=0' });
    expect(anonymous.statusCode).toBe(401);
    const asAdmin = await app.inject({ method: 'GET', url: '/api/v1/sync/notify?since=0&wait=0', headers: bearer(admin) });
    expect(asAdmin.statusCode).toBe(403);
    for (const query of ['', 'since=-1', 'since=x', 'since=0&wait=26']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/sync/notify?${query}`, headers: bearer(l1) });
      expect(res.statusCode, query).toBe(400);
      expect(errorCode(res)).toBe('bad-request');
    }
  });
});
