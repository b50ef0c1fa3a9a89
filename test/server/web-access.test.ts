import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/users/passwords';
import { MAX_FAILED_LOGINS, addUser } from '../../server/users/user-store';
import { bearer, createTestServer, errorCode, type TestServer } from './support/test-server';

const PASSWORD = 'korrekt-Pferd-9';

interface LoggedIn {
  cookie: string;
  csrf: string;
  body: { user: { username: string; role: string }; permissions: string[] };
}

describe('web users: sessions, roles, CSRF, lockout and the audit log', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
    for (const [username, role] of [
      ['qa.mueller', 'quality'],
      ['lead.schmidt', 'shift-lead'],
      ['it.weber', 'plant-it'],
      ['gast', 'viewer'],
      ['victim', 'viewer'],
    ] as const) {
      const added = await addUser(server.database.db, { username, role, password: PASSWORD, displayName: username });
      expect(added.ok).toBe(true);
    }
  });
  afterAll(() => server.close());

  const login = async (username: string, password = PASSWORD): Promise<LightMyRequestResponse> =>
    server.app.inject({ method: 'POST', url: '/api/v1/web/login', payload: { username, password } });

  const loggedIn = async (username: string): Promise<LoggedIn> => {
    const res = await login(username);
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    const cookie = /takt_session=([^;]+)/.exec(setCookie)?.[1] ?? '';
    const body = res.json() as LoggedIn['body'] & { csrfToken: string };
    return { cookie: `takt_session=${cookie}`, csrf: body.csrfToken, body };
  };

  const block = (who: LoggedIn, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> =>
    server.app.inject({
      method: 'POST',
      url: '/api/v1/batches/block',
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...headers },
      payload: { materialId: 'M-HSG', batch: 'B-77', reason: 'Reklamation Kunde' },
    });

  it('stores passwords as scrypt hashes, never as text', async () => {
    const row = await server.database.db.selectFrom('web_users').selectAll().where('username', '=', 'gast').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, row.password_hash)).toBe(true);
    expect(await verifyPassword('wrong-password', row.password_hash)).toBe(false);
  });

  it('sets an HttpOnly, SameSite=Strict session cookie and answers who is logged in', async () => {
    const res = await login('QA.Mueller');
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^takt_session=takt_s_[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
    const stored = await server.database.db.selectFrom('web_sessions').select('id_hash').execute();
    expect(stored.map((s) => s.id_hash).join()).not.toContain(setCookie.slice(13, 56));
    const who = await loggedIn('qa.mueller');
    const session = await server.app.inject({ method: 'GET', url: '/api/v1/web/session', headers: { cookie: who.cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { username: 'qa.mueller', role: 'quality' }, permissions: expect.arrayContaining(['batch.block']), csrfToken: who.csrf });
  });

  it('answers a wrong password and an unknown user alike (401)', async () => {
    const wrong = await login('lead.schmidt', 'not-the-password');
    const unknown = await login('nobody', 'not-the-password');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(unknown.json());
    expect((await login('lead.schmidt')).statusCode).toBe(200);
  });

  it('lets each role do what the table says, on the API itself', async () => {
    const viewer = await loggedIn('gast');
    const denied = await block(viewer);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toEqual({ error: { code: 'forbidden', message: 'role viewer may not batch.block' } });
    const trace = await server.app.inject({ method: 'GET', url: '/api/v1/trace/batch/M-HSG/B-77', headers: { cookie: viewer.cookie } });
    expect(trace.statusCode).toBe(200);
    const audit = await server.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { cookie: viewer.cookie } });
    expect(audit.statusCode).toBe(403);
    // A route no role is given (the events dump) stays for admin tokens only.
    const events = await server.app.inject({ method: 'GET', url: '/api/v1/events?terminalId=T-1', headers: { cookie: viewer.cookie } });
    expect(events.statusCode).toBe(403);
    expect(errorCode(events)).toBe('forbidden');

    const lead = await loggedIn('lead.schmidt');
    expect((await block(lead)).statusCode).toBe(403);
    const quality = await loggedIn('qa.mueller');
    const blocked = await block(quality);
    expect(blocked.statusCode).toBe(200);
    expect(blocked.json()).toMatchObject({ materialId: 'M-HSG', batch: 'B-77', blocked: true });
    const rows = await server.database.db.selectFrom('blocked_batches').selectAll().where('batch', '=', 'B-77').execute();
    expect(rows).toEqual([{ master_id: 'BB-M-HSG-B-77', material_id: 'M-HSG', batch: 'B-77', reason: 'Reklamation Kunde' }]);
  });

  it('refuses a session write without the CSRF token or from another origin, and never lets a session on terminal routes', async () => {
    const quality = await loggedIn('qa.mueller');
    const noToken = await block(quality, { 'x-csrf-token': '' });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.message).toContain('X-CSRF-Token');
    const otherToken = await block(quality, { 'x-csrf-token': 'A'.repeat(43) });
    expect(otherToken.statusCode).toBe(403);
    const foreign = await block(quality, { origin: 'https://evil.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toContain('evil.example');
    const sameOrigin = await block(quality, { origin: 'http://localhost:80', host: 'localhost:80' });
    expect(sameOrigin.statusCode).toBe(200);
    const pull = await server.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: { cookie: quality.cookie } });
    expect(pull.statusCode).toBe(403);
  });

  it('locks an account after repeated wrong passwords, also against the right one', async () => {
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) expect((await login('victim', `wrong-${i}-password`)).statusCode).toBe(401);
    const locking = await login('victim', 'wrong-last-password');
    expect(locking.statusCode).toBe(423);
    expect(errorCode(locking)).toBe('account-locked');
    const right = await login('victim');
    expect(right.statusCode).toBe(423);
    const row = await server.database.db.selectFrom('web_users').select(['failed_logins', 'locked_until']).where('username', '=', 'victim').executeTakeFirstOrThrow();
    expect(Number(row.failed_logins)).toBe(MAX_FAILED_LOGINS);
    expect(Date.parse(row.locked_until ?? '') - Date.now()).toBeGreaterThan(14 * 60_000);
  });

  it('ends a session at logout: the cookie no longer authenticates', async () => {
    const it = await loggedIn('it.weber');
    const out = await server.app.inject({ method: 'POST', url: '/api/v1/web/logout', headers: { cookie: it.cookie, 'x-csrf-token': it.csrf } });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    const after = await server.app.inject({ method: 'GET', url: '/api/v1/web/session', headers: { cookie: it.cookie } });
    expect(after.statusCode).toBe(401);
    const forged = await server.app.inject({ method: 'GET', url: '/api/v1/web/session', headers: { cookie: 'takt_session=takt_s_' + 'x'.repeat(43) } });
    expect(forged.statusCode).toBe(401);
  });

  it('keeps admin tokens working for integrations, and they may not use the session routes', async () => {
    const trace = await server.app.inject({ method: 'GET', url: '/api/v1/trace/batch/M-HSG/B-77', headers: bearer(server.adminToken) });
    expect(trace.statusCode).toBe(200);
    const released = await server.app.inject({
      method: 'POST',
      url: '/api/v1/batches/release',
      headers: bearer(server.adminToken),
      payload: { materialId: 'M-HSG', batch: 'B-77', reason: 'Prüfung bestanden' },
    });
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ blocked: false, released: ['BB-M-HSG-B-77'] });
    expect(await server.database.db.selectFrom('blocked_batches').selectAll().where('batch', '=', 'B-77').execute()).toEqual([]);
    const session = await server.app.inject({ method: 'GET', url: '/api/v1/web/session', headers: bearer(server.adminToken) });
    expect(session.statusCode).toBe(403);
  });

  it('names in the audit log who did what, refused attempts included', async () => {
    const it = await loggedIn('it.weber');
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/audit?limit=1000', headers: { cookie: it.cookie } });
    expect(res.statusCode).toBe(200);
    const entries = (res.json() as { entries: { actor: string; actorKind: string; action: string; status: number; detail: Record<string, unknown> | null }[] }).entries;
    const line = (e: (typeof entries)[number]): string => `${e.actorKind}:${e.actor} ${e.action} ${e.status}`;
    const lines = entries.map(line);
    expect(lines).toContain('user:gast batch.block 403');
    expect(lines).toContain('user:lead.schmidt batch.block 403');
    expect(lines).toContain('user:qa.mueller batch.block 200');
    expect(lines).toContain('admin-token:test admin batch.release 200');
    expect(lines).toContain('anonymous:victim login 423');
    expect(lines).toContain('anonymous:nobody login 401');
    expect(lines).toContain('user:it.weber logout 200');
    const block = entries.find((e) => line(e) === 'user:qa.mueller batch.block 200');
    expect(block?.detail).toEqual({ materialId: 'M-HSG', batch: 'B-77', reason: 'Reklamation Kunde' });
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
  });
});
