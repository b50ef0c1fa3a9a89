import { closeSync, constants, cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_BADGES } from '../../../server/demo/demo-data';
import { startVirtualScanner, type VirtualScanner } from '../../../scripts/virtual-scanner';
import { seededRandom } from '../../../shared/seeded-random';
import { startChaosServer, type ChaosServer } from './chaos-server';
import { readJournal, startChromium, startHostProcess, type ChromiumProcess, type HostProcess, type JournalRow } from './kill-rig';
import { freePort } from './processes';
import { hasTornTail, indexedDbLogs } from './torn-tail';

/**
 * The kill soak shared by the chaos-kill e2e test (30 cycles) and
 * `npm run bench -- kill` (300 and more): operators log in by badge on the
 * serial scanner and log out on the touch screen while sync runs; at random
 * moments Chromium, the host, or both get SIGKILL and are restarted. A booking
 * counts as confirmed once the UI shows its result (the order screen after a
 * badge scan, the login screen after a logout). After every restart the
 * journal must hold every event it held before, unchanged and in order; in
 * the end the server holds exactly the journal, seq → id. No test framework
 * here: the bench runs it under plain Node.
 */

export interface KillSoakResult {
  cycles: number;
  kills: { browser: number; host: number; both: number };
  /** Natural torn LevelDB tails found after a Chromium kill. */
  tears: number;
  /** Bookings the UI confirmed during the run. */
  confirmed: number;
  /** Events that were in the journal before a restart and missing or changed after it; must stay 0. */
  lost: number;
  /** JournalRestored events: times the host's copy brought IndexedDB back. */
  restores: number;
  events: number;
  seconds: number;
  log: string[];
}

type Screen = 'login' | 'orders';

async function screenOf(page: Page, timeoutMs = 20_000): Promise<Screen> {
  const login = page.getByTestId('login-screen');
  const orders = page.getByTestId('order-screen');
  await login.or(orders).first().waitFor({ timeout: timeoutMs });
  return (await orders.count()) > 0 ? 'orders' : 'login';
}

/**
 * The order screen re-renders while sync runs; when the button is swapped
 * between Playwright's hit check and its mouse events, the tap lands on the
 * new button (the operator is logged out) while Playwright retries on a
 * button that no longer exists. The booking counts once the login screen
 * shows, so a tap whose retry failed is fine when that screen is there.
 */
async function tapLogout(page: Page): Promise<void> {
  await page.getByTestId('logout').click({ timeout: 5_000 }).catch(() => undefined);
  await page.getByTestId('login-screen').waitFor({ timeout: 15_000 });
}

