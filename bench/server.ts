/**
 * `npm run bench -- server [--cores 1,2] [--rounds 3]`: push throughput and
 * latency of the central server over real HTTP, on SQLite and (when
 * reachable) PostgreSQL; medians of `rounds` rounds, each on a fresh database.
 *
 *   A. 100k events from 1 terminal (batches of 1000), events/s
 *   B. 100k events from 50 concurrent terminals (batches of 500), events/s
 *   C. 200 terminals × 5 events/s, one event per push, for BENCH_SERVER_SECONDS
 *      (default 60): p50/p99 push latency, events/s held (goal: p99 ≤ 50 ms at 1,000 ev/s)
 *   D. 1,000 terminals × 5 events/s, each pushing what is pending one push at a
 *      time as the sync worker does: events/s held, p99 (goal: ≥ 5,000 ev/s, p99 ≤ 100 ms)
 *   Baseline: the naive push path (one INSERT per event, no transaction, no
 *   projections), 1 terminal, BENCH_SERVER_BASELINE_EVENTS (default 5000),
 *   events/s, and the ratio A / baseline.
 *
 * Cores (--cores or BENCH_SERVER_CORES, default "1,2"): with n cores the server
 * process is pinned (taskset) to CPUs 0..n-1 and the load generators to the
 * rest, or share the server's when none are left. So on a 2-core machine "1"
 * is server on CPU 0, load on CPU 1, and "2" is everything on both. PostgreSQL
 * is never pinned (it is the machine's). A, B and the baseline run only with the
 * most cores; C and D run for every count, which is what says what a core buys.
 *
 * Load: BENCH_SERVER_LOADERS (default 2) child processes (support/server-load-child.ts),
 * keep-alive HTTP, so the generator never shares the server's event loop.
 * PostgreSQL: TAKT_BENCH_DATABASE_URL, else TAKT_TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres; a fresh schema per round,
 * dropped afterwards. BENCH_SERVER_EVENTS overrides 100k, BENCH_SERVER_FLEET
 * the 1,000 terminals of D, BENCH_SERVER_DIALECTS=sqlite|postgres runs one.
 *
 * Where a push's time went (PostgreSQL, C, CPU profile via BENCH_SERVER_PROFILE):
 * 16 % of the server's samples (28 % of its busy time) were the auth lookup's own
 * round trip (pg pool checkout, writev), one statement per push against the group
 * commit's 9 per ~55 pushes. The push route now takes a remembered token and checks
 * it in the group's transaction: SQL per push 1.6-1.8 -> 0.9 (C, 10 s runs; what is
 * left is the first contact write of each terminal, terminal-contacts.ts).
 * pg_stat_activity during C and D: backends idle 77-91 % of samples, waiting on the
 * WAL (WALWrite/WALSync) 4-14 %, idle in transaction 2-13 %, never on a lock, so
 * PostgreSQL is not what limits; the Node server process is. These figures come from
 * small runs on a machine at load 17-25 (the server got 7-25 % of a core), which say
 * nothing about the goals' absolute figures: the 1- vs 2-core rows of a full run on a
 * quiet machine do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { pinned, runFleet, type FleetFigures } from './support/server-fleet';
import { pushAll, seconds } from './support/server-load';
import { adminQuery, PG_URL, prepare, range, type Dialect, type Prepared } from './support/server-prepare';
import { median, round } from './support/stats';

const env = process.env;
function option(name: string): string | undefined {
  const args = process.argv;
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1];
}
const SECONDS = Number(env.BENCH_SERVER_SECONDS || 60);
const TOTAL = Number(env.BENCH_SERVER_EVENTS || 100_000);
const BASELINE_EVENTS = Number(env.BENCH_SERVER_BASELINE_EVENTS || 5000);
const FLEET = Number(env.BENCH_SERVER_FLEET || 1000);
const LOADERS = Number(env.BENCH_SERVER_LOADERS || 2);
const ROUNDS = Number(option('rounds') ?? env.BENCH_SERVER_ROUNDS ?? 3);
const CPUS = availableParallelism();
const CORES = (option('cores') ?? env.BENCH_SERVER_CORES ?? '1,2').split(',').map(Number).filter((n) => n >= 1 && n <= CPUS);
const DIALECTS = (env.BENCH_SERVER_DIALECTS || 'sqlite,postgres').split(',');
/** A folder: the server process writes a V8 CPU profile there (--cpu-prof), to see where a push's time goes. */
const PROFILE_DIR = env.BENCH_SERVER_PROFILE;
const SERVER_CHILD = fileURLToPath(new URL('./support/server-child.ts', import.meta.url));

