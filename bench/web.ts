/**
 * `npm run bench -- web [--events N] [--orders N] [--runs N]`: the recall at
 * plant size. A server (SQLite, in this process, over real HTTP) holds
 * --events events (default 1,000,000) over --orders orders (default 10,000),
 * pushed through the sync API (bench/web-seed.ts); one housing batch was
 * loaded in 200 of those orders.
 *
 *   Web: in Chromium, a quality user on the Trace page searches that batch;
 *        from the click to the frame after the whole tree (200 orders, each
 *        with its serial count; an order's serials open on demand) is in the
 *        DOM, timed inside the page.
 *   Baseline: the same query through the trace API alone
 *        (GET /api/v1/trace/batch/…, admin token, body read and parsed).
 *   Backward: the trace API from one of those orders' containers and from
 *        one of its serials back to the batches (GET /api/v1/trace/container/…,
 *        /api/v1/trace/serial/…), the answer a complaint about one part needs.
 *
 * One warm-up each, then --runs (default 5, at least 3) alternating runs;
 * `--queries` (off by default: it times every query) prints, after them,
 * where one more trace API call's database time went, by the tables each
 * query reads;
 * medians and the ratio web / API are printed and written to
 * bench/results/web.json. The web pages are built into a temp folder first,
 * so dist/web is never touched. Seeding 1M events takes 10–20 min on the
 * loaded 2-core development machine (the push rate falls as the record
 * grows); `--events 100000 --orders 1000` is a 30 s run with the same trace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { buildServer } from '../server/app';
import { issueAdminToken } from '../server/credentials-store';
import { openDatabase } from '../server/db/create-database';
import { migrateToLatest } from '../server/db/migrate';
import { addUser } from '../server/users/user-store';
import { launchChromium } from '../test/e2e/support/browser';
import { ROOT } from '../test/e2e/support/processes';
import { HOT, seedPlant, type Seeded } from './web-seed';
import { queryTimer } from './support/query-timer';
import { median, round } from './support/stats';

const PASSWORD = 'bench-Qualität-1';
const HOT_ORDERS = 200;

export interface WebBenchResult {
  settings: { events: number; orders: number; hotOrders: number; runs: number; database: 'sqlite' };
  seeded: Seeded;
  trace: { orders: number; serials: number; containers: number; responseBytes: number };
  api: { runsMs: number[]; medianMs: number };
  web: { runsMs: number[]; medianMs: number };
  /** web / API: what the page adds on top of the query. */
  ratio: number;
  backward: { container: { id: string; serials: number; batches: number; runsMs: number[]; medianMs: number }; serial: { id: string; batches: number; runsMs: number[]; medianMs: number } };
}

function options(): { events: number; orders: number; runs: number; queries: boolean } {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { events: { type: 'string' }, orders: { type: 'string' }, runs: { type: 'string' }, queries: { type: 'boolean' } },
    allowPositionals: true,
    strict: false,
  });
  const num = (v: unknown, fallback: number) => (typeof v === 'string' && Number(v) > 0 ? Math.floor(Number(v)) : fallback);
  return { events: num(values.events, 1_000_000), orders: num(values.orders, 10_000), runs: Math.max(3, num(values.runs, 5)), queries: values.queries === true };
}

/**
 * In the page: click Search, wait (frame by frame) until the old tree is gone
 * and the new one holds every order, then one more frame for the paint. A
 * string, so that tsx's helpers (__name) never reach the page.
 */
const TIME_SEARCH = `async (expected) => {
  const button = document.querySelector('[data-testid="trace-submit"]');
  if (!button) throw new Error('no search button');
  const count = () => document.querySelectorAll('[data-testid="tree-order"]').length;
  const t0 = performance.now();
  button.click();
  let cleared = count() === 0;
  await new Promise((resolve, reject) => {
    const check = () => {
      const n = count();
      if (n === 0) cleared = true;
      if (cleared && n === expected) return resolve();
      if (performance.now() - t0 > 120000) return reject(new Error('tree has ' + n + ' of ' + expected + ' orders after 120 s'));
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - t0;
}`;

async function timeSearch(page: Page, orders: number): Promise<number> {
  return page.evaluate(`(${TIME_SEARCH})(${orders})`) as Promise<number>;
}

