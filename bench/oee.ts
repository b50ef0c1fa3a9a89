/**
 * `npm run bench -- oee [--days=N] [--lines=N]`: OEE per shift at the server
 * over a seeded year (default 365 days) of 20 lines, one cycle every 30 s
 * (bench/support/oee-year.ts; about 5 million events: MachineCycle batches of
 * the host's default 60 s, state changes, stop bookings, scrap, good
 * quantities). Measured: the server's own OEE read (server/oee/oee-query.ts,
 * what GET /api/v1/oee and `takt oee` run: select the line's events, the
 * shared fold, the report per shift, day and order and the Pareto) for every
 * line over the whole window, against a plain SQL GROUP BY over the raw
 * events (bench/support/oee-sql.ts) as the baseline, in the same run, both
 * checked to agree on every shift's figures. Medians of BENCH_OEE_RUNS (3).
 * On SQLite, and on PostgreSQL when it answers (TAKT_BENCH_DATABASE_URL, else
 * TAKT_TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres;
 * a fresh schema, dropped afterwards). Then the terminal's live update per
 * machine cycle at one cycle a second (bench/support/oee-live.ts) against the
 * 16 ms frame budget, and the same in Chromium with React's commit and the
 * paint (bench/support/oee-chromium.ts): the running index against the full
 * recompute, dropped frames, long tasks. `--live-only` runs just the two
 * live parts; `--live-cycles=N` (both parts; default the shift's 28,800), `--live-every=N`
 * (cycles per frame, default 1) and `--live-runs=N` (default 1) size the
 * Chromium part. Seeding is timed apart and not part of any ratio.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type TaktDatabase } from '../server/db/create-database';
import { migrateToLatest } from '../server/db/migrate';
import { lineOee } from '../server/oee/oee-query';
import { measureLiveInChromium, type ChromiumLiveFigures, type ModeFigures } from './support/oee-chromium';
import { measureLiveUpdates, FRAME_BUDGET_MS, type LiveFigures } from './support/oee-live';
import { sqlShiftOee, type ShiftFigures } from './support/oee-sql';
import { seedOeeYear } from './support/oee-seed';
import { BENCH_YEAR_START, MICRO_STOP_SECONDS, lineIdOf } from './support/oee-year';
import { median, round } from './support/stats';

const env = process.env;
const PG_URL = env.TAKT_BENCH_DATABASE_URL || env.TAKT_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const SEED = 17;

export interface OeeBenchOptions {
  lines: number;
  days: number;
  runs: number;
}

export interface Agreement {
  shifts: number;
  /** Shifts where a count or a figure differs (figures beyond 1e-9), the first few. */
  mismatches: { key: string; field: string; fold: number | null; sql: number | null }[];
  mismatchCount: number;
}

export interface DialectResult {
  dialect: TaktDatabase['dialect'];
  events: number;
  byType: Record<string, number>;
  seedSeconds: number;
  foldMs: number[];
  sqlMs: number[];
  foldMedianMs: number;
  sqlMedianMs: number;
  /** Fold time / SQL time (medians): what the fold's generality costs. */
  ratio: number;
  agreement: Agreement;
  /** What the year held, from the fold: so a reader sees the comparison covered stops, micro-stops and scrap. */
  totals: { shifts: number; parts: number; scrap: number; downtimeHours: number; microStops: number; meanOee: number };
}

const COMPARED = ['plannedSeconds', 'downtimeSeconds', 'microStops', 'totalCount', 'bookedScrap', 'availability', 'performance', 'quality', 'oee'] as const;

/** Every shift of both methods, field by field: counts exactly, ratios to 1e-9. */
export function compareShifts(fold: ShiftFigures[], baseline: ShiftFigures[]): Agreement {
  const key = (s: ShiftFigures): string => `${s.lineId} ${s.date} ${s.shiftId}`;
  const byKey = new Map(baseline.map((s) => [key(s), s]));
  const mismatches: Agreement['mismatches'] = [];
  let mismatchCount = 0;
  const note = (k: string, field: string, a: number | null, b: number | null): void => {
    mismatchCount += 1;
    if (mismatches.length < 10) mismatches.push({ key: k, field, fold: a, sql: b });
  };
  for (const f of fold) {
    const s = byKey.get(key(f));
    byKey.delete(key(f));
    if (!s) {
      note(key(f), 'missing in SQL', f.oee, null);
      continue;
    }
    for (const field of COMPARED) {
      const a = f[field];
      const b = s[field];
      if (a === null || b === null || Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(b))) note(key(f), field, a, b);
    }
  }
  for (const k of byKey.keys()) note(k, 'missing in fold', null, byKey.get(k)!.oee);
  return { shifts: fold.length, mismatches, mismatchCount };
}

