/**
 * `npm run bench -- start`: what a person waits for when they run the demo.
 *
 * (a) `npm start` → the terminal's URL printed, with the terminal UI's
 *     sources unchanged (the last build reused), against the same start with
 *     the build's input hash removed so Vite builds the UI again (what every
 *     start did before the build was reused). Rounds alternate the two, on one
 *     demo folder that the first (unmeasured) start seeded.
 * (b) The login screen painted after the page loads, in a fresh Chromium
 *     context per round (cold HTTP cache, the one-time pairing link of that
 *     start): navigation start → the frame after the login screen entered
 *     the DOM, against the same load's first contentful paint (the floor any
 *     page of this host pays: connection, HTML, fonts), and the JavaScript the
 *     login needed against all the bundle's JavaScript (the barcode renderer
 *     and camera decoder load on demand).
 *
 * BENCH_START_ROUNDS sets the rounds per mode (default 3).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RENDERER_HASH_FILE, RENDERER_OUT_DIR } from '../scripts/build/renderer-build';
import { launchChromium } from '../test/e2e/support/browser';
import { ROOT } from '../test/e2e/support/processes';
import { median, round } from './support/stats';

const ROUNDS = Number(process.env['BENCH_START_ROUNDS'] ?? 3);
const URL_TIMEOUT_MS = 300_000;

/** Runs before the page's own scripts: the time of the first frame painted after the login screen is in the DOM. */
const LOGIN_PAINT = `(() => {
  let resolve;
  Object.defineProperty(window, '__taktLoginPainted', { value: new Promise((r) => (resolve = r)) });
  const seen = () => document.querySelector('[data-testid="login-screen"]') !== null;
  const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
  const watch = new MutationObserver(() => { if (seen()) { watch.disconnect(); painted(); } });
  watch.observe(document, { childList: true, subtree: true });
})();`;

interface StartRound {
  mode: 'reused' | 'rebuilt';
  urlMs: number;
  url: string;
}

async function startOnce(mode: StartRound['mode'], demoDir: string, ports: { server: number; host: number }): Promise<{ round: StartRound; child: ChildProcess }> {
  if (mode === 'rebuilt') rmSync(join(ROOT, RENDERER_HASH_FILE), { force: true });
  const started = performance.now();
  const child = spawn('npm', ['start', '--', '--server-port', String(ports.server), '--host-port', String(ports.host)], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TAKT_DEMO_DIR: demoDir },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start printed no terminal URL in ${URL_TIMEOUT_MS} ms:\n${output}`)), URL_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /^Terminal:\s+(http\S+)/m.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before printing the URL:\n${output}`)));
  });
  const urlMs = performance.now() - started;
  if (mode === 'reused' && !output.includes('sources unchanged')) throw new Error(`expected the build to be reused:\n${output}`);
  if (mode === 'rebuilt' && !output.includes('Building the terminal UI')) throw new Error(`expected a rebuild:\n${output}`);
  return { round: { mode, urlMs, url }, child };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid!, 'SIGTERM');
  const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function bundleJsBytes(): number {
  const dir = join(ROOT, RENDERER_OUT_DIR, 'assets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

interface PaintRound {
  loginPaintedMs: number;
  firstContentfulPaintMs: number;
  loginJsBytes: number;
}

async function loginPaint(url: string, browser: Awaited<ReturnType<typeof launchChromium>>): Promise<PaintRound> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  try {
    await context.addInitScript(LOGIN_PAINT);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('login-screen').waitFor({ timeout: 60_000 });
    return await page.evaluate(async () => {
      const painted = await (window as unknown as { __taktLoginPainted: Promise<number> }).__taktLoginPainted;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
      const js = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.endsWith('.js'));
      return { loginPaintedMs: painted, firstContentfulPaintMs: fcp, loginJsBytes: js.reduce((s, r) => s + r.decodedBodySize, 0) };
    });
  } finally {
    await context.close();
  }
}

export async function run(): Promise<unknown> {
  const demoDir = mkdtempSync(join(tmpdir(), 'takt-bench-start-'));
  const ports = { server: 7700 + (process.pid % 100), host: 7800 + (process.pid % 100) };
  const browser = await launchChromium();
  const starts: StartRound[] = [];
  const paints: PaintRound[] = [];
  try {
    // Warm-up: seeds the demo database and leaves a current build behind (not measured).
    await stop((await startOnce('rebuilt', demoDir, ports)).child);
    for (let i = 0; i < ROUNDS; i++) {
      for (const mode of ['reused', 'rebuilt'] as const) {
        const { round: r, child } = await startOnce(mode, demoDir, ports);
        try {
          starts.push(r);
          console.log(`start ${mode}: URL after ${Math.round(r.urlMs)} ms`);
          if (mode === 'reused') {
            const p = await loginPaint(r.url, browser);
            paints.push(p);
            console.log(`  login painted ${round(p.loginPaintedMs)} ms (first contentful paint ${round(p.firstContentfulPaintMs)} ms), ${p.loginJsBytes} B of JavaScript`);
          }
        } finally {
          await stop(child);
        }
      }
    }
  } finally {
    await browser.close();
    rmSync(demoDir, { recursive: true, force: true });
  }
  const of = (mode: StartRound['mode']) => starts.filter((s) => s.mode === mode).map((s) => s.urlMs);
  const reused = median(of('reused'));
  const rebuilt = median(of('rebuilt'));
  const totalJs = bundleJsBytes();
  const result = {
    rounds: ROUNDS,
    startToUrl: { reusedMs: Math.round(reused), rebuiltMs: Math.round(rebuilt), ratio: round(rebuilt / reused, 2), runs: starts.map((s) => ({ mode: s.mode, ms: Math.round(s.urlMs) })) },
    login: {
      paintedMs: round(median(paints.map((p) => p.loginPaintedMs))),
      firstContentfulPaintMs: round(median(paints.map((p) => p.firstContentfulPaintMs))),
      loginJsBytes: median(paints.map((p) => p.loginJsBytes)),
      bundleJsBytes: totalJs,
      runs: paints,
    },
  };
  console.log(`npm start → URL: sources unchanged ${result.startToUrl.reusedMs} ms, UI rebuilt ${result.startToUrl.rebuiltMs} ms (${result.startToUrl.ratio}×), medians of ${ROUNDS}`);
  console.log(`login painted ${result.login.paintedMs} ms after navigation (first contentful paint ${result.login.firstContentfulPaintMs} ms); JavaScript loaded for login ${result.login.loginJsBytes} B of ${totalJs} B in the bundle`);
  return result;
}