export async function run(): Promise<WebBenchResult> {
  const settings = options();
  const dir = mkdtempSync(join(tmpdir(), 'takt-bench-web-'));
  const webDir = join(dir, 'web');
  console.log(`web bench: ${settings.events.toLocaleString('en')} events, ${settings.orders.toLocaleString('en')} orders, batch in ${HOT_ORDERS} orders, ${settings.runs} runs`);
  await build({ configFile: join(ROOT, 'vite.web.config.ts'), logLevel: 'warn', build: { outDir: webDir, emptyOutDir: true } });
  const database = openDatabase({ dataDir: dir });
  await migrateToLatest(database.db, database.dialect);
  const timer = settings.queries ? queryTimer() : null;
  const app = buildServer({ db: timer ? database.db.withPlugin(timer.plugin) : database.db, dialect: database.dialect, webDir, rateLimit: { max: 1_000_000_000, timeWindowMs: 60_000 } });
  const browser = await launchChromium();
  try {
    await app.ready();
    const seeded = await seedPlant(app, database.db, { events: settings.events, orders: settings.orders, hotOrders: HOT_ORDERS }, (line) => console.log(line));
    console.log(`  seeded ${seeded.events.toLocaleString('en')} events in ${round(seeded.seconds)} s`);
    const admin = await issueAdminToken(database.db, 'bench');
    const added = await addUser(database.db, { username: 'qa', role: 'quality', password: PASSWORD });
    if (!added.ok) throw new Error(added.error.message);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const traceUrl = `${url}/api/v1/trace/batch/${HOT.materialId}/${HOT.batch}`;
    const timedGet = async <T>(target: string): Promise<{ ms: number; bytes: number; body: T }> => {
      const t0 = performance.now();
      const res = await fetch(target, { headers: { authorization: `Bearer ${admin.token}` } });
      const text = await res.text();
      const body = JSON.parse(text) as T;
      if (!res.ok) throw new Error(`${target}: ${res.status} ${text.slice(0, 200)}`);
      return { ms: performance.now() - t0, bytes: Buffer.byteLength(text), body };
    };
    const viaApi = () => timedGet<{ orders: unknown[]; serials: unknown[]; containers: unknown[] }>(traceUrl);

    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' });
    await page.goto(`${url}/web/`);
    await page.getByTestId('login-username').fill('qa');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('trace-mode').selectOption('batch');
    await page.getByTestId('trace-first').fill(HOT.materialId);
    await page.getByTestId('trace-second').fill(HOT.batch);

    const warm = await viaApi();
    const orders = warm.body.orders.length;
    if (orders !== seeded.hotOrders) throw new Error(`the trace names ${orders} orders, ${seeded.hotOrders} were seeded`);
    await timeSearch(page, orders);
    const apiRuns: number[] = [];
    const webRuns: number[] = [];
    for (let i = 0; i < settings.runs; i++) {
      apiRuns.push((await viaApi()).ms);
      webRuns.push(await timeSearch(page, orders));
      console.log(`  run ${i + 1}: API ${round(apiRuns[i]!)} ms, web page ${round(webRuns[i]!)} ms`);
    }
    if (timer) {
      timer.reset();
      const traced = await viaApi();
      console.log(`  one more trace API call, ${round(traced.ms)} ms; its queries by the tables they read:`);
      for (const q of timer.times()) console.log(`    ${round(q.ms)} ms  ${q.count}× ${q.rows.toLocaleString('en')} rows  ${q.tables}`);
    }
    // The first order loaded the hot batch (web-seed.ts): its container and its first part.
    const containerUrl = `${url}/api/v1/trace/container/C-0`;
    const serialUrl = `${url}/api/v1/trace/serial/S-0-0`;
    type Backward = { batches: unknown[]; serials?: unknown[] };
    const warmContainer = await timedGet<Backward>(containerUrl);
    const warmSerial = await timedGet<Backward>(serialUrl);
    const containerRuns: number[] = [];
    const serialRuns: number[] = [];
    for (let i = 0; i < settings.runs; i++) {
      containerRuns.push((await timedGet<Backward>(containerUrl)).ms);
      serialRuns.push((await timedGet<Backward>(serialUrl)).ms);
    }
    const result: WebBenchResult = {
      settings: { events: settings.events, orders: settings.orders, hotOrders: HOT_ORDERS, runs: settings.runs, database: 'sqlite' },
      seeded,
      trace: { orders, serials: warm.body.serials.length, containers: warm.body.containers.length, responseBytes: warm.bytes },
      api: { runsMs: apiRuns.map((v) => round(v)), medianMs: round(median(apiRuns)) },
      web: { runsMs: webRuns.map((v) => round(v)), medianMs: round(median(webRuns)) },
      ratio: round(median(webRuns) / median(apiRuns), 2),
      backward: {
        container: { id: 'C-0', serials: warmContainer.body.serials?.length ?? 0, batches: warmContainer.body.batches.length, runsMs: containerRuns.map((v) => round(v)), medianMs: round(median(containerRuns)) },
        serial: { id: 'S-0-0', batches: warmSerial.body.batches.length, runsMs: serialRuns.map((v) => round(v)), medianMs: round(median(serialRuns)) },
      },
    };
    console.log(
      `trace of ${HOT.batch} (${orders} orders, ${result.trace.serials.toLocaleString('en')} serials, ${Math.round(warm.bytes / 1024)} KiB): ` +
        `web page median ${result.web.medianMs} ms vs trace API median ${result.api.medianMs} ms → ${result.ratio}×`,
    );
    console.log(
      `backward trace API: container C-0 (${result.backward.container.serials} serials) median ${result.backward.container.medianMs} ms, ` +
        `serial S-0-0 median ${result.backward.serial.medianMs} ms`,
    );
    return result;
  } finally {
    await browser.close();
    await app.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
