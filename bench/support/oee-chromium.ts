/**
 * The live OEE update measured where it runs: in Chromium, with React's
 * commit and the browser's paint (bench/support/oee-page.tsx). Bundles the
 * page with esbuild in production mode (as the kiosk's build), serves it on
 * loopback, and runs an early shift at one cycle a second simulated, one
 * cycle per frame, once with the slice's running index and once with the
 * whole fold recomputed per update (what the terminal did before), each in
 * a fresh page, alternating which goes first over the runs. Counted: frames
 * later than one 60 Hz frame (16.7 ms gap, and how many frames that dropped),
 * long tasks (over 50 ms, PerformanceObserver), per-update p50 / p99, and
 * the p50 of the first and the last tenth of the shift, to show whether the
 * cost grows. The first 60 updates warm up and are not counted.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { launchChromium } from '../../test/e2e/support/browser';
import type { PageRunInput, PageRunResult } from './oee-page';
import { liveShift } from './oee-live';
import { quantile, round } from './stats';

export const FRAME_MS = 1000 / 60;
/** Updates before the measured ones (the shift's cycles are then fewer by as many). */
const WARMUP = 60;

export interface ChromiumLiveOptions {
  /** Updates per mode (the shift's 28,800 cycles at most). */
  cycles: number;
  /** Cycles folded per frame, the last with view, commit and paint. */
  every: number;
  runs: number;
}

export interface ModeFigures {
  updates: number;
  updateMs: { p50: number; p99: number; max: number };
  /** p50 of the first and the last tenth of the updates: equal when the cost stays flat over the shift. */
  firstTenthP50: number;
  lastTenthP50: number;
  /** Frames whose gap to the one before exceeded 16.7 ms, and the frames those gaps swallowed. */
  lateFrames: number;
  droppedFrames: number;
  longTasks: number;
  longTaskMs: number;
  finalOee: number | null;
}

export interface ChromiumLiveFigures {
  options: ChromiumLiveOptions;
  live: ModeFigures;
  recompute: ModeFigures;
  /** recompute p50 / live p50, and the same at p99. */
  ratioP50: number;
  ratioP99: number;
}

async function bundle(dir: string): Promise<void> {
  await build({
    entryPoints: [new URL('./oee-page.tsx', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    jsx: 'automatic',
    minify: true,
    outdir: dir,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
}

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const page = '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/oee-page.css"></head><body><div id="root"></div><script type="module" src="/oee-page.js"></script></body></html>';
  const types: Record<string, string> = { js: 'text/javascript', css: 'text/css' };
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    if (name === '' || name === 'index.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (!/^oee-page\.(js|css)$/.test(name) || !existsSync(join(dir, name))) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[name.split('.').pop()!]! }).end(readFileSync(join(dir, name)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

function summarise(results: PageRunResult[]): ModeFigures {
  const updates = results.flatMap((r) => r.updates);
  const gaps = results.flatMap((r) => r.frameGaps);
  const tenth = (r: PageRunResult, last: boolean) => {
    const n = Math.max(1, Math.floor(r.updates.length / 10));
    return last ? r.updates.slice(-n) : r.updates.slice(0, n);
  };
  const p = (list: number[], q: number) => round(quantile(list, q), 3);
  const late = gaps.filter((g) => g > FRAME_MS + 0.5);
  return {
    updates: updates.length,
    updateMs: { p50: p(updates, 0.5), p99: p(updates, 0.99), max: p(updates, 1) },
    firstTenthP50: p(results.flatMap((r) => tenth(r, false)), 0.5),
    lastTenthP50: p(results.flatMap((r) => tenth(r, true)), 0.5),
    lateFrames: late.length,
    droppedFrames: late.reduce((n, g) => n + Math.max(0, Math.round(g / FRAME_MS) - 1), 0),
    longTasks: results.reduce((n, r) => n + r.longTasks.length, 0),
    longTaskMs: round(results.reduce((n, r) => n + r.longTasks.reduce((a, b) => a + b, 0), 0), 1),
    finalOee: results.at(-1)?.finalOee ?? null,
  };
}

export async function measureLiveInChromium(seed: number, options: ChromiumLiveOptions): Promise<ChromiumLiveFigures> {
  const shift = liveShift(seed);
  const dir = mkdtempSync(join(tmpdir(), 'takt-bench-oee-page-'));
  await bundle(dir);
  const { server, url } = await serve(dir);
  const browser = await launchChromium();
  const master = { reasons: shift.reasons, routings: shift.routings, shiftModel: shift.model, microStopMs: shift.microStopMs };
  const byMode: Record<PageRunInput['mode'], PageRunResult[]> = { live: [], recompute: [] };
  try {
    for (let run = 0; run < options.runs; run += 1) {
      const order: PageRunInput['mode'][] = run % 2 === 0 ? ['live', 'recompute'] : ['recompute', 'live'];
      for (const mode of order) {
        const page = await browser.newPage();
        await page.goto(url);
        await page.waitForFunction(() => '__oeeBench' in window);
        const input: PageRunInput = { events: shift.events, master, mode, cycles: options.cycles, every: options.every, warmup: WARMUP };
        const result = await page.evaluate((i) => (window as unknown as { __oeeBench: { run: (i: PageRunInput) => Promise<PageRunResult> } }).__oeeBench.run(i), input);
        byMode[mode].push(result);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const live = summarise(byMode.live);
  const recompute = summarise(byMode.recompute);
  if (live.finalOee !== recompute.finalOee) throw new Error(`the running index showed OEE ${live.finalOee}, the recompute ${recompute.finalOee}`);
  return { options, live, recompute, ratioP50: round(recompute.updateMs.p50 / live.updateMs.p50, 1), ratioP99: round(recompute.updateMs.p99 / live.updateMs.p99, 1) };
}
