import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetTerminal } from '../../server/fleet/terminal-contacts';
import { addUser } from '../../server/users/user-store';
import { bearer, createTestServer, errorCode, type TestServer } from './support/test-server';

/** POST /api/v1/sync/status: a terminal's report about itself, stored per terminal and shown on the terminals page. */

const REPORT = {
  appVersion: '0.3.1',
  pending: 12,
  oldestPendingAt: '2025-01-06T05:58:00.000Z',
  scanner: 'connected',
  printer: 'offline',
  storageFreeBytes: 3_500_000_000,
  lastError: { code: 'server-unreachable', message: 'POST /api/v1/sync/push: server unreachable (ECONNREFUSED)', at: '2025-01-06T05:59:00.000Z' },
};

describe('terminal status reports', () => {
  let server: TestServer;
  let t1 = '';
  let t2 = '';
  beforeAll(async () => {
    server = await createTestServer();
    t1 = await server.addTerminal('T-1', 'L1');
    t2 = await server.addTerminal('T-2', 'L2');
    expect((await addUser(server.database.db, { username: 'gast', role: 'viewer', password: 'lesen-lesen-1' })).ok).toBe(true);
  });
  afterAll(() => server.close());

  const report = (token: string, payload: unknown, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'POST', url: '/api/v1/sync/status', headers: { ...bearer(token), ...headers }, payload: payload as object });
  const fleet = async (): Promise<FleetTerminal[]> =>
    ((await server.app.inject({ method: 'GET', url: '/api/v1/fleet/terminals', headers: bearer(server.adminToken) })).json() as { terminals: FleetTerminal[] }).terminals;

  it('stores the report under the token’s terminal and shows it in the fleet; a later report replaces it', async () => {
    const res = await report(t1, REPORT);
    expect(res.statusCode).toBe(200);
    expect(Date.now() - Date.parse((res.json() as { receivedAt: string }).receivedAt)).toBeLessThan(60_000);
    const [one, two] = await fleet();
    expect(one?.reported).toEqual({ ...REPORT, reportedAt: expect.any(String) });
    expect(one?.appVersion).toBe('0.3.1');
    expect(two?.reported).toBeNull();

    expect((await report(t1, { ...REPORT, pending: 0, oldestPendingAt: null, lastError: null, storageFreeBytes: null, terminalId: 'T-1' })).statusCode).toBe(200);
    expect((await fleet())[0]?.reported).toMatchObject({ pending: 0, oldestPendingAt: null, lastError: null, storageFreeBytes: null });
  });

  it('refuses a broken payload with a coded 400 naming the field, and keeps the stored report', async () => {
    for (const [broken, field] of [
      [{ ...REPORT, pending: -1 }, 'pending'],
      [{ ...REPORT, scanner: 'on fire' }, 'scanner'],
      [{ ...REPORT, appVersion: '1.0; DROP TABLE' }, 'appVersion'],
      [{ ...REPORT, oldestPendingAt: 'yesterday' }, 'oldestPendingAt'],
      [{ ...REPORT, lastError: { code: 'x', message: 'y' } }, 'lastError.at'],
      [{ ...REPORT, printerModel: 'ZT410' }, 'printerModel'],
      [(({ printer: _p, ...rest }) => rest)(REPORT), 'printer'],
    ] as const) {
      const res = await report(t2, broken);
      expect(res.statusCode, field).toBe(400);
      expect(errorCode(res)).toBe('bad-request');
      expect((res.json() as { error: { message: string } }).error.message).toContain(field.split('.')[0]);
    }
    const raw = await server.app.inject({ method: 'POST', url: '/api/v1/sync/status', headers: { ...bearer(t2), 'content-type': 'application/json' }, payload: '{"pending":' });
    expect(raw.statusCode).toBe(400);
    expect((await fleet())[1]?.reported).toBeNull();
  });

  it('keeps a terminal to its own record: another terminal named is 403, no token 401, a person’s session 403', async () => {
    const foreign = await report(t2, { ...REPORT, terminalId: 'T-1', pending: 999 });
    expect(foreign.statusCode).toBe(403);
    expect((foreign.json() as { error: { message: string } }).error.message).toBe('terminal T-2 may not report the status of terminal T-1');
    expect((await fleet())[0]?.reported?.pending).toBe(0);
    const anonymous = await server.app.inject({ method: 'POST', url: '/api/v1/sync/status', payload: REPORT });
    expect(anonymous.statusCode).toBe(401);
    const login = await server.app.inject({ method: 'POST', url: '/api/v1/web/login', payload: { username: 'gast', password: 'lesen-lesen-1' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const person = await server.app.inject({ method: 'POST', url: '/api/v1/sync/status', headers: { cookie, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken }, payload: REPORT });
    expect(person.statusCode).toBe(403);
    expect((await server.app.inject({ method: 'POST', url: '/api/v1/sync/status', headers: bearer(server.adminToken), payload: REPORT })).statusCode).toBe(403);
  });
});
