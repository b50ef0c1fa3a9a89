/**
 * `npm run bench -- scan`: time from a scan's last byte at the host to the
 * verdict painted on screen, in real Chromium, with 1 000 000 events in the
 * terminal's journal and 10 000 orders in its master-data cache.
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
 *
 * The steady state runs as an A/B of the host's journal copy (bench/scan-ab.ts):
 * BENCH_AB_ROUNDS rounds, alternating the copy's durable write on (A, the
 * product) and answered from memory (B), so the machine's load hits both alike;
 * p50/p90/p99 of each and A/B are printed. The headline "loaded" figure is A's.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { DEMO_ORDERS } from '../server/demo/demo-data';
import { launchChromium } from '../test/e2e/support/browser';
import { ROOT, takt } from '../test/e2e/support/processes';
import { startStack, type Stack } from '../test/e2e/support/stack';
import { BENCH_COPY_SWITCH_ENV } from '../electron/host/bench-journal-copy-switch';
import { abLines, abRounds } from './scan-ab';
import { breakdownTable, STAGE_OBSERVER } from './scan-breakdown';
import { journalReads, logIn, OBSERVER, scanRun as runScans, startOrderRunning, T, waitFor, type Sample } from './scan-page';
import { lineOrders, seedJournal } from './scan-seed';
import { summarize } from './support/stats';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
const ORDERS = Number(process.env['BENCH_ORDERS'] ?? 10_000);
const SCANS = Number(process.env['BENCH_SCANS'] ?? 200);
/** The first scans of each run warm up the JIT and caches; they are not counted. */
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 10);
/** Each run stops after this long even if not all scans were made. */
const RUN_BUDGET_MS = Number(process.env['BENCH_RUN_BUDGET_MS'] ?? 120_000);
/** The loaded terminal's scans come in this many rounds, host copy durable and not, alternating (bench/scan-ab.ts). */
const AB_ROUNDS = Math.max(2, Number(process.env['BENCH_AB_ROUNDS'] ?? 10));
const SCANS_PER_ROUND = Math.ceil(SCANS / Math.ceil(AB_ROUNDS / 2));
/** An operator does not scan faster than this after a verdict. */
const PAUSE_MS = 50;
const TERMINAL = 'T-L1-01';

const stats = (values: readonly number[]) => {
  const { p50, p90, p99, max } = summarize(values, 2);
  return { p50, p90, p99, max };
};

function summary(samples: readonly Sample[], warmup = WARMUP) {
  const counted = samples.slice(warmup);
  return {
    scans: counted.length,
    painted: stats(counted.map((s) => s.paintedMs)),
    transport: stats(counted.map((s) => s.transportMs)),
    writeToPaint: stats(counted.map((s) => s.writeToPaintMs)),
  };
}

const { countCachedOrders, journalHead, snapshotSeq } = journalReads(TERMINAL);
const scanRun = (page: Page, stack: Stack, prefix: string) => runScans(page, stack, prefix, { scans: SCANS, budgetMs: RUN_BUDGET_MS, pauseMs: PAUSE_MS, warmup: WARMUP });

const ms = (v: number) => `${v.toFixed(1)} ms`;

export async function run(): Promise<unknown> {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'takt-bench-scan-'));
  const staticDir = join(work, 'renderer');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: staticDir, emptyOutDir: true } });
  // The host copy's bench switch (A/B of its durable write), driven over the host's stdin; durable unless switched.
  const stack = await startStack(TERMINAL, 'L1', { hostEnv: { TAKT_STATIC_DIR: staticDir, [BENCH_COPY_SWITCH_ENV]: '1' } });
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
    await runScans(page, stack, 'HW', { scans: WARMUP, budgetMs: RUN_BUDGET_MS, pauseMs: PAUSE_MS, warmup: WARMUP });
    const { ab, copyOnSamples: loaded } = await abRounds(page, stack, runScans, { rounds: AB_ROUNDS, scansPerRound: SCANS_PER_ROUND, limits: { budgetMs: RUN_BUDGET_MS, pauseMs: PAUSE_MS } });
    const head = await journalHead(page);

    console.log(breakdownTable('scan path, baseline (medians and p99 per stage)', baseline.stages ?? []));
    console.log(breakdownTable('scan path, cold (after the restart)', cold.stages ?? []));
    console.log(breakdownTable('scan path, loaded (steady state), A: host copy durable', ab.copyOn.stages));
    console.log(breakdownTable('scan path, loaded (steady state), B: host copy answered from memory', ab.copyOff.stages));
    const base = summary(baseline);
    const load = summary(loaded, 0);
    const coldSummary = summary(cold);
    const result = {
      journalEvents: head,
      cachedOrders: loadedOrders,
      scansPerRun: SCANS,
      warmupScans: WARMUP,
      pauseAfterVerdictMs: PAUSE_MS,
      scan: 'GS1-128 housing batch label (AIM ]C1, GTIN, batch, expiry) on a running order: material check, MaterialLoaded journalled, OK verdict',
      loaded: { name: 'steady state: the journal snapshot covers the seeded history (A rounds: host copy durable)', ...load, openOrderMs: loadedOpen.openMs },
      hostCopyAB: ab,
      loadedCold: {
        name: 'right after the restart, no snapshot yet: the order screen folds 1 M events, the terminal snapshots them in the background',
        ...coldSummary,
        openOrderMs: coldOpen.openMs,
        restartToLoginMs: reloadMs,
        snapshotReadyAfterColdRunMs: snapshotWaitMs,
      },
      baseline: { name: 'same terminal before the load: empty journal, the demo line’s 3 orders', cachedOrders: baselineOrders, ...base, openOrderMs: baselineOpen.openMs },
      ratio: { p50: +(load.painted.p50 / base.painted.p50).toFixed(2), p99: +(load.painted.p99 / base.painted.p99).toFixed(2) },
      stages: { baseline: baseline.stages, cold: cold.stages, loaded: ab.copyOn.stages, loadedCopyOff: ab.copyOff.stages },
      seeding: { journalMs: Math.round(seeded.ms), ordersImportAndPullMs: pullMs },
      totalMs: Date.now() - started,
    };
    console.log(`${head.toLocaleString('en-US')} journal events, ${loadedOrders.toLocaleString('en-US')} cached orders; ${base.scans} scans counted per run after ${WARMUP} warm-up (loaded: ${load.scans} per variant)`);
    console.log(`loaded   last byte → verdict painted  p50 ${ms(load.painted.p50)}  p90 ${ms(load.painted.p90)}  p99 ${ms(load.painted.p99)}  max ${ms(load.painted.max)}`);
    console.log(`baseline last byte → verdict painted  p50 ${ms(base.painted.p50)}  p90 ${ms(base.painted.p90)}  p99 ${ms(base.painted.p99)}  max ${ms(base.painted.max)}  (${result.baseline.name})`);
    console.log(`loaded / baseline: p50 ${result.ratio.p50}×, p99 ${result.ratio.p99}×`);
    for (const line of abLines(ab)) console.log(line);
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
