import { closeSync, constants, cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BADGES } from '../../server/demo/demo-data';
import { startVirtualScanner, type VirtualScanner } from '../../scripts/virtual-scanner';
import { seeded } from './support/chaos-proxy';
import { startChaosServer, type ChaosServer } from './support/chaos-server';
import { readJournal, startChromium, startHostProcess, type ChromiumProcess, type HostProcess, type JournalRow } from './support/kill-rig';
import { freePort, ROOT } from './support/processes';
import { hasTornTail, indexedDbLogs } from './support/torn-tail';

/**
 * Kill test (issue 6): operators log in by badge on the serial scanner and
 * log out on the touch screen while sync runs; at random moments Chromium,
 * the host, or both are killed with SIGKILL and restarted. Every booking the
 * UI showed as done (the order screen after a badge scan, the login screen
 * after a logout) must be in the journal after the restart, nothing twice,
 * and in the end the server holds exactly the journal, seq → id. When
 * Chromium throws its database away after a torn log record, the host's
 * journal copy brings it back (a JournalRestored event marks that).
 * On failure, every Chromium's stderr and the profile's IndexedDB folder
 * are kept in .takt/chaos-kill-failure/.
 */
const TERMINAL = 'T-KILL-01';
const CYCLES = 30;
const FAILURE_DIR = join(ROOT, '.takt', 'chaos-kill-failure');
const random = seeded(2024);

type Screen = 'login' | 'orders';

async function screenOf(page: Page, timeoutMs = 20_000): Promise<Screen> {
  const login = page.getByTestId('login-screen');
  const orders = page.getByTestId('order-screen');
  await login.or(orders).first().waitFor({ timeout: timeoutMs });
  return (await orders.count()) > 0 ? 'orders' : 'login';
}

