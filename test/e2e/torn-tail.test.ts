import { closeSync, constants, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BADGES } from '../../server/demo/demo-data';
import { startVirtualScanner, type VirtualScanner } from '../../scripts/virtual-scanner';
import { startChaosServer, type ChaosServer } from './support/chaos-server';
import { readJournal, startChromium, startHostProcess, type ChromiumProcess, type HostProcess, type JournalRow } from './support/kill-rig';
import { freePort } from './support/processes';
import { tearNewestLog } from './support/torn-tail';

/**
 * The torn LevelDB tail, made deterministic: Chromium keeps appending behind
 * a torn log record, and the start after that finds a checksum mismatch and
 * deletes the origin's every IndexedDB database. Book 3, SIGKILL Chromium,
 * append a torn header to the newest log, restart (all 3 still there), book
 * 2 more, SIGKILL, restart: all 5 bookings must be back, from the host's copy,
 * and the status screen must say the journal was restored.
 */
const TERMINAL = 'T-TORN-01';

describe('torn IndexedDB log tail: Chromium deletes the journal, the host copy brings it back', () => {
  let server: ChaosServer;
  let scanner: VirtualScanner;
  let host: HostProcess | null = null;
  let chrome: ChromiumProcess | null = null;
  const profile = () => join(server.dir, 'chromium-profile');

  beforeAll(async () => {
    server = await startChaosServer();
    const token = await server.addTerminal(TERMINAL);
    scanner = await startVirtualScanner(join(server.dir, 'scanner-host'), join(server.dir, 'scanner-device'));
    mkdirSync(profile(), { recursive: true });
    host = await startHostProcess({ dir: server.dir, port: await freePort(), serverUrl: server.url, terminalId: TERMINAL, token, scannerPath: scanner.hostPath });
  });

  afterAll(async () => {
    await chrome?.kill();
    await host?.running.kill();
    await scanner?.stop();
    await server?.stop();
  });

  const scan = (data: string) => {
    const fd = openSync(scanner.devicePath, constants.O_WRONLY | constants.O_NOCTTY);
    try {
      writeSync(fd, Buffer.from(`${data}\r`, 'latin1'));
    } finally {
      closeSync(fd);
    }
  };

  async function open(): Promise<Page> {
    chrome = await startChromium(profile());
    const page = chrome.page;
    await page.goto(host!.url);
    await page.getByTestId('login-screen').or(page.getByTestId('order-screen')).first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('scanner-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('connected');
    return page;
  }

  /** One booking: a badge scan logs in, the logout button logs out; it counts once the screen shows it. */
  async function book(page: Page): Promise<void> {
    if ((await page.getByTestId('order-screen').count()) > 0) {
      await page.getByTestId('logout').click();
      await page.getByTestId('login-screen').waitFor({ timeout: 15_000 });
      return;
    }
    await expect.poll(() => page.getByTestId('line-name').textContent(), { timeout: 15_000 }).toContain('Montage 1');
    scan(DEMO_BADGES.anna);
    await page.getByTestId('order-screen').waitFor({ timeout: 15_000 });
  }

  async function kill(): Promise<void> {
    await chrome!.kill();
    chrome = null;
  }

  it('keeps all 5 confirmed bookings and shows the restore notice', async () => {
    let page = await open();
    for (let i = 0; i < 3; i++) await book(page);
    const firstThree: JournalRow[] = await readJournal(page, TERMINAL);
    expect(firstThree.map((e) => e.type)).toEqual(['OperatorLoggedIn', 'OperatorLoggedOut', 'OperatorLoggedIn']);
    await kill();
    tearNewestLog(profile());

    page = await open();
    // LevelDB skips the torn record of an uncommitted write: everything is still there.
    expect((await readJournal(page, TERMINAL)).slice(0, 3)).toEqual(firstThree);
    for (let i = 0; i < 2; i++) await book(page);
    const confirmed = (await readJournal(page, TERMINAL)).slice(0, 5);
    expect(confirmed.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    await kill();

    page = await open();
    const after = await readJournal(page, TERMINAL);
    expect(after.slice(0, 5)).toEqual(confirmed);
    // The restore itself is a fact for the server.
    expect(after[5]?.type).toBe('JournalRestored');
    await page.getByTestId('open-status').click();
    const notice = page.getByTestId('journal-restored');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.getAttribute('data-count')).toBe('5');
    expect(await notice.textContent()).toContain('5');
    // The session came back with the journal: the operator is still logged in.
    await page.getByTestId('status-close').click();
    await page.getByTestId('order-screen').waitFor({ timeout: 10_000 });
  }, 180_000);
});
