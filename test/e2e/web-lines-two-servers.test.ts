import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAdminToken, registerTerminal } from '../../server/credentials-store';
import { openDatabase, type TaktDatabase } from '../../server/db/create-database';
import type { LinesBoard } from '../../server/lines/line-board';
import { upsertMaster } from '../../server/master-data-store';
import { openSse, type SseStream } from '../server/support/sse';
import { addOrder, makeEvent } from '../server/support/test-server';
import { freePort, startProcess, ROOT, waitForHttp, type Running } from './support/processes';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';

/**
 * The lines stream across `takt server` processes on one PostgreSQL
 * database: a page following instance A sees a booking pushed to instance B,
 * and a master-data write by a third process (this test, as `takt import`
 * would be), within seconds. Each instance holds a LISTEN connection for it.
 */
const board = (data: string): LinesBoard => JSON.parse(data) as LinesBoard;

describe('lines stream across two takt server processes on PostgreSQL', () => {
  let pg: PrivatePostgres;
  let database: TaktDatabase;
  const servers: { url: string; dataDir: string; running: Running }[] = [];
  let stream: SseStream | undefined;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), `takt-lines-two-${i}-`));
      const running = startProcess(process.execPath, [`${ROOT}bin/takt.mjs`, 'server', '--port', String(port)], { TAKT_DATA_DIR: dataDir, TAKT_DATABASE_URL: pg.url, TAKT_LOG_LEVEL: 'warn' });
      servers.push({ url: `http://127.0.0.1:${port}`, dataDir, running });
    }
    for (const s of servers) await waitForHttp(`${s.url}/health`);
    database = openDatabase({ dataDir: servers[0]!.dataDir, databaseUrl: pg.url });
  }, 120_000);

  afterAll(async () => {
    stream?.close();
    for (const s of servers) {
      await s.running.kill('SIGTERM');
      rmSync(s.dataDir, { recursive: true, force: true });
    }
    await database?.close();
    pg?.destroy();
  });

  it('carries a push to one instance and a master write by another process to the page on the other instance', async () => {
    const db = database.db;
    const { token } = await registerTerminal(db, { id: 'T-1', lineId: 'L1' });
    await addOrder(db, 'ORD-1', 'L1');
    const admin = await issueAdminToken(db, 'lines page');
    const [a, b] = servers;
    stream = await openSse(`${a!.url}/api/v1/web/lines/stream`, { authorization: `Bearer ${admin.token}` });
    expect(stream.status).toBe(200);
    expect(board((await stream.next((e) => e.event === 'board')).data).lines.map((l) => l.lineId)).toEqual(['L1']);

    // Each instance listens on its own connection for the others' writes.
    const listening = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'LISTEN takt_changes'`.execute(db);
    expect(listening.rows[0]?.n).toBeGreaterThanOrEqual(1);

    const now = new Date().toISOString();
    const events = [
      makeEvent('T-1', 1, { type: 'OrderStarted', orderId: 'ORD-1', occurredAt: now, payload: { orderNumber: 'ORD-1', materialId: 'M-1', quantity: 10 } }),
      makeEvent('T-1', 2, { type: 'GoodQuantityBooked', orderId: 'ORD-1', occurredAt: now, payload: { quantity: 6 } }),
    ];
    const pushedAt = Date.now();
    const res = await fetch(`${b!.url}/api/v1/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ terminalId: 'T-1', events }) });
    expect(res.status).toBe(200);
    const booked = board((await stream.next((e) => e.event === 'board' && board(e.data).lines[0]?.orders[0]?.good === 6, 5_000)).data);
    expect(booked.lines[0]?.orders[0]).toMatchObject({ orderId: 'ORD-1', good: 6, target: 10 });
    expect(Date.now() - pushedAt).toBeLessThan(5_000);

    const line = await upsertMaster(db, 'line', { id: 'L1', plantId: 'P1', name: 'Achsen' });
    expect(line.ok).toBe(true);
    const renamed = board((await stream.next((e) => e.event === 'board' && board(e.data).lines[0]?.name === 'Achsen', 5_000)).data);
    expect(renamed.lines[0]?.orders[0]?.good).toBe(6);
  }, 60_000);
});
