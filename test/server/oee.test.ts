import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertMaster } from '../../server/master-data-store';
import { runServerCli } from '../../server/cli/index';
import type { OeeReport } from '../../shared/oee';
import { Events, REASONS, ROUTINGS, SHIFTS } from '../shared/oee/oee-builders';
import { captureIo } from './support/capture-io';
import { bearer, createTestServer, errorCode, makeEvent, push, type TestServer } from './support/test-server';

/**
 * The server's OEE from pushed events, with the shift of the first hand-computed case of
 * test/shared/oee/oee-fold.test.ts: planned 27,000 s, a 30-minute tool change, 3 micro-stops,
 * 780 parts of which 20 scrap → OEE = 760 × 30 / 27,000 = 84.444 %.
 */
describe('GET /api/v1/oee and takt oee', () => {
  let server: TestServer;
  let token: string;
  const T = 'T-OEE';
  const url = (q: string) => `/api/v1/oee?${q}`;
  const shiftQuery = 'line=L1&from=2026-03-02T06:00:00.000Z&to=2026-03-02T14:00:00.000Z';

  beforeAll(async () => {
    server = await createTestServer();
    token = await server.addTerminal(T, 'L1');
    await server.addTerminal('T-OTHER', 'L2');
    const db = server.database.db;
    for (const row of [SHIFTS]) expect((await upsertMaster(db, 'shift-model', row)).ok).toBe(true);
    for (const row of ROUTINGS) expect((await upsertMaster(db, 'routing', row)).ok).toBe(true);
    for (const row of REASONS) expect((await upsertMaster(db, 'downtime-reason', row)).ok).toBe(true);
    await upsertMaster(db, 'order', { id: 'O1', number: 'O1', lineId: 'L1', materialId: 'M1', quantity: 1000, dueDate: '2026-03-02', status: 'released' });
    const e = new Events().start('O1', '2026-03-02T06:00:00.000Z').state('2026-03-02T06:00:00.000Z', 'running');
    e.machineStop('2026-03-02T07:00:00.000Z', '2026-03-02T07:01:00.000Z').machineStop('2026-03-02T08:00:00.000Z', '2026-03-02T08:01:00.000Z');
    e.machineStop('2026-03-02T11:00:00.000Z', '2026-03-02T11:01:00.000Z');
    e.machineStop('2026-03-02T10:00:00.000Z', '2026-03-02T10:30:00.000Z').book('stop-1', '2026-03-02T10:00:00.000Z', '2026-03-02T10:30:00.000Z', 'R-tool');
    e.cycles('2026-03-02T06:00:00.000Z', '2026-03-02T09:59:00.000Z', 400, 'O1').cycles('2026-03-02T10:30:00.000Z', '2026-03-02T13:59:00.000Z', 380, 'O1');
    e.scrap(20, '2026-03-02T12:00:00.000Z', 'O1');
    e.complete('O1', '2026-03-02T14:00:00.000Z');
    const envelopes = e.list.map((x, i) => makeEvent(T, i + 1, { type: x.type, occurredAt: x.occurredAt, payload: x.payload as Record<string, unknown>, ...(x.orderId ? { orderId: x.orderId } : {}) }));
    const res = await push(server.app, token, T, envelopes);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ackSeq: envelopes.length });
  });
  afterAll(() => server.close());

  it('answers the shift with the hand-computed figures, for an admin and for a terminal of the line', async () => {
    for (const auth of [server.adminToken, token]) {
      const res = await server.app.inject({ method: 'GET', url: url(shiftQuery), headers: bearer(auth) });
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json() as OeeReport;
      const early = report.shifts.find((s) => s.shiftId === 'early')!;
      expect(early).toMatchObject({ plannedSeconds: 27_000, downtimeSeconds: 1_800, microStops: 3, totalCount: 780, goodCount: 760 });
      expect(early.oee).toBeCloseTo((760 * 30) / 27_000, 9);
      expect(report.pareto.map((p) => [p.reasonId, p.seconds])).toEqual([['R-tool', 1_800], ['micro-stop', 180]]);
      expect(report.orders.map((o) => o.orderId)).toEqual(['O1']);
    }
  });

  it('refuses what it must: no token, another line, a bad query', async () => {
    expect((await server.app.inject({ method: 'GET', url: url(shiftQuery) })).statusCode).toBe(401);
    const foreign = await server.app.inject({ method: 'GET', url: url(shiftQuery.replace('L1', 'L2')), headers: bearer(token) });
    expect([foreign.statusCode, errorCode(foreign)]).toEqual([403, 'forbidden']);
    for (const q of ['line=L1', 'line=L1&from=yesterday&to=2026-03-02T14:00:00Z', 'line=L1&from=2026-03-02T14:00:00Z&to=2026-03-02T06:00:00Z', 'line=L1&from=2024-01-01T00:00:00Z&to=2026-03-02T00:00:00Z', `${shiftQuery}&extra=1`]) {
      const res = await server.app.inject({ method: 'GET', url: url(q), headers: bearer(server.adminToken) });
      expect([q, res.statusCode, errorCode(res)]).toEqual([q, 400, 'bad-request']);
    }
  });

  it('adds the order’s run and stop times to its ERP confirmation', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/erp/confirmations?after=0', headers: bearer(server.adminToken) });
    const [confirmation] = res.json().confirmations as Record<string, unknown>[];
    expect(confirmation).toMatchObject({ orderId: 'O1', runSeconds: 25_200, stopSeconds: 1_800, stopsByReason: [{ reasonId: 'R-tool', loss: 'availability', seconds: 1_800 }] });
  });

  it('takt oee prints the same report', async () => {
    const io = captureIo(server.database.env);
    const code = await runServerCli(['oee', '--line', 'L1', '--from', '2026-03-02T06:00:00.000Z', '--to', '2026-03-02T14:00:00.000Z', '--json', '--data', server.database.dataDir], io);
    expect(code, io.err()).toBe(0);
    const api = await server.app.inject({ method: 'GET', url: url(shiftQuery), headers: bearer(server.adminToken) });
    expect(JSON.parse(io.out())).toEqual(api.json());
    const text = captureIo(server.database.env);
    expect(await runServerCli(['oee', '--line', 'L1', '--from', '2026-03-02T06:00:00.000Z', '--to', '2026-03-02T14:00:00.000Z', '--data', server.database.dataDir], text)).toBe(0);
    expect(text.out()).toMatch(/Early .*OEE {2}84\.4 %/);
    expect(await runServerCli(['oee', '--line', 'L1', '--from', 'soon', '--to', 'later', '--data', server.database.dataDir], captureIo(server.database.env))).toBe(2);
  });
});
