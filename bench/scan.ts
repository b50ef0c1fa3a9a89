/**
 * `npm run bench -- scan`: time from a scan's last byte at the host to the
 * verdict painted on screen, in real Chromium, with 1 000 000 events in the
 * terminal's journal and 10 000 orders in its master-data cache (issue 8).
 *
 * The real stack (test/e2e/support/stack.ts): server with the demo plant, the
 * browser host, a socat scanner; the renderer built into a private folder.
 * Each scan is a housing batch label (GS1-128) written to the scanner's pty
 * while an order runs: the material check, a MaterialLoaded in the journal
 * (strict durability), the OK "batch change" verdict on screen. One scan at a
 * time, the next after the verdict plus a short pause.
 *
 * Clock: the host stamps `lastByteAt` (performance.timeOrigin + now(), epoch
 * ms) when the chunk with the scan's last byte arrives; the renderer marks
 * `takt:verdict-painted` in the task after the frame that painted the verdict
 * (layout effect → rAF → setTimeout 0). Both are epoch ms of one machine.
 *
 * Baseline, same run, same stack, same scans: the terminal before the load —
 * an empty journal and the demo plant's 3 orders of the line. Then 10 000
 * orders are imported at the server and pulled by the terminal, 1 000 000
 * events of finished orders are written into its journal (marked as synced;
 * the server's cursor is set to match), the page reloads (a terminal
 * restart), and the same scans run again on another demo order: once at
 * once ("cold": no journal snapshot covers the history yet, the terminal
 * folds it in the background), and once the terminal's own snapshot covers
 * it (the steady state of a terminal in service, the headline figure).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { DEMO_BADGES, DEMO_HOUSING_GTIN, DEMO_ORDERS } from '../server/demo/demo-data';
import { launchChromium } from '../test/e2e/support/browser';
import { ROOT, takt } from '../test/e2e/support/processes';
import { startStack, type Stack } from '../test/e2e/support/stack';
import { breakdown, breakdownTable, STAGE_OBSERVER, type StageMarks, type StageRow } from './scan-breakdown';
import { lineOrders, seedJournal } from './scan-seed';
import { summarize } from './support/stats';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
const ORDERS = Number(process.env['BENCH_ORDERS'] ?? 10_000);
const SCANS = Number(process.env['BENCH_SCANS'] ?? 200);
/** The first scans of each run warm up the JIT and caches; they are not counted. */
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 10);
/** Each run stops after this long even if not all scans were made. */
const RUN_BUDGET_MS = Number(process.env['BENCH_RUN_BUDGET_MS'] ?? 120_000);
/** An operator does not scan faster than this after a verdict. */
const PAUSE_MS = 50;
const TERMINAL = 'T-L1-01';
const T = 60_000;
const GS = '\x1d';
const RS = '\x1e';
const EOT = '\x04';

const housing = (batch: string) => `]C101${DEMO_HOUSING_GTIN}10${batch}${GS}17301231`;
const LOAD_ORDER = [housing('H-START'), `[)>${RS}06${GS}P100-0410${GS}1TS-77${RS}${EOT}`, 'PCB7-A0815', 'SEAL-004711'];

/** Collects every scan-received and verdict-painted mark, on every page load, before the app's own scripts run. */
const OBSERVER = `(() => {
  globalThis.__name ??= (fn) => fn;
  const seen = { scans: [], verdicts: [] };
  Object.defineProperty(window, '__taktBench', { value: seen });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const rec = { at: performance.timeOrigin + e.startTime, detail: e.detail };
      if (e.name === 'takt:scan-received') seen.scans.push(rec);
      else if (e.name === 'takt:verdict-painted') seen.verdicts.push(rec);
    }
  }).observe({ type: 'mark' });
})();`;

