import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChaosServer, type ChaosServer } from './support/chaos-server';
import { startNodeTerminal, type NodeTerminal } from './support/node-terminal';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';

/**
 * Database restart during pushes: the real server on a PostgreSQL
 * cluster of the test's own, which is crashed (`pg_ctl stop -m immediate`)
 * and started again three times while a terminal books and pushes. While the
 * database is down the server answers 503 `database-unavailable` and stays
 * up; afterwards it holds exactly the events the journal confirmed, once each.
 * No PostgreSQL binaries: the test fails and says what to install.
 */

const TERMINAL = 'T-CHAOS-PG';
const CRASHES = 3;

describe('chaos: PostgreSQL restarts under a running server', () => {
  let pg: PrivatePostgres;
  let server: ChaosServer;
  let terminal: NodeTerminal | undefined;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    server = await startChaosServer({ databaseUrl: pg.url });
  }, 60_000);

  afterAll(async () => {
    terminal?.close();
    await server?.stop();
    pg?.destroy();
  });

  it('answers 503 database-unavailable while the database is down, never exits, and ends with exactly the confirmed events', async () => {
    const started = Date.now();
    const token = await server.addTerminal(TERMINAL);
    terminal = await startNodeTerminal({ terminalId: TERMINAL, serverUrl: server.url, token, pushBatch: 200, timeoutMs: 10_000 });
    terminal.engine.start();
    const serverPid = server.running!.child.pid;
    const booking = terminal.book(6_000, 50);

    const downAnswers: { status: number; code: string }[] = [];
    const pendingAtCrash: number[] = [];
    for (let i = 0; i < CRASHES; i++) {
      await new Promise((r) => setTimeout(r, 400 + i * 150));
      pendingAtCrash.push((await terminal.journal.syncInfo()).pending);
      pg.crash();
      // While it is down: a push (a resend of seq 1, harmless once the database is back) and a pull, straight at the server.
      const first = await terminal.journal.eventsAfter(0, 1);
      for (const [method, path, body] of [
        ['POST', '/api/v1/sync/push', { terminalId: TERMINAL, events: first }],
        ['GET', '/api/v1/sync/pull?after=0&limit=10', undefined],
      ] as const) {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        }).catch((err: unknown) => {
          // The server must never go away: if it did, say how it ended.
          const running = server.running;
          throw new Error(`${method} ${path} failed (${String(err)}); server exit ${String(running?.child.exitCode)}:\n${running?.output() ?? ''}`);
        });
        downAnswers.push({ status: res.status, code: ((await res.json()) as { error?: { code?: string } }).error?.code ?? '' });
      }
      await new Promise((r) => setTimeout(r, 500));
      pg.start();
    }
    await booking;
    await terminal.drained(30_000);

    expect(pendingAtCrash.some((p) => p > 0)).toBe(true); // the crashes landed while pushes were due
    expect(downAnswers).toHaveLength(CRASHES * 2);
    for (const answer of downAnswers) expect(answer).toEqual({ status: 503, code: 'database-unavailable' });
    // The terminal saw the same coded error through the host transport, and retried.
    expect(terminal.status().lastErrors?.some((e) => e.code === 'database-unavailable')).toBe(true);
    // Never crashed: the process that started is the one still answering.
    expect(server.running!.child.exitCode).toBeNull();
    expect(server.running!.child.pid).toBe(serverPid);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    const stored = (await server.events(TERMINAL)).map((e) => `${e.seq}:${e.id.toLowerCase()}`);
    const confirmed = [...terminal.confirmed.entries()].sort((a, b) => a[0] - b[0]).map(([seq, id]) => `${seq}:${id.toLowerCase()}`);
    expect(confirmed).toHaveLength(6_000);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored).toEqual(confirmed);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 60_000);
});
