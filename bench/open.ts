/**
 * `npm run bench -- open`: the first order opened after an update, with a
 * large journal that no snapshot covers yet, in real Chromium over the real
 * stack (server, browser host, socat scanner; the renderer built privately).
 *
 * Each round is an update that changed the snapshot's version: the page is
 * reloaded, Anna logs in and opens a demo order, in three ways in the same run:
 *
 * - upgrade (now): the stored snapshot is the one the version before wrote
 *   (bench/support/open-snapshots.ts); the sync worker reads and upgrades it
 *   (shared/journal-snapshot-upgrade.ts), folds the few events after it and
 *   hands the production part over in pieces.
 * - worker (no upgrade step, the previous path): the snapshots are cleared,
 *   as an update without a step from the stored version leaves them
 *   unreadable; the sync worker folds the whole journal into a fresh snapshot.
 * - ui-thread (the old path, the baseline): snapshots cleared and `Worker`
 *   hidden from the page, so the sync loop and the fold run on the UI thread.
 *
 * Measured in the page: order list shown → click → the order on screen →
 * usable (its buttons enabled), and the longest main-thread block (Long
 * Tasks API) from the order list shown until usable. BENCH_OPEN_EVENTS
 * bounds the journal (default 1 000 000), BENCH_OPEN_ROUNDS the rounds,
 * BENCH_OPEN_MODES which ways (comma-separated; upgrade needs worker before
 * it). BENCH_OPEN_TRACE names a folder for a Chromium trace of each round,
 * reload to usable; bench/support/trace-long-tasks.ts says what its long
 * tasks were made of.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { DEMO_BADGES, DEMO_ORDERS } from '../server/demo/demo-data';
import { launchChromium } from '../test/e2e/support/browser';
import { ROOT } from '../test/e2e/support/processes';
import { startStack, type Stack } from '../test/e2e/support/stack';
import { seedJournal } from './scan-seed';
import { clearSnapshots, snapshotsAsVersion1, storedSnapshot } from './support/open-snapshots';
import { median, round } from './support/stats';
import { LIST_SHOWN_MARK } from './support/trace-long-tasks';

const EVENTS = Number(process.env['BENCH_OPEN_EVENTS'] ?? 1_000_000);
const ROUNDS = Number(process.env['BENCH_OPEN_ROUNDS'] ?? 3);
const TERMINAL = 'T-L1-01';
const JOURNAL_DB = `takt-journal-${TERMINAL}`;
const T = 60_000;
const TRACE_DIR = process.env['BENCH_OPEN_TRACE'];
/** What a trace needs to say what a long task ran: the tasks, their nested events, and CPU samples. */
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.gc'];

/** Every long task of the page, from its first script on. */
const LONG_TASKS = `(() => {
  globalThis.__name ??= (fn) => fn; // tsx names the functions the bench hands to page.evaluate
  const seen = [];
  Object.defineProperty(window, '__taktLongTasks', { value: seen });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
})();`;
/** The old path, when the round asks for it: no Worker in the page, so the sync loop (and every fold) runs on the UI thread. */
const MODE_KEY = 'takt-bench-open-mode';
const NO_WORKER_IF_ASKED = `if (sessionStorage.getItem('${MODE_KEY}') === 'ui-thread') Object.defineProperty(window, 'Worker', { value: undefined, configurable: true });`;

type Mode = 'upgrade' | 'worker' | 'ui-thread';
const ALL_MODES: readonly Mode[] = ['ui-thread', 'worker', 'upgrade'];
const MODES: readonly Mode[] = process.env['BENCH_OPEN_MODES'] ? ALL_MODES.filter((m) => process.env['BENCH_OPEN_MODES']?.split(',').includes(m)) : ALL_MODES;
interface Round {
  mode: Mode;
  /** click → the order detail in the DOM */
  shownMs: number;
  /** click → its buttons enabled (the fold applied) */
  usableMs: number;
  /** longest long task from the order list shown until usable */
  longestBlockMs: number;
  /** long tasks over 50 ms in that window */
  longTasks: number;
  /** upgrade: the old snapshot's size as JSON */
  snapshotBytes?: number;
}