/** The server's report per shift for every line, in the baseline's shape. */
async function foldShiftOee(database: TaktDatabase, o: OeeBenchOptions, window: { from: Date; to: Date }): Promise<ShiftFigures[]> {
  const out: ShiftFigures[] = [];
  for (let i = 0; i < o.lines; i += 1) {
    const lineId = lineIdOf(i);
    const report = await lineOee(database.db, { lineId, from: window.from, to: window.to, asOf: window.to });
    // Shifts of days without production (weekends are not in the model; holidays would be) have no parts to compare.
    for (const s of report.shifts) {
      if (s.totalCount === 0) continue;
      out.push({ lineId, date: s.date, shiftId: s.shiftId, plannedSeconds: s.plannedSeconds, downtimeSeconds: s.downtimeSeconds, microStops: s.microStops, totalCount: s.totalCount, bookedScrap: s.bookedScrap, idealSeconds: s.idealSeconds, availability: s.availability!, performance: s.performance!, quality: s.quality!, oee: s.oee! });
    }
  }
  return out.sort((a, b) => a.lineId.localeCompare(b.lineId) || a.date.localeCompare(b.date) || a.shiftId.localeCompare(b.shiftId));
}

/** Seeds `database` and measures both methods on it; `database` must be freshly migrated. */
export async function measureOnDatabase(database: TaktDatabase, o: OeeBenchOptions): Promise<DialectResult> {
  const t0 = performance.now();
  const seeded = await seedOeeYear(database, { lines: o.lines, days: o.days, seed: SEED });
  const seedSeconds = (performance.now() - t0) / 1000;
  const window = { from: new Date(BENCH_YEAR_START), to: new Date(BENCH_YEAR_START + o.days * 86_400_000) };
  const foldMs: number[] = [];
  const sqlMs: number[] = [];
  let agreement: Agreement | null = null;
  let fold: ShiftFigures[] = [];
  for (let run = 0; run < o.runs; run += 1) {
    let t = performance.now();
    fold = await foldShiftOee(database, o, window);
    foldMs.push(performance.now() - t);
    t = performance.now();
    const baseline = await sqlShiftOee(database, { from: window.from.toISOString(), to: window.to.toISOString() }, MICRO_STOP_SECONDS);
    sqlMs.push(performance.now() - t);
    agreement ??= compareShifts(fold, baseline);
  }
  return {
    dialect: database.dialect,
    events: seeded.events,
    byType: seeded.byType,
    seedSeconds: round(seedSeconds, 1),
    foldMs: foldMs.map((m) => round(m)),
    sqlMs: sqlMs.map((m) => round(m)),
    foldMedianMs: round(median(foldMs)),
    sqlMedianMs: round(median(sqlMs)),
    ratio: round(median(foldMs) / median(sqlMs), 2),
    agreement: agreement!,
    totals: {
      shifts: fold.length,
      parts: fold.reduce((n, s) => n + s.totalCount, 0),
      scrap: fold.reduce((n, s) => n + s.bookedScrap, 0),
      downtimeHours: round(fold.reduce((n, s) => n + s.downtimeSeconds, 0) / 3600, 1),
      microStops: fold.reduce((n, s) => n + s.microStops, 0),
      meanOee: round(fold.reduce((n, s) => n + s.oee, 0) / Math.max(1, fold.length), 4),
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function onFreshDatabase<T>(dialect: TaktDatabase['dialect'], fn: (database: TaktDatabase) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'takt-bench-oee-'));
  const schema = `takt_bench_oee_${process.pid}`;
  let databaseUrl: string | undefined;
  if (dialect === 'postgres') {
    await adminQuery(`CREATE SCHEMA ${schema}`);
    const parsed = new URL(PG_URL);
    parsed.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = parsed.toString();
  }
  // A year's read takes longer than the server's 10 s statement limit for one request.
  const database = openDatabase({ dataDir, databaseUrl, statementTimeoutMs: 600_000 });
  try {
    await migrateToLatest(database.db, database.dialect);
    return await fn(database);
  } finally {
    await database.close();
    if (dialect === 'postgres') await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const i = process.argv.indexOf(`--${name}`);
  const raw = arg?.slice(name.length + 3) ?? (i >= 0 ? process.argv[i + 1] : undefined) ?? env[`BENCH_OEE_${name.toUpperCase()}`];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1, not ${raw}`);
  return n;
}

function print(r: DialectResult, o: OeeBenchOptions): void {
  const a = r.agreement;
  console.log(
    `${r.dialect}: ${r.events.toLocaleString('en')} events (${o.lines} lines × ${o.days} days), seeded in ${r.seedSeconds} s; ` +
      `OEE per shift for every line: server fold ${r.foldMedianMs} ms, plain SQL GROUP BY ${r.sqlMedianMs} ms, fold / SQL ${r.ratio}× (medians of ${o.runs}); ` +
      `${a.shifts} shifts (${r.totals.parts.toLocaleString('en')} parts, ${r.totals.downtimeHours} h down, ${r.totals.microStops.toLocaleString('en')} micro-stops, mean OEE ${round(r.totals.meanOee * 100, 1)} %), ${a.mismatchCount === 0 ? 'all agree' : `${a.mismatchCount} disagreements, e.g. ${JSON.stringify(a.mismatches.slice(0, 3))}`}`,
  );
}

function printLive(l: LiveFigures): void {
  console.log(
    `live, 1 cycle/s over an early shift (${l.cycles} cycles): fold + shift figures per cycle (running index) p50 ${l.updateMs.p50} ms, p99 ${l.updateMs.p99} ms, max ${l.updateMs.max} ms wall ` +
      `(CPU p50 ${l.updateCpuMs.p50} ms, p99 ${l.updateCpuMs.p99} ms); ${l.overBudget} of ${l.cycles} over the ${FRAME_BUDGET_MS} ms frame; ` +
      `full index of the grown fold p50 ${l.reindexMs.p50} ms, p99 ${l.reindexMs.p99} ms; refold from scratch p50 ${l.baselineMs.p50} ms, p99 ${l.baselineMs.p99} ms (${l.baselineSamples} samples), ${l.ratio}× the live update (medians)`,
  );
}

function printChromium(c: ChromiumLiveFigures): void {
  const line = (name: string, m: ModeFigures) =>
    `  ${name}: per update p50 ${m.updateMs.p50} ms, p99 ${m.updateMs.p99} ms, max ${m.updateMs.max} ms (first tenth p50 ${m.firstTenthP50} ms, last tenth ${m.lastTenthP50} ms); ` +
    `${m.lateFrames} late frames (${m.droppedFrames} dropped) of ${m.updates}; ${m.longTasks} long tasks (${m.longTaskMs} ms)`;
  console.log(`live in Chromium, 1 cycle/s simulated, ${c.options.every === 1 ? 'one cycle' : `${c.options.every} cycles`} per frame, fold + view + React commit, then paint (${c.options.runs} run${c.options.runs > 1 ? 's' : ''}):`);
  console.log(line('running index', c.live));
  console.log(line('full recompute', c.recompute));
  console.log(`  full recompute / running index: p50 ${c.ratioP50}×, p99 ${c.ratioP99}×; both end at OEE ${c.live.finalOee}`);
}

async function runLive(): Promise<{ live: LiveFigures; chromium: ChromiumLiveFigures }> {
  const cycles = option('live-cycles', 28_800);
  const live = measureLiveUpdates(SEED, { cycles });
  printLive(live);
  const chromium = await measureLiveInChromium(SEED, { cycles, every: option('live-every', 1), runs: option('live-runs', 1) });
  printChromium(chromium);
  return { live, chromium };
}

/** The year's figures of the last full run, kept when `--live-only` rewrites the results file (they took an hour to measure). */
function lastYearFigures(): unknown {
  const file = new URL('./results/oee.json', import.meta.url);
  if (!existsSync(file)) return undefined;
  const last = JSON.parse(readFileSync(file, 'utf8')) as { at?: string; result?: { results?: unknown; skipped?: unknown; year?: unknown } };
  if (last.result?.year) return last.result.year;
  return last.result?.results ? { at: last.at, results: last.result.results, skipped: last.result.skipped } : undefined;
}

export async function run(): Promise<unknown> {
  if (process.argv.includes('--live-only')) return { settings: { seed: SEED, liveOnly: true }, year: lastYearFigures(), ...(await runLive()) };
  const o: OeeBenchOptions = { lines: option('lines', 20), days: option('days', 365), runs: option('runs', 3) };
  const results: DialectResult[] = [];
  const skipped: { dialect: string; reason: string }[] = [];
  results.push(await onFreshDatabase('sqlite', (db) => measureOnDatabase(db, o)));
  print(results[0]!, o);
  const unreachable = await adminQuery('SELECT 1').then(
    () => undefined,
    (err: unknown) => (err instanceof Error ? err.message : String(err)),
  );
  if (unreachable) {
    console.log(`PostgreSQL at ${new URL(PG_URL).host} unreachable (${unreachable}); skipping it`);
    skipped.push({ dialect: 'postgres', reason: unreachable });
  } else if (env.BENCH_OEE_POSTGRES !== '0') {
    results.push(await onFreshDatabase('postgres', (db) => measureOnDatabase(db, o)));
    print(results.at(-1)!, o);
  }
  const { live, chromium } = await runLive();
  for (const r of results) if (r.agreement.mismatchCount > 0) process.exitCode = 1;
  return { settings: { ...o, seed: SEED, cycleSeconds: 30, batchSeconds: 60, microStopSeconds: MICRO_STOP_SECONDS }, results, skipped, live, chromium };
}
