import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { registerTerminal } from '../../server/credentials-store';
import { addUser } from '../../server/users/user-store';
import type { FleetTerminal } from '../../server/fleet/terminal-contacts';
import { bearer, createTestServer, errorCode, makeEvent, push, type TestServer } from './support/test-server';

describe('terminals page and flag acknowledgement (server side)', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await createTestServer();
    token = await server.addTerminal('T-1', 'L1');
    await registerTerminal(server.database.db, { id: 'T-2', lineId: 'L2' });
    expect((await addUser(server.database.db, { username: 'gast', role: 'viewer', password: 'lesen-lesen-1' })).ok).toBe(true);
  });
  afterAll(() => server.close());

  const fleet = async (): Promise<FleetTerminal[]> => {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/fleet/terminals', headers: bearer(server.adminToken) });
    expect(res.statusCode).toBe(200);
    return (res.json() as { terminals: FleetTerminal[] }).terminals;
  };

  it('records a terminal contact with its version and its last refused request; one never heard from is silent', async () => {
    const pull = await server.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: { ...bearer(token), 'x-takt-version': '0.2.0-rc.1' } });
    expect(pull.statusCode).toBe(200);
    const refused = await push(server.app, token, 'T-1', [makeEvent('T-1', 1, { type: 'OrderStarted', payload: { nonsense: true } })]);
    expect(refused.statusCode).toBe(400);
    // The contact is written after the reply has gone out: wait for it rather than race it.
    await expect.poll(async () => (await fleet())[0]?.lastRoute).toBe('POST /api/v1/sync/push');
    const [t1, t2] = await fleet();
    expect(t1).toMatchObject({ terminalId: 'T-1', lineId: 'L1', appVersion: '0.2.0-rc.1', lastRoute: 'POST /api/v1/sync/push', silent: false, lastError: expect.stringMatching(/^400: event seq 1 \(OrderStarted\)/) });
    expect(Date.now() - Date.parse(t1?.lastContactAt ?? '')).toBeLessThan(60_000);
    expect(t2).toMatchObject({ terminalId: 'T-2', lastContactAt: null, appVersion: null, silent: true });
  });

  it('counts a terminal silent after the configured minutes', async () => {
    const app = buildServer({ db: server.database.db, dialect: server.database.dialect, silentTerminalMinutes: 1 });
    try {
      const old = new Date(Date.now() - 2 * 60_000).toISOString();
      await server.database.db.updateTable('terminal_contacts').set({ last_contact_at: old }).where('terminal_id', '=', 'T-1').execute();
      const res = await app.inject({ method: 'GET', url: '/api/v1/fleet/terminals', headers: bearer(server.adminToken) });
      expect(res.json()).toMatchObject({ silentAfterMinutes: 1, terminals: [{ terminalId: 'T-1', silent: true }, { terminalId: 'T-2', silent: true }] });
    } finally {
      await app.close();
    }
  });

  it('acknowledges a flag once, refuses an unknown one and a viewer', async () => {
    await server.addOrder('ORD-X', 'L2');
    const foreign = await push(server.app, token, 'T-1', [makeEvent('T-1', 1, { type: 'OrderStarted', orderId: 'ORD-X', payload: { orderNumber: 'ORD-X', materialId: 'M-1', quantity: 1 } })]);
    expect(foreign.statusCode).toBe(200);
    const flags = (await server.app.inject({ method: 'GET', url: '/api/v1/quality/flags', headers: bearer(server.adminToken) })).json() as { flags: { eventId: string; kind: string; acknowledged: unknown }[] };
    const flag = flags.flags[0];
    expect(flag).toMatchObject({ kind: 'foreign-line-order', acknowledged: null });
    const ack = (payload: object, headers = bearer(server.adminToken)) => server.app.inject({ method: 'POST', url: '/api/v1/quality/flags/acknowledge', headers, payload });
    expect((await ack({ eventId: flag?.eventId, kind: flag?.kind, note: 'Linie L2 informiert' })).statusCode).toBe(200);
    const second = await ack({ eventId: flag?.eventId, kind: flag?.kind });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/^already acknowledged by token:test admin at /);
    expect(errorCode(await ack({ eventId: 'nope', kind: 'unknown-order' }))).toBe('not-found');
    const listed = (await server.app.inject({ method: 'GET', url: '/api/v1/quality/flags', headers: bearer(server.adminToken) })).json() as { flags: { acknowledged: unknown }[] };
    expect(listed.flags[0]?.acknowledged).toEqual({ by: 'token:test admin', at: expect.any(String), note: 'Linie L2 informiert' });

    const login = await server.app.inject({ method: 'POST', url: '/api/v1/web/login', payload: { username: 'gast', password: 'lesen-lesen-1' } });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    const viewer = await ack({ eventId: flag?.eventId, kind: flag?.kind }, { cookie, 'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken });
    expect(viewer.json()).toEqual({ error: { code: 'forbidden', message: 'role viewer may not flags.acknowledge' } });
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/fleet/terminals', headers: { cookie } })).statusCode).toBe(200);
  });
});