interface Mark {
  at: number;
  detail: { lastByteAt?: number | null; serial?: number; tone?: string };
}
interface Sample {
  /** last byte at the host → verdict painted */
  paintedMs: number;
  /** last byte at the host → scan event in the renderer */
  transportMs: number;
  /** the bench wrote the scan to the pty → verdict painted (a cross-check of the host's stamp) */
  writeToPaintMs: number;
}

const epochNow = () => performance.timeOrigin + performance.now();
const marks = (page: Page) => page.evaluate(() => (window as unknown as { __taktBench: { scans: Mark[]; verdicts: Mark[] } }).__taktBench);
const markCount = (page: Page) => page.evaluate(() => (window as unknown as { __taktBench: { verdicts: unknown[] } }).__taktBench.verdicts.length);

async function waitForVerdictCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => (window as unknown as { __taktBench: { verdicts: unknown[] } }).__taktBench.verdicts.length >= n, count, { polling: 10, timeout: T });
}

async function logIn(page: Page, stack: Stack, bootTimeout = T): Promise<void> {
  await page.getByTestId('login-screen').waitFor({ timeout: bootTimeout });
  await page.locator('[data-testid="scanner-state"][data-state="connected"]').waitFor({ timeout: T });
  // Until the first pull has brought the operators the terminal asks for another scan.
  const deadline = Date.now() + T;
  for (;;) {
    stack.scan(DEMO_BADGES.anna);
    const inside = await page.getByTestId('order-screen').waitFor({ timeout: 2_000 }).then(() => true, () => false);
    if (inside) return;
    if (Date.now() > deadline) throw new Error('login did not succeed');
  }
}

/** Opens the order (waiting for the journal fold), loads its four materials and starts it. */
async function startOrderRunning(page: Page, stack: Stack, orderId: string): Promise<{ openMs: number }> {
  const t0 = Date.now();
  await page.getByTestId(`open-${orderId}`).click({ timeout: T });
  await page.locator('[data-testid="wf-start"]:not([disabled])').waitFor({ timeout: 10 * T });
  const openMs = Date.now() - t0;
  for (const raw of LOAD_ORDER) {
    const before = await markCount(page);
    stack.scan(raw);
    await waitForVerdictCount(page, before + 1);
  }
  const before = await markCount(page);
  await page.getByTestId('wf-start').click({ timeout: T });
  await waitForVerdictCount(page, before + 1);
  await page.locator('[data-testid="order-detail"][data-status="started"]').waitFor({ timeout: T });
  return { openMs };
}

const stageMarks = (page: Page) => page.evaluate(() => (window as unknown as { __taktStages: StageMarks }).__taktStages);

/** Scans batch labels one at a time; pairs each scan mark with its verdict mark, and each with its stage marks. */
async function scanRun(page: Page, stack: Stack, prefix: string): Promise<Sample[] & { stages?: StageRow[] }> {
  await new Promise((r) => setTimeout(r, 500)); // let the start verdict's own work settle
  const start = await marks(page);
  const stageOffsets = Object.fromEntries(Object.entries(await stageMarks(page)).map(([name, at]) => [name, at.length]));
  const scanOffset = start.scans.length;
  const verdictOffset = start.verdicts.length;
  const writes: number[] = [];
  const deadline = Date.now() + RUN_BUDGET_MS;
  for (let i = 0; i < SCANS && Date.now() < deadline; i++) {
    writes.push(epochNow());
    stack.scan(housing(`${prefix}-${String(i).padStart(5, '0')}`));
    await waitForVerdictCount(page, verdictOffset + i + 1);
    await new Promise((r) => setTimeout(r, PAUSE_MS));
  }
  const all = await marks(page);
  const scans = all.scans.slice(scanOffset);
  const verdicts = all.verdicts.slice(verdictOffset);
  if (scans.length !== writes.length || verdicts.length !== writes.length) {
    throw new Error(`${prefix}: ${writes.length} scans written, ${scans.length} received, ${verdicts.length} verdicts painted`);
  }
  const samples: Sample[] & { stages?: StageRow[] } = writes.map((written, i) => {
    const scan = scans[i]!;
    const verdict = verdicts[i]!;
    if (verdict.detail.tone !== 'ok') throw new Error(`${prefix}: scan ${i} got a ${String(verdict.detail.tone)} verdict`);
    const lastByteAt = scan.detail.lastByteAt;
    if (typeof lastByteAt !== 'number') throw new Error(`${prefix}: scan ${i} carries no lastByteAt`);
    return { paintedMs: verdict.at - lastByteAt, transportMs: scan.at - lastByteAt, writeToPaintMs: verdict.at - written };
  });
  const paths = scans.map((scan, i) => ({ lastByteAt: scan.detail.lastByteAt as number, received: scan.at, painted: verdicts[i]!.at }));
  samples.stages = breakdown(paths, await stageMarks(page), stageOffsets, WARMUP);
  return samples;
}

