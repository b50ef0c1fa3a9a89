import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/sync-protocol';
import { bearer, createTestServer, type TestServer } from '../server/support/test-server';

/** Probe: a terminal receives PIN hashes only of operators allowed on its line. */
describe('sync/pull sends only the operators of the terminal line', () => {
  let server: TestServer;
  let l1: string;
  let l2: string;
  const put = (id: string, body: Record<string, unknown>) =>
    server.app.inject({ method: 'PUT', url: `/api/v1/master/operator/${id}`, headers: bearer(server.adminToken), payload: body });
  const operators = async (token: string) => {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/sync/pull?limit=1000', headers: bearer(token) });
    const page = res.json() as PullResponse;
    return page.changes.filter((c) => c.kind === 'operator');
  };

  beforeAll(async () => {
    server = await createTestServer();
    l1 = await server.addTerminal('T-OP-1', 'L1');
    l2 = await server.addTerminal('T-OP-2', 'L2');
    const pinHash = 'scrypt$16384$8$1$00$00';
    expect((await put('OP-L1', { name: 'One', badge: 'B1', role: 'shift-lead', lineIds: ['L1'], pinHash })).statusCode).toBe(200);
    expect((await put('OP-L2', { name: 'Two', badge: 'B2', role: 'shift-lead', lineIds: ['L2'], pinHash })).statusCode).toBe(200);
    expect((await put('OP-NONE', { name: 'None', badge: 'B3', role: 'quality', lineIds: [], pinHash })).statusCode).toBe(200);
  });
  afterAll(() => server.close());

  it('gives each line its own operators and nobody else a PIN hash', async () => {
    const onL1 = await operators(l1);
    expect(onL1.filter((c) => !c.deleted).map((c) => c.id)).toEqual(['OP-L1']);
    expect(JSON.stringify(onL1)).toContain('scrypt$');
    expect(onL1.filter((c) => c.deleted).map((c) => c.id).sort()).toEqual(['OP-L2', 'OP-NONE']);
    const onL2 = await operators(l2);
    expect(onL2.filter((c) => !c.deleted).map((c) => c.id)).toEqual(['OP-L2']);
    for (const change of [...onL1, ...onL2]) if (change.deleted) expect(change).not.toHaveProperty('data');
  });

  it('takes an operator off a terminal when their line is withdrawn', async () => {
    const checkpoint = (await server.app.inject({ method: 'GET', url: '/api/v1/sync/pull?limit=1000', headers: bearer(l1) })).json() as PullResponse;
    await put('OP-L1', { name: 'One', badge: 'B1', role: 'shift-lead', lineIds: ['L2'], pinHash: 'scrypt$16384$8$1$00$00' });
    const after = await server.app.inject({ method: 'GET', url: `/api/v1/sync/pull?after=${checkpoint.rev}`, headers: bearer(l1) });
    expect((after.json() as PullResponse).changes).toEqual([{ kind: 'operator', id: 'OP-L1', rev: expect.any(Number), deleted: true }]);
  });
});