interface Throughput {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

export interface PassFigures {
  dialect: Dialect;
  cores: number;
  oneTerminal?: Throughput;
  fiftyTerminals?: Throughput;
  latency: FleetFigures;
  fleet: FleetFigures;
  baseline?: Throughput & { name: string; ratio: number };
}

export interface ServerBenchResult {
  settings: { events: number; latencySeconds: number; baselineEvents: number; fleetTerminals: number; rounds: number; cores: number[]; loaders: number; cpus: number };
  /** Per dialect and core count, the median of every figure over the rounds. */
  results: PassFigures[];
  runs: PassFigures[][];
  skipped: { dialect: Dialect; reason: string }[];
}

const cpuList = (from: number, to: number): string => (from === to ? `${from}` : `${from}-${to}`);

function startServer(prepared: Prepared, cores: number): Promise<{ url: string; child: ChildProcess }> {
  const [command, args] = pinned(cpuList(0, cores - 1), process.execPath, [...(PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : []), '--import', 'tsx', SERVER_CHILD, prepared.dataDir, prepared.databaseUrl ?? '']);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
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

async function timed(label: string, events: number, fn: () => Promise<unknown>): Promise<Throughput> {
  console.log(label);
  const t = process.hrtime.bigint();
  await fn();
  const s = seconds(t);
  return { events, seconds: round(s, 2), eventsPerSecond: Math.round(events / s) };
}

async function benchPass(dialect: Dialect, cores: number, full: boolean): Promise<PassFigures> {
  const fifty = range(50, 'B-FIFTY');
  const lat = range(200, 'B-LAT');
  const fleet = range(FLEET, 'B-FLEET');
  const prepared = await prepare(dialect, ['B-ONE', 'B-NAIVE', ...fifty, ...lat, ...fleet]);
  const { url, child } = await startServer(prepared, cores);
  const token = (id: string): string => prepared.tokens.get(id)!;
  const tag = `[${dialect}, ${cores} core${cores > 1 ? 's' : ''}]`;
  const loaderCpus = cores < CPUS ? cpuList(cores, CPUS - 1) : undefined;
  const fleetOptions = { seconds: SECONDS, loaders: LOADERS, loaderCpus, postgres: dialect === 'postgres', rate: 5 };
  try {
    const pass: Partial<PassFigures> = { dialect, cores };
    if (full) {
      pass.oneTerminal = await timed(`${tag} A: ${TOTAL} events from 1 terminal…`, TOTAL, () => pushAll(url, token('B-ONE'), 'B-ONE', TOTAL, 1000));
      const each = Math.floor(TOTAL / 50);
      pass.fiftyTerminals = await timed(`${tag} B: ${TOTAL} events from 50 terminals…`, each * 50, () => Promise.all(fifty.map((id) => pushAll(url, token(id), id, each, 500))));
    }
    console.log(`${tag} C: 200 terminals × 5 events/s, one event per push, ${SECONDS} s…`);
    pass.latency = await runFleet(url, lat.map((id) => [id, token(id)]), { ...fleetOptions, maxPerPush: 1 });
    console.log(`${tag} D: ${FLEET} terminals × 5 events/s, pushing what is pending, ${SECONDS} s…`);
    pass.fleet = await runFleet(url, fleet.map((id) => [id, token(id)]), { ...fleetOptions, maxPerPush: 500 });
    if (full) {
      const base = await timed(`${tag} baseline: ${BASELINE_EVENTS} events, one INSERT per event…`, BASELINE_EVENTS, () => pushAll(url, token('B-NAIVE'), 'B-NAIVE', BASELINE_EVENTS, 1000, '/bench/naive-push'));
      pass.baseline = { name: 'naive push: one INSERT per event, autocommit, no projections', ...base, ratio: round(pass.oneTerminal!.eventsPerSecond / base.eventsPerSecond, 1) };
    }
    return pass as PassFigures;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await prepared.cleanup();
  }
}

/** The median of every numeric leaf over the runs; other leaves from the first run. */
function medianOf<T>(runs: T[]): T {
  const first = runs[0] as unknown;
  if (typeof first === 'number') return round(median(runs as number[]), 3) as T;
  if (first === null || typeof first !== 'object') return first as T;
  const keys = new Set(runs.flatMap((r) => Object.keys(r as object)));
  return Object.fromEntries([...keys].map((k) => [k, medianOf(runs.map((r) => (r as Record<string, unknown>)[k] ?? 0))])) as T;
}

function printTable(result: ServerBenchResult): void {
  console.table(
    result.results.map((r) => ({
      database: r.dialect,
      cores: r.cores,
      '1 term ev/s': r.oneTerminal?.eventsPerSecond ?? '',
      '50 term ev/s': r.fiftyTerminals?.eventsPerSecond ?? '',
      'C p50/p99 ms': `${r.latency.p50Ms} / ${r.latency.p99Ms}`,
      'C ev/s': r.latency.eventsPerSecond,
      'D ev/s': r.fleet.eventsPerSecond,
      'D p50/p99 ms': `${r.fleet.p50Ms} / ${r.fleet.p99Ms}`,
      'D ev/push': r.fleet.eventsPerPush,
      'naive ev/s': r.baseline?.eventsPerSecond ?? '',
      'batched/naive': r.baseline ? `${r.baseline.ratio}×` : '',
    })),
  );
  console.table(
    result.results.flatMap((r) =>
      (['latency', 'fleet'] as const).map((s) => ({
        pass: `${r.dialect} ${r.cores}c ${s === 'latency' ? 'C' : 'D'}`,
        'server CPU %': r[s].serverCpuPercent,
        'server CPU ms/push': r[s].serverCpuMsPerPush,
        'load CPU %': r[s].loaderCpuPercent,
        'SQL/push': r[s].statementsPerPush,
        'pushes/group': r[s].pushesPerGroup,
        'ack p99 ms': r[s].ackP99Ms,
        errors: r[s].errors,
      })),
    ),
  );
  for (const r of result.results) if (r.latency.pgActivity) console.log(`pg_stat_activity ${r.cores}c C:`, r.latency.pgActivity, 'D:', r.fleet.pgActivity);
  for (const s of result.skipped) console.log(`skipped ${s.dialect}: ${s.reason}`);
}

export async function run(): Promise<ServerBenchResult> {
  const dialects: Dialect[] = DIALECTS.includes('sqlite') ? ['sqlite'] : [];
  const skipped: ServerBenchResult['skipped'] = [];
  const unreachable = !DIALECTS.includes('postgres') ? 'not asked for (BENCH_SERVER_DIALECTS)' : await adminQuery('SELECT 1').then(
    () => undefined,
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );
  if (unreachable) {
    console.log(`PostgreSQL at ${new URL(PG_URL).host} unreachable (${unreachable}); skipping it`);
    skipped.push({ dialect: 'postgres', reason: unreachable });
  } else dialects.push('postgres');
  const most = Math.max(...CORES);
  const runs: PassFigures[][] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    console.log(`round ${r} of ${ROUNDS}`);
    const passes: PassFigures[] = [];
    for (const dialect of dialects) for (const cores of CORES) passes.push(await benchPass(dialect, cores, cores === most));
    runs.push(passes);
  }
  const results = runs[0]!.map((_, i) => medianOf(runs.map((passes) => passes[i]!)));
  const result: ServerBenchResult = {
    settings: { events: TOTAL, latencySeconds: SECONDS, baselineEvents: BASELINE_EVENTS, fleetTerminals: FLEET, rounds: ROUNDS, cores: CORES, loaders: LOADERS, cpus: CPUS },
    results,
    runs,
    skipped,
  };
  printTable(result);
  return result;
}