const stats = (values: readonly number[]) => {
  const { p50, p90, p99, max } = summarize(values, 2);
  return { p50, p90, p99, max };
};

function summary(samples: readonly Sample[]) {
  const counted = samples.slice(WARMUP);
  return {
    scans: counted.length,
    painted: stats(counted.map((s) => s.paintedMs)),
    transport: stats(counted.map((s) => s.transportMs)),
    writeToPaint: stats(counted.map((s) => s.writeToPaintMs)),
  };
}

type IdbQuery = { db: string; store: string; op: 'countIndex' | 'get' | 'maxKey'; arg?: string };

/** One read of the page's IndexedDB, by hand (the app's Dexie is not reachable from here); a missing store reads as undefined. */
function readIdb(page: Page, query: IdbQuery): Promise<unknown> {
  return page.evaluate(
    (q) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open(q.db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(q.store)) {
            db.close();
            resolve(undefined);
            return;
          }
          const store = db.transaction(q.store, 'readonly').objectStore(q.store);
          const req: IDBRequest = q.op === 'countIndex' ? store.index('kind').count(q.arg) : q.op === 'get' ? store.get(q.arg ?? '') : store.getAllKeys();
          req.onsuccess = () => {
            resolve(q.op === 'maxKey' ? Math.max(0, ...(req.result as number[])) : req.result);
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    query,
  );
}

const countCachedOrders = async (page: Page) => Number(await readIdb(page, { db: `takt-cache-${TERMINAL}`, store: 'master', op: 'countIndex', arg: 'order' }));

async function journalHead(page: Page): Promise<number> {
  const row = (await readIdb(page, { db: `takt-journal-${TERMINAL}`, store: 'meta', op: 'get', arg: 'nextSeq' })) as { value?: unknown } | undefined;
  return typeof row?.value === 'number' ? row.value - 1 : 0;
}

/** The seq the terminal's latest journal snapshot covers (0 without one). */
const snapshotSeq = async (page: Page) => Number((await readIdb(page, { db: `takt-journal-${TERMINAL}`, store: 'snapshots', op: 'maxKey' })) ?? 0);

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 2 * T): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