/** Logs Anna in, unless the restored session already shows the order list. */
async function logIn(page: Page, stack: Stack): Promise<void> {
  await page.locator('[data-testid="login-screen"], [data-testid="order-screen"]').first().waitFor({ timeout: T });
  if (await page.getByTestId('order-screen').isVisible()) return;
  await page.locator('[data-testid="scanner-state"][data-state="connected"]').waitFor({ timeout: T });
  const deadline = Date.now() + T;
  for (;;) {
    stack.scan(DEMO_BADGES.anna);
    if (await page.getByTestId('order-screen').waitFor({ timeout: 2_000 }).then(() => true, () => false)) return;
    if (Date.now() > deadline) throw new Error('login did not succeed');
  }
}

/** Clicks "open" in the page and watches (every 5 ms) for the order, then for its buttons. */
function openAndMeasure(page: Page, orderId: string, listShownAt: number): Promise<Omit<Round, 'mode'>> {
  return page.evaluate(
    async ({ orderId, listShownAt }) => {
      const t0 = performance.now();
      (document.querySelector(`[data-testid="open-${orderId}"]`) as HTMLButtonElement).click();
      let shownAt = NaN;
      const usableAt = await new Promise<number>((resolve) => {
        const check = () => {
          if (Number.isNaN(shownAt) && document.querySelector('[data-testid="order-detail"]')) shownAt = performance.now();
          const button = document.querySelector('[data-testid="wf-trace-open"]') as HTMLButtonElement | null;
          if (button && !button.disabled && !document.querySelector('[data-testid="wf-loading-progress"]')) resolve(performance.now());
          else setTimeout(check, 5);
        };
        check();
      });
      // A long task is reported after it ended: give the observer a moment.
      await new Promise((r) => setTimeout(r, 100));
      const tasks = (window as unknown as { __taktLongTasks: { start: number; duration: number }[] }).__taktLongTasks.filter(
        (t) => t.start + t.duration >= listShownAt && t.start <= usableAt,
      );
      return {
        shownMs: shownAt - t0,
        usableMs: usableAt - t0,
        longestBlockMs: Math.max(0, ...tasks.map((t) => t.duration)),
        longTasks: tasks.length,
      };
    },
    { orderId, listShownAt },
  );
}

/**
 * One cold open: the app unloaded (a same-origin page without it, so no worker
 * writes meanwhile), the snapshots cleared or rewritten as the version before
 * wrote them (upgrade: the worker round before stored one at the head), the
 * mode set, the app loaded.
 */
async function coldOpen(page: Page, stack: Stack, appUrl: string, mode: Mode, trace: { browser: Browser; file: string } | null): Promise<Round> {
  await page.goto(new URL('/bench-idle', appUrl).href);
  const snapshotBytes = mode === 'upgrade' ? await snapshotsAsVersion1(page, JOURNAL_DB) : (await clearSnapshots(page, JOURNAL_DB), undefined);
  await page.evaluate(([key, value]) => sessionStorage.setItem(key, value), [MODE_KEY, mode] as const);
  if (trace) await trace.browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.goto(appUrl);
  await logIn(page, stack).catch(async (err: unknown) => {
    throw new Error(`${mode}: no login at ${page.url()}: ${(await page.locator('body').textContent())?.slice(0, 300)}`, { cause: err });
  });
  const listShownAt = await page.evaluate((mark) => performance.mark(mark).startTime, LIST_SHOWN_MARK);
  const measured = await openAndMeasure(page, DEMO_ORDERS.L1[0], listShownAt);
  if (trace) writeFileSync(trace.file, await trace.browser.stopTracing());
  return { mode, ...measured, ...(snapshotBytes === undefined ? {} : { snapshotBytes }) };
}

const fmt = (v: number) => `${round(v, 0).toLocaleString('en-US')} ms`;

