import { migrations } from '../../server/db/migrate';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events';
import { newId } from '../../shared/ids';
import pgDriver from 'pg';
import { buildServer } from '../../server/app';
import { registerTerminal } from '../../server/credentials-store';
import { openDatabase, type TaktDatabase } from '../../server/db/create-database';
import { upsertMaster } from '../../server/master-data-store';
import { freePort, startProcess, ROOT, type Running } from './support/processes';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres';

/**
 * More than one server over one PostgreSQL database: two `takt server`
 * processes started at the same moment on an empty database both migrate and
 * come up; then 20 terminals push (plain HTTP, each push to either instance at
 * random, with resends and answers thrown away) while one instance is
 * SIGKILLed and restarted. At the end every terminal's events are stored
 * exactly once and gap-free, projected once, and every ack was true.
 */

const TERMINALS = 20;
const EVENTS = 40;
/** Each terminal books one event per interval, so pushing spans the kill and the restart (~10 s). */
const BOOK_INTERVAL_MS = 250;
const LINES = ['L1', 'L2'] as const;
const lineOf = (i: number): string => LINES[i % 2]!;

interface Instance {
  port: number;
  url: string;
  dataDir: string;
  running: Running | null;
}

/** Resolves once /health answers 200; rejects with the output if the process ends first. */
async function healthy(instance: Instance, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const running = instance.running!;
  for (;;) {
    if (running.child.exitCode !== null) throw new Error(`server on ${instance.port} exited ${running.child.exitCode}:\n${running.output()}`);
    const ok = await fetch(`${instance.url}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`server on ${instance.port} not healthy within ${timeoutMs} ms:\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('two takt server instances over one PostgreSQL database', () => {
  let pg: PrivatePostgres;
  let databaseUrl: string;
  let database: TaktDatabase | undefined;
  const instances: Instance[] = [];

  const start = (instance: Instance): void => {
    instance.running = startProcess(process.execPath, [`${ROOT}bin/takt.mjs`, 'server', '--port', String(instance.port)], {
      TAKT_DATA_DIR: instance.dataDir,
      TAKT_DATABASE_URL: databaseUrl,
      TAKT_LOG_LEVEL: 'warn',
      TAKT_RATE_LIMIT_PER_MIN: '1000000',
    });
  };

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    databaseUrl = pg.url;
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      instances.push({ port, url: `http://127.0.0.1:${port}`, dataDir: mkdtempSync(join(tmpdir(), `takt-two-${i}-`)), running: null });
    }
  }, 60_000);

  afterAll(async () => {
    for (const instance of instances) {
      await instance.running?.kill('SIGTERM');
      rmSync(instance.dataDir, { recursive: true, force: true });
    }
    await database?.close();
    pg?.destroy();
  });

  it('both come up when started at the same moment on an empty database', async () => {
    for (const instance of instances) start(instance);
    await Promise.all(instances.map((instance) => healthy(instance)));
    database = openDatabase({ dataDir: instances[0]!.dataDir, databaseUrl });
    const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(database.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations('postgres')).sort()); // each once, by whichever came first
  });

  it('stores every event of 20 terminals exactly once, gap-free, while one instance is killed and restarted', async () => {
    const db = database!.db;
    for (const line of LINES) {
      const written = await upsertMaster(db, 'order', { id: `ORD-${line}`, number: `ORD-${line}`, lineId: line, materialId: 'M-1', quantity: 1e6, dueDate: '2025-01-06', status: 'released' });
      expect(written.ok).toBe(true);
    }
    const terminals = await Promise.all(
      Array.from({ length: TERMINALS }, async (_, i) => {
        const id = `T-TWO-${String(i).padStart(2, '0')}`;
        const { token } = await registerTerminal(db, { id, lineId: lineOf(i) });
        const journal: EventEnvelope[] = Array.from({ length: EVENTS }, (_, k) => ({
          id: newId(),
          terminalId: id,
          seq: k + 1,
          occurredAt: new Date(Date.UTC(2025, 0, 6, 6, 0, 0, k)).toISOString(),
          schemaVersion: 1,
          operatorId: 'OP-1',
          orderId: `ORD-${lineOf(i)}`,
          ...(k % 2 === 0 ? { type: 'GoodQuantityBooked', payload: { quantity: 1 } } : { type: 'PartProduced', payload: { serial: `${id}-${k + 1}` } }),
        }));
        return { id, token, journal, line: lineOf(i) };
      }),
    );

    const acks: { terminalId: string; ackSeq: number }[] = [];
    const refused: string[] = [];
    let unreachable = 0;
    const answeredBy = [0, 0];
    const booking = Date.now();
    // The last quarter is booked only once the killed instance is back, so it serves pushes again however slow its start.
    let bookable = (EVENTS * 3) / 4;
    const booked = (): number => Math.min(bookable, 1 + Math.floor((Date.now() - booking) / BOOK_INTERVAL_MS));
    const pushUntilAcked = async (t: (typeof terminals)[number]): Promise<void> => {
      let acked = 0;
      while (acked < EVENTS) {
        if (acked >= booked()) {
          await new Promise((r) => setTimeout(r, 30));
          continue;
        }
        // A resend now and then: start up to 3 below the cursor, as after a lost answer.
        const from = Math.max(1, acked + 1 - (Math.random() < 0.3 ? Math.ceil(Math.random() * 3) : 0));
        const to = Math.min(booked(), acked + 1 + Math.floor(Math.random() * 6));
        const events = t.journal.slice(from - 1, to);
        const which = Math.random() < 0.5 ? 0 : 1;
        const answer = await fetch(`${instances[which]!.url}/api/v1/sync/push`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ terminalId: t.id, events }),
        })
          .then(async (res) => ({ status: res.status, body: (await res.json()) as { ackSeq?: number; error?: { code: string } } }))
          .catch(() => undefined); // refused, or cut off mid-answer by the kill
        if (!answer) {
          unreachable += 1;
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        const { status, body } = answer;
        if (status !== 200 || body.ackSeq === undefined) {
          refused.push(`${status} ${body.error?.code ?? ''}`);
          continue;
        }
        answeredBy[which]! += 1;
        acks.push({ terminalId: t.id, ackSeq: body.ackSeq });
        // Every fifth answer is "lost": the terminal keeps its cursor and sends again.
        if (Math.random() >= 0.2) acked = Math.max(acked, body.ackSeq);
        await new Promise((r) => setTimeout(r, Math.random() * 20));
      }
    };

    const run = Promise.all(terminals.map(pushUntilAcked));
    // Kill instance 1 once the terminals are well under way, restart it on the same port.
    await new Promise((r) => setTimeout(r, 2_000));
    const ackedAtKill = acks.length;
    await instances[1]!.running!.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    start(instances[1]!);
    await healthy(instances[1]!);
    const answeredBeforeRestart = answeredBy[1]!;
    bookable = EVENTS;
    await run;

    expect(ackedAtKill).toBeLessThan(acks.length);
    expect(unreachable).toBeGreaterThan(0); // pushes hit the killed instance
    expect(answeredBy[1]).toBeGreaterThan(answeredBeforeRestart); // and the restarted one served again
    expect(answeredBy[0]).toBeGreaterThan(0);
    expect(refused).toEqual([]);

    const rows = await db.selectFrom('events').select(['terminal_id', 'seq', 'id']).orderBy('terminal_id').orderBy('seq').execute();
    const cursors = new Map((await db.selectFrom('terminals').select(['id', 'last_seq']).execute()).map((r) => [r.id, Number(r.last_seq)]));
    for (const t of terminals) {
      const stored = rows.filter((r) => r.terminal_id === t.id);
      expect(stored.map((r) => [Number(r.seq), r.id])).toEqual(t.journal.map((e) => [e.seq, e.id]));
      expect(cursors.get(t.id)).toBe(EVENTS);
    }
    // Every ack was true: the terminals never resent below their cursor, so an ack over an event that
    // was not stored would show as a missing row above; and no ack ever went back or past the journal.
    const lastAck = new Map<string, number>();
    for (const ack of acks) {
      expect(ack.ackSeq).toBeLessThanOrEqual(EVENTS);
      expect(ack.ackSeq).toBeGreaterThanOrEqual(lastAck.get(ack.terminalId) ?? 0);
      lastAck.set(ack.terminalId, ack.ackSeq);
    }
    // Projected once: one good part per even seq, one serial per odd seq, whatever was resent.
    const progress = await db.selectFrom('order_progress').select(['order_id', 'good_quantity']).orderBy('order_id').execute();
    expect(progress).toEqual(LINES.map((line) => ({ order_id: `ORD-${line}`, good_quantity: (TERMINALS / 2) * (EVENTS / 2) })));
    expect(await db.selectFrom('serials').select('serial').execute()).toHaveLength(TERMINALS * (EVENTS / 2));
  });

  it('answers a push stuck behind a lock past the statement timeout 503 database-timeout, with nothing written', async () => {
    const slow = openDatabase({ dataDir: instances[0]!.dataDir, databaseUrl, statementTimeoutMs: 300 });
    const app = buildServer({ db: slow.db, dialect: slow.dialect });
    const { token } = await registerTerminal(slow.db, { id: 'T-LOCKED', lineId: 'L1' });
    const holder = new pgDriver.Client({ connectionString: databaseUrl });
    await holder.connect();
    try {
      // Another session (a stuck server, an admin's open transaction) holds the terminal's cursor row.
      await holder.query('BEGIN');
      await holder.query("SELECT 1 FROM terminals WHERE id = 'T-LOCKED' FOR UPDATE");
      const events = [1, 2].map((seq) => ({ id: newId(), terminalId: 'T-LOCKED', seq, type: 'OperatorLoggedOut', occurredAt: '2025-01-06T06:00:00.000Z', payload: { reason: 'manual' }, schemaVersion: 1 }));
      const push = () => app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { authorization: `Bearer ${token}` }, payload: { terminalId: 'T-LOCKED', events } });
      const stuck = await push();
      expect(stuck.statusCode).toBe(503);
      expect((stuck.json() as { error: { code: string } }).error.code).toBe('database-timeout');
      expect(await slow.db.selectFrom('events').select('seq').where('terminal_id', '=', 'T-LOCKED').execute()).toEqual([]);

      await holder.query('ROLLBACK');
      const retried = await push();
      expect(retried.json()).toEqual({ ackSeq: 2 });
    } finally {
      await holder.end();
      await app.close();
      await slow.close();
    }
  });
});
