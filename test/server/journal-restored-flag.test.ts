import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestServer, makeEvent, push, type TestServer } from './support/test-server';

/**
 * A terminal that rebuilt its journal from the host's copy (Chromium had
 * thrown its IndexedDB away) says so with a JournalRestored event; plant IT
 * and quality must see it at the server, not only on that terminal's Status
 * screen: the bookings are intact, but the terminal's storage misbehaved.
 */
describe('JournalRestored at the server', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await createTestServer();
    token = await server.addTerminal('T-R1', 'L1');
  });
  afterAll(() => server.close());

  it('raises a journal-restored flag naming the terminal and how many bookings came back', async () => {
    const restored = makeEvent('T-R1', 2, { type: 'JournalRestored', payload: { restored: 41, fromSeq: 1, toSeq: 41, indexedDb: 'missing' } });
    const res = await push(server.app, token, 'T-R1', [makeEvent('T-R1', 1), restored]);
    expect(res.statusCode, res.body).toBe(200);
    const flags = (await server.app.inject({ method: 'GET', url: '/api/v1/quality/flags?kind=journal-restored', headers: bearer(server.adminToken) })).json().flags as {
      kind: string;
      terminalId: string;
      message: string;
    }[];
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ kind: 'journal-restored', terminalId: 'T-R1' });
    expect(flags[0]!.message).toContain('41 bookings');
    expect(flags[0]!.message).toContain('missing');
  });
});