async function poll(what: string, read: () => Promise<string | null>, want: (v: string | null) => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: string | null = null;
  while (Date.now() < until) {
    last = await read().catch(() => null);
    if (want(last)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: still "${last}" after ${timeoutMs} ms`);
}

function fail(message: string): never {
  throw new Error(message);
}

export interface KillSoakOptions {
  terminalId: string;
  cycles: number;
  seed: number;
  /** Where Chromium's stderr, the cycle log and the IndexedDB folder go when the soak fails. */
  failureDir: string;
  /** Stop at the first lost booking (the test) or count them and go on (the bench). */
  stopOnLoss: boolean;
  onCycle?: (cycle: number, line: string) => void;
  /** Runs on the final page, after the server holds the journal, before everything stops. */
  atEnd?: (page: Page, journal: JournalRow[]) => Promise<void>;
}

export async function runKillSoak(o: KillSoakOptions): Promise<KillSoakResult> {
  const random = seededRandom(o.seed);
  const server: ChaosServer = await startChaosServer();
  const token = await server.addTerminal(o.terminalId);
  const scanner: VirtualScanner = await startVirtualScanner(join(server.dir, 'scanner-host'), join(server.dir, 'scanner-device'));
  const profile = join(server.dir, 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  const hostPort = await freePort();
  let host: HostProcess | null = null;
  let chrome: ChromiumProcess | null = null;
  const stderrs: (() => string)[] = [];
  const result: KillSoakResult = { cycles: 0, kills: { browser: 0, host: 0, both: 0 }, tears: 0, confirmed: 0, lost: 0, restores: 0, events: 0, seconds: 0, log: [] };
  const log = result.log;

  const startHost = async () => {
    host = await startHostProcess({ dir: server.dir, port: hostPort, serverUrl: server.url, terminalId: o.terminalId, token, scannerPath: scanner.hostPath });
  };
  const startBrowser = async () => {
    chrome = await startChromium(profile);
    stderrs.push(chrome.stderr);
  };
  const scan = (data: string) => {
    const fd = openSync(scanner.devicePath, constants.O_WRONLY | constants.O_NOCTTY);
    try {
      writeSync(fd, Buffer.from(`${data}\r`, 'latin1'));
    } finally {
      closeSync(fd);
    }
  };
  /** Both processes up, the page on the host's URL, the app on one of its two screens. */
  const boot = async (): Promise<Page> => {
    await Promise.all([host ? null : startHost(), chrome ? null : startBrowser()]);
    const page = chrome!.page;
    // A new host may carry a new token in the URL fragment: leave the page first, or the fragment change alone would not reload it.
    await page.goto('about:blank');
    await page.goto(host!.url);
    return page;
  };
  /** Compares the journal after a restart with what it held before: every earlier event present, unchanged, in place. */
  const check = (journal: JournalRow[], known: JournalRow[], when: string) => {
    const lost = known.filter((k, i) => journal[i]?.id !== k.id || journal[i]?.seq !== k.seq || journal[i]?.type !== k.type).length;
    if (lost > 0) {
      result.lost += lost;
      log.push(`${when}: ${lost} of ${known.length} journal events missing or changed`);
      if (o.stopOnLoss) fail(`${when}: ${lost} confirmed bookings lost (journal ${journal.length}, before ${known.length})`);
    }
    journal.forEach((e, i) => e.seq === i + 1 || fail(`${when}: seq ${e.seq} at position ${i + 1}`));
    // Bookings alternate; a restore from the host's copy adds its own event in between.
    journal
      .filter((e) => e.type !== 'JournalRestored')
      .forEach((e, i) => e.type === (i % 2 === 0 ? 'OperatorLoggedIn' : 'OperatorLoggedOut') || fail(`${when}: ${e.type} at booking ${i + 1}`));
  };

  const t0 = Date.now();
  let known: JournalRow[] = [];
  let confirmedTotal = 0;
  try {
    for (let cycle = 0; cycle < o.cycles; cycle++) {
      const page = await boot();
      let screen = await screenOf(page);
      // Master data first (a badge is only known after the first pull).
      if (screen === 'login') await poll('line name', () => page.getByTestId('line-name').textContent(), (v) => !!v?.includes('Montage 1'), 15_000);
      await poll('scanner', () => page.getByTestId('scanner-state').getAttribute('data-state'), (v) => v === 'connected', 15_000);

      const journal = await readJournal(page, o.terminalId);
      check(journal, known, `cycle ${cycle}`);
      if (journal.length < confirmedTotal) {
        result.lost += confirmedTotal - journal.length;
        if (o.stopOnLoss) fail(`cycle ${cycle}: ${confirmedTotal} bookings confirmed, journal holds ${journal.length}`);
      }
      known = journal;
      confirmedTotal = journal.length; // everything in the journal is now a fact that must reach the server

      const steps = 1 + Math.floor(random() * 3);
      for (let s = 0; s < steps; s++) {
        screen = await screenOf(page);
        if (screen === 'login') {
          scan(DEMO_BADGES.anna);
          await page.getByTestId('order-screen').waitFor({ timeout: 15_000 });
        } else {
          await tapLogout(page);
        }
        confirmedTotal += 1;
        result.confirmed += 1;
      }
      // One more action, and the kill lands somewhere inside it (or just after): mid-append, mid-push, mid-render.
      screen = await screenOf(page);
      if (screen === 'login') scan(DEMO_BADGES.anna);
      else void page.getByTestId('logout').click({ timeout: 2_000 }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, Math.floor(random() * 120)));

      const target = (['browser', 'host', 'both'] as const)[Math.floor(random() * 3)]!;
      result.kills[target] += 1;
      if (target !== 'host') {
        await chrome!.kill();
        chrome = null;
        // Count the natural tears the kill left (LevelDB log records cut between header and payload).
        if (indexedDbLogs(profile).some((file) => hasTornTail(readFileSync(file)))) result.tears += 1;
      }
      if (target !== 'browser') {
        await host!.running.kill('SIGKILL');
        host = null;
      }
      result.cycles = cycle + 1;
      const line = `cycle ${cycle}: ${steps} confirmed, killed ${target} at ${Date.now() - t0} ms`;
      log.push(line);
      o.onCycle?.(cycle, line);
    }

    // Restart everything and let sync finish.
    const page = await boot();
    await screenOf(page);
    const journal = await readJournal(page, o.terminalId);
    check(journal, known, 'final start');
    await poll('pending sync', () => page.getByTestId('sync-pending').textContent(), (v) => v === '0', 30_000);
    const atServer = await server.events(o.terminalId);
    const want = journal.map((e) => `${e.seq}:${e.id.toLowerCase()}`).join(',');
    if (atServer.map((e) => `${e.seq}:${e.id}`).join(',') !== want) fail(`server holds ${atServer.length} events, journal ${journal.length}: not the same seq → id`);
    await o.atEnd?.(page, journal);
    result.events = journal.length;
    result.restores = journal.filter((e) => e.type === 'JournalRestored').length;
    result.seconds = Math.round((Date.now() - t0) / 1000);
    return result;
  } catch (err) {
    keepEvidence(o.failureDir, profile, stderrs, log);
    await (chrome as ChromiumProcess | null)?.page.screenshot({ path: join(o.failureDir, 'screen.png') }).catch(() => undefined);
    throw err;
  } finally {
    await (chrome as ChromiumProcess | null)?.kill();
    await (host as HostProcess | null)?.running.kill();
    await scanner.stop();
    await server.stop();
  }
}

/** What plant IT (and the next engineer) needs to see why: Chromium's own words and its database as it was left. */
function keepEvidence(dir: string, profile: string, stderrs: (() => string)[], log: string[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  stderrs.forEach((stderr, i) => writeFileSync(join(dir, `chromium-${String(i).padStart(3, '0')}.stderr.log`), stderr()));
  writeFileSync(join(dir, 'cycles.log'), `${log.join('\n')}\n`);
  const idb = join(profile, 'Default', 'IndexedDB');
  if (existsSync(idb)) cpSync(idb, join(dir, 'IndexedDB'), { recursive: true });
}
