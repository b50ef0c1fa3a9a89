/**
 * `npm run bench -- server`: push throughput and latency of the central server
 * over real HTTP, on SQLite and (when reachable) PostgreSQL.
 *
 *   A. 100k events from 1 terminal (batches of 1000), events/s
 *   B. 100k events from 50 concurrent terminals (batches of 500), events/s
 *   C. 200 terminals pushing 5 events/s each (one event per push) for
 *      BENCH_SERVER_SECONDS (default 60): p50/p99 push latency
 *   Baseline: the naive push path (one INSERT per event, no transaction, no
 *   projections), 1 terminal, BENCH_SERVER_BASELINE_EVENTS (default 5000),
 *   events/s, and the ratio A / baseline.
 *
 * The server runs in a child process (this file with --bench-server-child) so
 * that the load generator (support/server-load.ts) does not share its event loop. PostgreSQL: TAKT_BENCH_DATABASE_URL, else
 * TAKT_TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a
 * fresh schema per run, dropped afterwards. BENCH_SERVER_EVENTS overrides 100k.
 *
 * PG ceiling (before group commit): backends idle in transaction ~75% of samples, never on a
 * Lock; 9-12 statements per push; the CPU-bound server set the pace (README, Performance).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { upsertMaster } from '../server/master-data-store';
import { latencyScenario, pushAll, seconds, type LatencyFigures } from './support/server-load';
import { round } from './support/stats';

const CHILD_FLAG = '--bench-server-child';
const env = process.env;
const SECONDS = Number(env.BENCH_SERVER_SECONDS || 60);
const TOTAL = Number(env.BENCH_SERVER_EVENTS || 100_000);
const BASELINE_EVENTS = Number(env.BENCH_SERVER_BASELINE_EVENTS || 5000);
const PG_URL = env.TAKT_BENCH_DATABASE_URL || env.TAKT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

type Dialect = 'sqlite' | 'postgres';

export interface DialectFigures {
  dialect: Dialect;
  oneTerminal: { events: number; seconds: number; eventsPerSecond: number };
  fiftyTerminals: { events: number; seconds: number; eventsPerSecond: number };
  latency: LatencyFigures;
  baseline: { name: string; events: number; seconds: number; eventsPerSecond: number; ratio: number };
}

export interface ServerBenchResult {
  settings: { events: number; latencySeconds: number; baselineEvents: number };
  results: DialectFigures[];
  skipped: { dialect: Dialect; reason: string }[];
}

interface Prepared {
  dataDir: string;
  databaseUrl: string | undefined;
  tokens: Map<string, string>;
  cleanup(): Promise<void>;
}

async function prepare(dialect: Dialect): Promise<Prepared> {
  const { openDatabase } = await import('../server/db/create-database');
  const { migrateToLatest } = await import('../server/db/migrate');
  const { issueTerminal } = await import('../server/credentials-store');
  const dataDir = mkdtempSync(join(tmpdir(), 'takt-bench-'));
  let databaseUrl: string | undefined;
  let dropSchema = async (): Promise<void> => {};
  if (dialect === 'postgres') {
    const schema = `takt_bench_${process.pid}_${Date.now()}`;
    await adminQuery(`CREATE SCHEMA ${schema}`);
    const parsed = new URL(PG_URL);
    parsed.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = parsed.toString();
    dropSchema = () => adminQuery(`DROP SCHEMA ${schema} CASCADE`);
  }
  const database = openDatabase({ dataDir, databaseUrl });
  const tokens = new Map<string, string>();
  try {
    await migrateToLatest(database.db, database.dialect);
    const ids = ['B-ONE', 'B-NAIVE', ...range(50, 'B-FIFTY'), ...range(200, 'B-LAT')];
    await database.db.transaction().execute(async (trx) => {
      for (const id of ids) tokens.set(id, (await issueTerminal(trx, { id, lineId: 'L1' })).token);
      // Each terminal books its own order of its line: the server projects only bookings on orders of the terminal's line.
      for (const id of ids) {
        const order = { id: `ORD-${id}`, number: `ORD-${id}`, lineId: 'L1', materialId: 'M-SG1', quantity: 1_000_000, dueDate: '2025-01-06', status: 'released' as const };
        const written = await upsertMaster(trx, 'order', order);
        if (!written.ok) throw new Error(written.error.message);
      }
    });
  } finally {
    await database.close();
  }
  return {
    dataDir,
    databaseUrl,
    tokens,
    cleanup: async () => {
      await dropSchema();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const range = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function startChild(prepared: Prepared): Promise<{ url: string; child: ChildProcess }> {
  const args = ['--import', 'tsx', fileURLToPath(import.meta.url), CHILD_FLAG, prepared.dataDir, prepared.databaseUrl ?? ''];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ url: (JSON.parse(line) as { url: string }).url, child });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

async function benchDialect(dialect: Dialect): Promise<DialectFigures> {
  const prepared = await prepare(dialect);
  const { url, child } = await startChild(prepared);
  const token = (id: string): string => prepared.tokens.get(id)!;
  try {
    console.log(`[${dialect}] A: ${TOTAL} events from 1 terminal…`);
    let t = process.hrtime.bigint();
    await pushAll(url, token('B-ONE'), 'B-ONE', TOTAL, 1000);
    const oneSeconds = seconds(t);

    console.log(`[${dialect}] B: ${TOTAL} events from 50 terminals…`);
    const fifty = range(50, 'B-FIFTY');
    t = process.hrtime.bigint();
    await Promise.all(fifty.map((id) => pushAll(url, token(id), id, Math.floor(TOTAL / 50), 500)));
    const fiftySeconds = seconds(t);

    console.log(`[${dialect}] C: 200 terminals × 5 events/s for ${SECONDS} s…`);
    const latency = await latencyScenario(url, range(200, 'B-LAT').map((id) => [id, token(id)]), SECONDS);

    console.log(`[${dialect}] baseline: ${BASELINE_EVENTS} events, one INSERT per event, no transaction…`);
    t = process.hrtime.bigint();
    await pushAll(url, token('B-NAIVE'), 'B-NAIVE', BASELINE_EVENTS, 1000, '/bench/naive-push');
    const baseSeconds = seconds(t);

    const oneRate = TOTAL / oneSeconds;
    const baseRate = BASELINE_EVENTS / baseSeconds;
    return {
      dialect,
      oneTerminal: { events: TOTAL, seconds: round(oneSeconds, 2), eventsPerSecond: Math.round(oneRate) },
      fiftyTerminals: { events: Math.floor(TOTAL / 50) * 50, seconds: round(fiftySeconds, 2), eventsPerSecond: Math.round((Math.floor(TOTAL / 50) * 50) / fiftySeconds) },
      latency,
      baseline: { name: 'naive push: one INSERT per event, autocommit, no projections', events: BASELINE_EVENTS, seconds: round(baseSeconds, 2), eventsPerSecond: Math.round(baseRate), ratio: round(oneRate / baseRate, 1) },
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await prepared.cleanup();
  }
}

async function postgresReachable(): Promise<string | undefined> {
  try {
    await adminQuery('SELECT 1');
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function printTable(result: ServerBenchResult): void {
  const rows = result.results.map((r) => ({
    database: r.dialect,
    '1 terminal ev/s': r.oneTerminal.eventsPerSecond,
    '50 terminals ev/s': r.fiftyTerminals.eventsPerSecond,
    'p50 ms (200×5/s)': r.latency.p50Ms,
    'p99 ms (200×5/s)': r.latency.p99Ms,
    'achieved ev/s': r.latency.eventsPerSecond,
    'naive ev/s': r.baseline.eventsPerSecond,
    'batched / naive': `${r.baseline.ratio}×`,
  }));
  console.table(rows);
  for (const s of result.skipped) console.log(`skipped ${s.dialect}: ${s.reason}`);
}

export async function run(): Promise<ServerBenchResult> {
  const result: ServerBenchResult = { settings: { events: TOTAL, latencySeconds: SECONDS, baselineEvents: BASELINE_EVENTS }, results: [], skipped: [] };
  result.results.push(await benchDialect('sqlite'));
  const unreachable = await postgresReachable();
  if (unreachable) {
    console.log(`PostgreSQL at ${new URL(PG_URL).host} unreachable (${unreachable}); skipping it`);
    result.skipped.push({ dialect: 'postgres', reason: unreachable });
  } else {
    result.results.push(await benchDialect('postgres'));
  }
  printTable(result);
  return result;
}

/** The child: the real server plus the naive baseline route, on the prepared database. */
async function serveChild(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  const { buildServer } = await import('../server/app');
  const { openDatabase } = await import('../server/db/create-database');
  const { registerNaivePush } = await import('./support/naive-push');
  const database = openDatabase({ dataDir, databaseUrl });
  const app = buildServer({ db: database.db, dialect: database.dialect, rateLimit: { max: 1e9, timeWindowMs: 60_000 } });
  registerNaivePush(app, database.db);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  process.once('SIGTERM', () => {
    void app.close().then(() => database.close()).then(() => process.exit(0));
  });
}

if (process.argv[2] === CHILD_FLAG) await serveChild(process.argv[3]!, process.argv[4] || undefined);