export async function run(): Promise<unknown> {
  const work = mkdtempSync(join(tmpdir(), 'takt-bench-open-'));
  const staticDir = join(work, 'renderer');
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: staticDir, emptyOutDir: true, ...(TRACE_DIR ? { minify: false } : {}) } });
  const stack = await startStack(TERMINAL, 'L1', { hostEnv: { TAKT_STATIC_DIR: staticDir } });
  const browser = await launchChromium();
  if (TRACE_DIR) mkdirSync(TRACE_DIR, { recursive: true });
  try {
    const page = await browser.newPage();
    await page.addInitScript(LONG_TASKS);
    await page.addInitScript(NO_WORKER_IF_ASKED);
    await page.goto(stack.hostUrl);
    await logIn(page, stack);
    // The pairing code is spent; the page's own address (and its session cookie) loads the app again.
    const appUrl = page.url();
    const head = await page.evaluate((db) => new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(db);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const req = open.result.transaction('meta').objectStore('meta').get('nextSeq');
        req.onsuccess = () => {
          open.result.close();
          resolve(typeof req.result?.value === 'number' ? req.result.value - 1 : 0);
        };
      };
    }), JOURNAL_DB);
    const seeded = await seedJournal(page, { dbName: JOURNAL_DB, terminalId: TERMINAL, firstSeq: head + 1, count: EVENTS, startMs: Date.now() - EVENTS * 1000 - 3_600_000 });
    // The seeded history counts as synced: the server's cursor for this terminal moves past it.
    const sqlite = new Database(join(stack.dir, 'server', 'takt.sqlite'));
    try {
      sqlite.pragma('busy_timeout = 5000');
      sqlite.prepare('UPDATE terminals SET last_seq = ? WHERE id = ?').run(seeded.head, TERMINAL);
    } finally {
      sqlite.close();
    }
    console.log(`seeded ${EVENTS.toLocaleString('en-US')} journal events in ${fmt(seeded.ms)}; ${ROUNDS} rounds, each: snapshots cleared (or rewritten as version 1), reload, log in, open ${DEMO_ORDERS.L1[0]}`);

    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      for (const mode of MODES) {
        const trace = TRACE_DIR ? { browser, file: join(TRACE_DIR, `round-${i + 1}-${mode}.json`) } : null;
        const r = await coldOpen(page, stack, appUrl, mode, trace);
        // The worker stores its snapshot after handing it over; the upgrade round rewrites that one.
        if (mode === 'worker') await storedSnapshot(page, JOURNAL_DB);
        rounds.push(r);
        const size = r.snapshotBytes === undefined ? '' : `  old snapshot ${(r.snapshotBytes / 1e6).toFixed(1)} MB`;
        console.log(`round ${i + 1} ${mode.padEnd(9)}  shown ${fmt(r.shownMs)}  usable ${fmt(r.usableMs)}  longest block ${fmt(r.longestBlockMs)}  (${r.longTasks} long tasks)${size}`);
      }
    }
    const summary = (mode: Mode) => {
      const of = rounds.filter((r) => r.mode === mode);
      return {
        rounds: of.length,
        shownMs: round(median(of.map((r) => r.shownMs)), 0),
        usableMs: round(median(of.map((r) => r.usableMs)), 0),
        longestBlockMs: round(median(of.map((r) => r.longestBlockMs)), 0),
        longTasks: median(of.map((r) => r.longTasks)),
      };
    };
    const now = summary('upgrade');
    const refold = summary('worker');
    const old = summary('ui-thread');
    const ratio = {
      usableRefoldOverUpgrade: round(refold.usableMs / now.usableMs, 2),
      usableUiThreadOverUpgrade: round(old.usableMs / now.usableMs, 2),
      longestBlockUiThreadOverUpgrade: round(old.longestBlockMs / Math.max(1, now.longestBlockMs), 2),
    };
    const row = (name: string, m: typeof now) => `| ${name} | ${fmt(m.shownMs)} | ${fmt(m.usableMs)} | ${fmt(m.longestBlockMs)} | ${m.longTasks} |`;
    console.log(`\n| medians of ${ROUNDS}, ${EVENTS.toLocaleString('en-US')} events | order shown | usable | longest main-thread block | long tasks |`);
    console.log('|---|---|---|---|---|');
    console.log(row('old snapshot upgraded in the worker (now)', now));
    console.log(row('no upgrade step: worker refolds the journal', refold));
    console.log(row('fold on the UI thread (old path)', old));
    console.log(`usable: refold / upgrade ${ratio.usableRefoldOverUpgrade}×, UI thread / upgrade ${ratio.usableUiThreadOverUpgrade}×; longest block UI thread / upgrade ${ratio.longestBlockUiThreadOverUpgrade}×`);
    return { journalEvents: seeded.head, upgrade: now, worker: refold, uiThread: old, ratio, rounds };
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
