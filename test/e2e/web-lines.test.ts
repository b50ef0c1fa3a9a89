import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTerminal } from '../../server/credentials-store';
import { openDatabase } from '../../server/db/create-database';
import { upsertMaster, type MasterInput } from '../../server/master-data-store';
import { newId } from '../../shared/ids';
import { DEMO_ORDERS } from '../../server/demo/demo-data';
import { addUser } from '../../server/users/user-store';
import { launchChromium } from './support/browser';
import { clearVerdict, startDemoOrder } from './support/demo-order';
import { breakFreeShiftModel } from './support/master-rows';
import { ROOT } from './support/processes';
import { snapshotRenderer } from './support/renderer-snapshot';
import { startStack, type Stack } from './support/stack';
import { auditWebPage, WEB_SIZES } from './support/web-audit';

/**
 * The lines page live, end to end: `takt server --demo`, a real terminal (the
 * renderer in Chromium, its host, a socat scanner) and a viewer's lines page
 * in another browser context. The operator starts ORD-1001 and books good
 * parts; the page shows them without a reload. Then the screen audit runs
 * over the page at 1366×768 and 1920×1080 in German and English, and the
 * terminals page shows what the terminal reported about itself.
 * Screenshots land in `.takt/screens/web-<size>/lines-*.png`.
 */
const TERMINAL = 'T-L1-01';
const ORDER = DEMO_ORDERS.L1[0];
const T = 15_000;
const PASSWORD = 'Linien-live-2025!';