describe('chaos: SIGKILL of browser and host while scans flow and sync runs', () => {
  let server: ChaosServer;
  let scanner: VirtualScanner;
  let host: HostProcess | null = null;
  let chrome: ChromiumProcess | null = null;
  let hostPort = 0;
  let token = '';
  const profile = () => join(server.dir, 'chromium-profile');

  const startHost = async () => {
    host = await startHostProcess({ dir: server.dir, port: hostPort, serverUrl: server.url, terminalId: TERMINAL, token, scannerPath: scanner.hostPath });
  };
  const stderrs: (() => string)[] = [];
  let tears = 0;
  const startBrowser = async () => {
    chrome = await startChromium(profile());
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

  beforeAll(async () => {
    server = await startChaosServer();
    token = await server.addTerminal(TERMINAL);
    scanner = await startVirtualScanner(join(server.dir, 'scanner-host'), join(server.dir, 'scanner-device'));
    mkdirSync(profile(), { recursive: true });
    hostPort = await freePort();
  });

  afterAll(async () => {
    await chrome?.kill();
    await host?.running.kill();
    await scanner?.stop();
    await server?.stop();
  });

  it(`keeps every confirmed booking through ${CYCLES} kill cycles and delivers each exactly once`, async () => {
    try {
      await run();
    } catch (err) {
      console.log(`[chaos-kill] failed; log:\n${log.join('\n')}`);
      keepEvidence();
      await chrome?.page.screenshot({ path: join(FAILURE_DIR, 'screen.png') }).catch(() => undefined);
      throw err;
    }
  }, 240_000);

  /** What plant IT (and the next engineer) needs to see why: Chromium's own words and its database as it was left. */
  function keepEvidence(): void {
    rmSync(FAILURE_DIR, { recursive: true, force: true });
    mkdirSync(FAILURE_DIR, { recursive: true });
    stderrs.forEach((stderr, i) => writeFileSync(join(FAILURE_DIR, `chromium-${String(i).padStart(2, '0')}.stderr.log`), stderr()));
    writeFileSync(join(FAILURE_DIR, 'cycles.log'), `${log.join('\n')}\n`);
    const idb = join(profile(), 'Default', 'IndexedDB');
    if (existsSync(idb)) cpSync(idb, join(FAILURE_DIR, 'IndexedDB'), { recursive: true });
    console.log(`[chaos-kill] evidence kept in ${FAILURE_DIR}`);
  }

  const log: string[] = [];
  async function run(): Promise<void> {
    let known: JournalRow[] = [];
    let confirmedTotal = 0;

    const t0 = Date.now();
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const tc = Date.now();
      const mark = (what: string) => log.push(`  ${what} +${Date.now() - tc} ms`);
      await Promise.all([host ? null : startHost(), chrome ? null : startBrowser()]);
      mark('processes up');
      const page = chrome!.page;
      // A new host has a new token in the URL fragment: leave the page first, or the fragment change alone would not reload it.
      await page.goto('about:blank');
      await page.goto(host!.url);
      let screen = await screenOf(page);
      mark('app booted');
      // Master data first (a badge is only known after the first pull).
      if (screen === 'login') await expect.poll(() => page.getByTestId('line-name').textContent(), { timeout: 15_000 }).toContain('Montage 1');
      await expect.poll(() => page.getByTestId('scanner-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
      log.push(`cycle ${cycle}: up on the ${screen} screen at ${Date.now() - t0} ms`);

      mark('master data and scanner ready');
      // After the restart: nothing the UI had confirmed is missing, nothing changed, nothing doubled.
      const journal = await readJournal(page, TERMINAL);
      expect(journal.slice(0, known.length)).toEqual(known);
      expect(journal.map((e) => e.seq)).toEqual(journal.map((_, i) => i + 1));
      // Bookings alternate; a restore from the host's copy adds its own event in between.
      journal.filter((e) => e.type !== 'JournalRestored').forEach((e, i) => expect(e.type).toBe(i % 2 === 0 ? 'OperatorLoggedIn' : 'OperatorLoggedOut'));
      expect(journal.length).toBeGreaterThanOrEqual(confirmedTotal);
      known = journal;
      confirmedTotal = journal.length; // everything in the journal is now a fact that must reach the server

      // Bookings: a badge scan logs in, the logout button logs out; each counts once the UI shows its result.
      const steps = 1 + Math.floor(random() * 3);
      for (let s = 0; s < steps; s++) {
        screen = await screenOf(page);
        if (screen === 'login') {
          scan(DEMO_BADGES.anna);
          await page.getByTestId('order-screen').waitFor({ timeout: 15_000 });
        } else {
          await page.getByTestId('logout').click();
          await page.getByTestId('login-screen').waitFor({ timeout: 15_000 });
        }
        confirmedTotal += 1;
      }
      mark('steps done');
      // One more action, and the kill lands somewhere inside it (or just after): mid-append, mid-push, mid-render.
      screen = await screenOf(page);
      if (screen === 'login') scan(DEMO_BADGES.anna);
      else void page.getByTestId('logout').click({ timeout: 2_000 }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, Math.floor(random() * 120)));

      const target = (['browser', 'host', 'both'] as const)[Math.floor(random() * 3)]!;
      log.push(`cycle ${cycle}: ${steps} confirmed, then kill ${target} 0–120 ms into one more action`);
      if (target !== 'host') {
        await chrome!.kill();
        chrome = null;
        // Count the natural tears the kill left (LevelDB log records cut between header and payload).
        if (indexedDbLogs(profile()).some((file) => hasTornTail(readFileSync(file)))) tears += 1;
      }
      if (target !== 'browser') {
        await host!.running.kill('SIGKILL');
        host = null;
      }
      mark('killed');
    }

    // Restart everything and let sync finish.
    await Promise.all([host ? null : startHost(), chrome ? null : startBrowser()]);
    const page = chrome!.page;
    await page.goto('about:blank');
    await page.goto(host!.url);
    await screenOf(page);
    const journal = await readJournal(page, TERMINAL);
    expect(journal.slice(0, known.length)).toEqual(known);
    expect(journal.length).toBeGreaterThanOrEqual(confirmedTotal);
    await expect.poll(() => page.getByTestId('sync-pending').textContent(), { timeout: 30_000 }).toBe('0');

    const atServer = await server.events(TERMINAL);
    expect(atServer.map((e) => `${e.seq}:${e.id}`)).toEqual(journal.map((e) => `${e.seq}:${e.id.toLowerCase()}`));

    // The status screen tells plant IT the same, and the loop ran in the worker.
    await page.getByTestId('open-status').click();
    await page.getByTestId('status-screen').waitFor();
    // The worker reports its first status a moment after boot; poll instead of reading once.
    await expect.poll(() => page.getByTestId('st-runs-in').textContent(), { timeout: 15_000 }).toBe('worker');
    expect(await page.getByTestId('st-pending').textContent()).toBe('0');
    expect(await page.getByTestId('st-acked').textContent()).toBe(String(journal.length));
    await page.getByTestId('sync-now').click();
    const restores = journal.filter((e) => e.type === 'JournalRestored').length;
    console.log(`[chaos-kill] ${journal.length} events, ${CYCLES} cycles, ${tears} torn tails seen, ${restores} restores, ${Math.round((Date.now() - t0) / 1000)} s\n${log.join('\n')}`);
  }
});
