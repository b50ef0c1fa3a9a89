import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertMaster } from '../../server/master-data-store';
import { bearer, createTestServer, makeEvent, push, type TestServer } from '../server/support/test-server';

/**
 * Probe: a terminal (or whoever holds its token) claims approvals. Every
 * override is listed with its approver at the server, and one whose approver
 * could not have approved on that terminal is flagged as forged.
 */
describe('overrides recorded with their approver', () => {
  let server: TestServer;
  let token: string;
  const T = 'T-L1-05';
  const pinHash = 'scrypt$32768$8$1$00$00';

  beforeAll(async () => {
    server = await createTestServer();
    token = await server.addTerminal(T, 'L1');
    await server.addOrder('ORD-1', 'L1');
    const db = server.database.db;
    await upsertMaster(db, 'operator', { id: 'OP-LEAD', name: 'Petra', badge: 'B9001', role: 'shift-lead', lineIds: ['L1'], pinHash });
    await upsertMaster(db, 'operator', { id: 'OP-L2', name: 'Lena', badge: 'B9002', role: 'shift-lead', lineIds: ['L2'], pinHash });
    await upsertMaster(db, 'operator', { id: 'OP-ANNA', name: 'Anna', badge: 'B1001', role: 'operator', lineIds: ['L1'] });
  });
  afterAll(() => server.close());

  it('lists every override, and flags approvals by nobody, an operator, or a lead of another line', async () => {
    const scrap = (seq: number, approvedBy: string) =>
      makeEvent(T, seq, { type: 'ScrapApproved', orderId: 'ORD-1', operatorId: 'OP-ANNA', payload: { reasonId: 'SR-01', quantity: 50, approvedBy, reason: 'bad lot' } });
    const res = await push(server.app, token, T, [
      scrap(1, 'OP-LEAD'),
      scrap(2, 'OP-GHOST'),
      scrap(3, 'OP-ANNA'),
      makeEvent(T, 4, { type: 'SequenceOverride', payload: { sequenceId: 'JIS-1', sequenceNumber: 7, reason: 'customer ok', approvedBy: 'OP-L2' } }),
    ]);
    expect(res.json()).toEqual({ ackSeq: 4 });

    const overrides = (await server.app.inject({ method: 'GET', url: '/api/v1/quality/overrides', headers: bearer(server.adminToken) })).json() as {
      overrides: { seq: number; approvedBy: string; verified: boolean; problem: string | null; terminalId: string; reason: string }[];
    };
    expect(overrides.overrides.map((o) => [o.seq, o.approvedBy, o.verified])).toEqual([
      [1, 'OP-LEAD', true],
      [2, 'OP-GHOST', false],
      [3, 'OP-ANNA', false],
      [4, 'OP-L2', false],
    ]);
    expect(overrides.overrides[0]).toMatchObject({ terminalId: T, reason: 'bad lot', problem: null });
    expect(overrides.overrides[1]!.problem).toContain('OP-GHOST is not an operator');
    expect(overrides.overrides[2]!.problem).toContain('OP-ANNA has role operator, which may not approve');
    expect(overrides.overrides[3]!.problem).toContain('not allowed on line L1');

    const flags = (await server.app.inject({ method: 'GET', url: '/api/v1/quality/flags?kind=forged-approval', headers: bearer(server.adminToken) })).json() as {
      flags: { seq: number; terminalId: string; message: string }[];
    };
    expect(flags.flags.map((f) => f.seq)).toEqual([2, 3, 4]);
    expect(flags.flags[0]!.message).toMatch(/^terminal T-L1-05 sent ScrapApproved seq 2 approved by OP-GHOST/);
  });

  it('needs an admin token', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/quality/overrides', headers: bearer(token) });
    expect(res.statusCode).toBe(403);
  });
});