describe('web lines page: live from a running terminal (real Chromium, real server, real host)', () => {
  let stack: Stack;
  let browser: Browser;
  let terminal: Page;
  let lines: Page;
  let staticDir = '';
  /** A second terminal of L1 that books a stop over plain HTTP, as its sync would. */
  let stopTerminalToken = '';
  const failures: string[] = [];

  const verdict = (tone: 'ok' | 'nok', text: string) => clearVerdict(terminal, tone, text, T);

  const audit = (page: Page, state: string) => auditWebPage(page, state, failures);

  const order = () => lines.locator(`[data-testid="line-card"][data-line="L1"] [data-testid="line-order"][data-order="${ORDER}"]`);

  beforeAll(async () => {
    staticDir = await snapshotRenderer();
    stack = await startStack(TERMINAL, 'L1', { hostEnv: { TAKT_STATIC_DIR: staticDir } });
    // A viewer, written into the server's database the way `takt user add` does it.
    const database = openDatabase({ dataDir: stack.serverEnv.TAKT_DATA_DIR ?? '' });
    try {
      const added = await addUser(database.db, { username: 'gast', role: 'viewer', password: PASSWORD, displayName: 'Gast' });
      expect(added.ok).toBe(true);
      // A day shift without breaks: the stop booked below keeps its 15 minutes at any time of day.
      const [, shiftModel] = breakFreeShiftModel('L1', Date.now());
      expect((await upsertMaster(database.db, 'shift-model', shiftModel as MasterInput<'shift-model'>)).ok).toBe(true);
      const reason = await upsertMaster(database.db, 'downtime-reason', { id: 'DR-MAT', lineId: 'L1', code: 'MAT', loss: 'availability', label: { de: 'Materialmangel', en: 'Material shortage' } });
      expect(reason.ok).toBe(true);
      stopTerminalToken = (await registerTerminal(database.db, { id: 'T-L1-99', lineId: 'L1' })).token;
      // L2's terminal last reported a backlog, a printer fault and a sync error, to see how that reads.
      await database.db
        .insertInto('terminal_status')
        .values({
          terminal_id: 'T-L2-01',
          reported_at: new Date(Date.now() - 3 * 60_000).toISOString(),
          app_version: '0.0.9',
          pending: 212,
          oldest_pending_at: new Date(Date.now() - 47 * 60_000).toISOString(),
          scanner_state: 'disconnected',
          printer_state: 'error',
          storage_free_bytes: 850_000_000,
          last_error_code: 'server-unreachable',
          last_error: 'POST /api/v1/sync/push: server unreachable (ECONNREFUSED)',
          last_error_at: new Date(Date.now() - 4 * 60_000).toISOString(),
        })
        .execute();
    } finally {
      await database.close();
    }
    browser = await launchChromium();
    terminal = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await terminal.goto(stack.hostUrl);
    const context = await browser.newContext({ viewport: WEB_SIZES[0], locale: 'de-DE' });
    lines = await context.newPage();
    await lines.goto(`${stack.serverUrl}/web/`);
    await lines.getByTestId('login-username').fill('gast');
    await lines.getByTestId('login-password').fill(PASSWORD);
    await lines.getByTestId('login-submit').click();
    await lines.getByTestId('web-user').waitFor({ timeout: T });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  it('shows the line idle, then the order started and its good parts as the terminal books them, without a reload', async () => {
    await lines.getByTestId('nav-lines').click();
    await lines.locator('[data-testid="lines-live"][data-state="live"]').waitFor({ timeout: T });
    await lines.locator('[data-testid="line-card"][data-line="L1"]').waitFor({ timeout: T });
    expect(await lines.locator('[data-testid="line-card"][data-line="L1"] [data-testid="line-idle"]').innerText()).toContain('Kein Auftrag läuft');
    await audit(lines, 'lines-idle');
    // A mark the page would lose on a reload.
    await lines.evaluate(() => ((window as unknown as { taktMark: number }).taktMark = 4711));

    await startDemoOrder(terminal, stack, ORDER, T);

    await order().waitFor({ timeout: T });
    expect(await order().getByTestId('line-order-status').innerText()).toContain('läuft');
    expect(await order().getByTestId('line-good').innerText()).toBe('0 von 50 gut');

    for (let i = 1; i <= 3; i++) {
      await terminal.getByTestId('wf-plus-one').click({ timeout: T });
      await verdict('ok', '1 good part booked');
    }
    await expect.poll(() => order().getByTestId('line-good').innerText(), { timeout: T }).toBe('3 von 50 gut');
    expect(await lines.evaluate(() => (window as unknown as { taktMark?: number }).taktMark)).toBe(4711);
    expect(await order().locator('[role="progressbar"]').getAttribute('aria-valuenow')).toBe('3');

    // Another terminal of the line books a 15-minute stop for lack of material: it joins the timeline, in words too.
    const stop = {
      id: newId(),
      terminalId: 'T-L1-99',
      seq: 1,
      type: 'DowntimeBooked',
      occurredAt: new Date().toISOString(),
      payload: { stopId: 'STOP-1', from: new Date(Date.now() - 40 * 60_000).toISOString(), to: new Date(Date.now() - 25 * 60_000).toISOString(), reasonId: 'DR-MAT' },
      schemaVersion: 1,
    };
    const pushed = await fetch(`${stack.serverUrl}/api/v1/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${stopTerminalToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ terminalId: 'T-L1-99', events: [stop] }) });
    expect(pushed.status).toBe(200);
    const stops = lines.locator('[data-testid="line-card"][data-line="L1"] [data-testid="line-stops"]');
    await expect.poll(() => stops.innerText(), { timeout: T }).toMatch(/^1 Stillstand, 15 min · \d\d:\d\d Materialmangel \(15 min\)$/);
    expect(await lines.locator('[data-testid="line-card"][data-line="L1"] .lines-seg-stop').count()).toBe(1);
    await audit(lines, 'lines-running');
  }, 120_000);

  it('reads right in English too, and the terminals page shows what the terminal reported', async () => {
    await lines.getByTestId('language').click();
    await lines.getByText('No order running').or(lines.getByText('3 of 50 good')).first().waitFor({ timeout: T });
    expect(await order().getByTestId('line-good').innerText()).toBe('3 of 50 good');
    await audit(lines, 'lines-running-en');

    await lines.getByTestId('nav-terminals').click();
    const row = lines.locator(`[data-testid="fleet-row"][data-terminal="${TERMINAL}"]`);
    await row.getByTestId('fleet-devices').waitFor({ timeout: T });
    const devices = await row.getByTestId('fleet-devices').innerText();
    expect(devices).toContain('scanner connected');
    expect(devices).toMatch(/printer (ready|offline|error)|no printer/);
    await expect.poll(async () => row.getByTestId('fleet-pending').innerText(), { timeout: 90_000 }).toBe('0 events');
    expect(await row.getByTestId('fleet-storage').innerText()).toMatch(/\d GB/);
    const behind = lines.locator('[data-testid="fleet-row"][data-terminal="T-L2-01"]');
    expect(await behind.getByTestId('fleet-pending').innerText()).toMatch(/^212 events\noldest .* \(47 minutes old\)$/);
    expect((await behind.getByTestId('fleet-devices').innerText()).replace(/\s+/g, ' ').trim()).toBe('scanner disconnected printer error');
    expect(await behind.getByTestId('fleet-sync-error').innerText()).toContain('sync: POST /api/v1/sync/push: server unreachable (ECONNREFUSED)');
    await audit(lines, 'terminals-reported-en');

    writeFileSync(join(ROOT, '.takt/screens/web-lines-problems.txt'), failures.join('\n'));
    expect(failures).toEqual([]);
  }, 120_000);
});