export async function run(): Promise<unknown> {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'takt-bench-scan-'));
  const staticDir = join(work, 'renderer');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: staticDir, emptyOutDir: true } });
  const stack = await startStack(TERMINAL, 'L1', { hostEnv: { TAKT_STATIC_DIR: staticDir } });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.addInitScript(OBSERVER);
    await page.addInitScript(STAGE_OBSERVER);
    await page.goto(stack.hostUrl);

    // Baseline: empty journal, the demo plant's orders.
    await logIn(page, stack);
    const baselineOrders = await countCachedOrders(page);
    const baselineOpen = await startOrderRunning(page, stack, DEMO_ORDERS.L1[0]);
    const baseline = await scanRun(page, stack, 'HB');
    console.log(`baseline: ${baseline.length} scans (journal ≈ ${await journalHead(page)} events, ${baselineOrders} orders cached)`);

    // The load: 10 000 orders through the server, 1 000 000 journal events, a restart.
    await page.getByTestId('wf-back').click({ timeout: T });
    await waitFor('the baseline events to sync', async () => (await page.getByTestId('sync-pending').textContent()) === '0');
    const serverEnv = { TAKT_DATA_DIR: join(stack.dir, 'server'), TAKT_LOG_LEVEL: 'silent' };
    const ordersFile = join(work, 'orders.json');
    writeFileSync(ordersFile, JSON.stringify(lineOrders(ORDERS, new Date())));
    const tImport = Date.now();
    await takt(['import', 'order', ordersFile, '--json'], serverEnv);
    await waitFor('the terminal to pull the orders', async () => (await countCachedOrders(page)) >= baselineOrders + ORDERS);
    const pullMs = Date.now() - tImport;

    const firstSeq = (await journalHead(page)) + 1;
    const seeded = await seedJournal(page, {
      dbName: `takt-journal-${TERMINAL}`,
      terminalId: TERMINAL,
      firstSeq,
      count: EVENTS,
      // Within the retention window (30 days), so nothing is pruned while the scans run.
      startMs: Date.now() - EVENTS * 1000 - 3_600_000,
    });
    // The seeded history counts as synced: the server's cursor for this terminal moves past it.
    const sqlite = new Database(join(stack.dir, 'server', 'takt.sqlite'));
    try {
      sqlite.pragma('busy_timeout = 5000');
      sqlite.prepare('UPDATE terminals SET last_seq = ? WHERE id = ?').run(seeded.head, TERMINAL);
    } finally {
      sqlite.close();
    }
    console.log(`seeded ${EVENTS.toLocaleString('en-US')} events (${seeded.orders} past orders, ${seeded.containers} containers) in ${ms(seeded.ms)}; ${ORDERS} orders imported and pulled in ${pullMs} ms`);

    const tReload = Date.now();
    await page.reload();
    // The first start over a history the host's journal copy lacks (seeded straight into IndexedDB, as an update to a
    // version with the copy finds it) copies what no snapshot covers before the login screen shows: minutes at 1 M.
    await logIn(page, stack, 15 * T);
    const reloadMs = Date.now() - tReload;
    const loadedOrders = await countCachedOrders(page);
    // Cold: right after the restart, before any snapshot covers the history (the terminal takes one in the background).
    const coldOpen = await startOrderRunning(page, stack, DEMO_ORDERS.L1[1]);
    const cold = await scanRun(page, stack, 'HC');
    // Steady state: once the terminal's own journal snapshot covers the history, as on a terminal in service.
    const tSnapshot = Date.now();
    await waitFor('the journal snapshot to cover the history', async () => (await snapshotSeq(page)) >= seeded.head, 10 * T);
    const snapshotWaitMs = Date.now() - tSnapshot;
    await page.getByTestId('wf-back').click({ timeout: T });
    const loadedOpen = await startOrderRunning(page, stack, DEMO_ORDERS.L1[2]);
    const loaded = await scanRun(page, stack, 'HL');
    const head = await journalHead(page);

    console.log(breakdownTable('scan path, baseline (medians and p99 per stage)', baseline.stages ?? []));
    console.log(breakdownTable('scan path, cold (after the restart)', cold.stages ?? []));
    console.log(breakdownTable('scan path, loaded (steady state)', loaded.stages ?? []));
    const base = summary(baseline);
    const load = summary(loaded);
    const coldSummary = summary(cold);
    const result = {
      journalEvents: head,
      cachedOrders: loadedOrders,
      scansPerRun: SCANS,
      warmupScans: WARMUP,
      pauseAfterVerdictMs: PAUSE_MS,
      scan: 'GS1-128 housing batch label (AIM ]C1, GTIN, batch, expiry) on a running order: material check, MaterialLoaded journalled, OK verdict',
      loaded: { name: 'steady state: the journal snapshot covers the seeded history', ...load, openOrderMs: loadedOpen.openMs },
      loadedCold: {
        name: 'right after the restart, no snapshot yet: the order screen folds 1 M events, the terminal snapshots them in the background',
        ...coldSummary,
        openOrderMs: coldOpen.openMs,
        restartToLoginMs: reloadMs,
        snapshotReadyAfterColdRunMs: snapshotWaitMs,
      },
      baseline: { name: 'same terminal before the load: empty journal, the demo line’s 3 orders', cachedOrders: baselineOrders, ...base, openOrderMs: baselineOpen.openMs },
      ratio: { p50: +(load.painted.p50 / base.painted.p50).toFixed(2), p99: +(load.painted.p99 / base.painted.p99).toFixed(2) },
      stages: { baseline: baseline.stages, cold: cold.stages, loaded: loaded.stages },
      seeding: { journalMs: Math.round(seeded.ms), ordersImportAndPullMs: pullMs },
      totalMs: Date.now() - started,
    };
    console.log(`${head.toLocaleString('en-US')} journal events, ${loadedOrders.toLocaleString('en-US')} cached orders; ${load.scans} scans counted per run after ${WARMUP} warm-up`);
    console.log(`loaded   last byte → verdict painted  p50 ${ms(load.painted.p50)}  p90 ${ms(load.painted.p90)}  p99 ${ms(load.painted.p99)}  max ${ms(load.painted.max)}`);
    console.log(`baseline last byte → verdict painted  p50 ${ms(base.painted.p50)}  p90 ${ms(base.painted.p90)}  p99 ${ms(base.painted.p99)}  max ${ms(base.painted.max)}  (${result.baseline.name})`);
    console.log(`loaded / baseline: p50 ${result.ratio.p50}×, p99 ${result.ratio.p99}×`);
    console.log(`host → renderer: loaded p50 ${ms(load.transport.p50)}, baseline p50 ${ms(base.transport.p50)}; pty write → painted: loaded p50 ${ms(load.writeToPaint.p50)}, baseline p50 ${ms(base.writeToPaint.p50)}`);
    console.log(
      `cold (after the restart, no snapshot yet) last byte → verdict painted  p50 ${ms(coldSummary.painted.p50)}  p90 ${ms(coldSummary.painted.p90)}  p99 ${ms(coldSummary.painted.p99)}  max ${ms(coldSummary.painted.max)}`,
    );
    console.log(`opening an order: loaded ${loadedOpen.openMs} ms (from the snapshot), cold ${coldOpen.openMs} ms (full fold), baseline ${baselineOpen.openMs} ms; restart to order list ${reloadMs} ms; snapshot ready ${snapshotWaitMs} ms after the cold run`);
    const previous = previousLoaded();
    if (previous) {
      console.log(
        `previous recorded run (${previous.at}): loaded p50 ${ms(previous.p50)} p99 ${ms(previous.p99)}; now p50 ${ms(load.painted.p50)} p99 ${ms(load.painted.p99)} (${(load.painted.p99 / previous.p99).toFixed(2)}× at p99)`,
      );
    }
    return { ...result, previous };
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The steady-state figure of the last recorded run (bench/results/scan.json,
 * committed), printed beside today's: a change to the booking path, such as
 * the host's second journal copy, shows its cost against the figure before it.
 */
function previousLoaded(): { at: string; p50: number; p99: number } | null {
  const file = join(ROOT, 'bench', 'results', 'scan.json');
  if (!existsSync(file)) return null;
  try {
    const old = JSON.parse(readFileSync(file, 'utf8')) as { at: string; result: { loaded: { painted: { p50: number; p99: number } } } };
    return { at: old.at, p50: old.result.loaded.painted.p50, p99: old.result.loaded.painted.p99 };
  } catch {
    return null;
  }
}
