import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BADGES, DEMO_HOUSING_GTIN, DEMO_ORDERS } from '../../server/demo/demo-data';
import { launchChromium } from './support/browser';
import { startStack, type Stack } from './support/stack';

/**
 * The Foundation slice end to end: real Chromium through the browser
 * transport, a real socat scanner, the real server. Badge login → the server
 * goes down → starting an order is refused until its batches are scanned, then
 * it starts → the events are in the journal → work goes on and
 * the pending count shows → the server comes back → every event at the server
 * exactly once. A reload keeps the operator's state.
 */
const TERMINAL = 'T-L1-01';
const ORDER = DEMO_ORDERS.L1[0];

async function journalEvents(page: Page): Promise<{ seq: number; type: string; id: string }[]> {
  return page.evaluate(
    (name) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('events', 'readonly');
          const req = tx.objectStore('events').getAll();
          req.onsuccess = () => {
            resolve((req.result as { seq: number; type: string; id: string }[]).map(({ seq, type, id }) => ({ seq, type, id })));
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    `takt-journal-${TERMINAL}`,
  );
}

const pending = (page: Page) => page.getByTestId('sync-pending');

describe('foundation: one thin slice through every layer', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stack = await startStack(TERMINAL, 'L1');
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(stack.hostUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows the login screen, the line from master data and the scanner as connected', async () => {
    await page.getByTestId('login-screen').waitFor();
    await expect.poll(() => page.getByTestId('line-name').textContent(), { timeout: 15_000 }).toContain('Montage 1');
    await expect.poll(() => page.getByTestId('scanner-state').getAttribute('data-state')).toBe('connected');
  });

  it('explains a scan it does not understand and changes nothing', async () => {
    stack.scan('NOT-A-BADGE\x1d42');
    await page.getByTestId('unknown-scan').waitFor({ timeout: 10_000 }).catch(async (err: unknown) => {
      await page.screenshot({ path: '.takt/e2e-unknown-scan.png' });
      throw err;
    });
    expect(await page.getByTestId('unknown-scan').textContent()).toContain('NOT-A-BADGE<GS>42');
    await page.getByTestId('login-screen').waitFor();
    expect(await journalEvents(page)).toEqual([]);
  });

  it('logs in by badge on the serial scanner and lists the line\'s orders', async () => {
    stack.scan(DEMO_BADGES.anna);
    await page.getByTestId('order-screen').waitFor();
    expect(await page.getByTestId('operator-name').textContent()).toContain('Anna Becker');
    for (const order of DEMO_ORDERS.L1) await page.getByTestId(`order-${order}`).waitFor();
    expect(await page.getByTestId(`order-${DEMO_ORDERS.L2[0]}`).count()).toBe(0);
    await expect.poll(() => pending(page).textContent(), { timeout: 15_000 }).toBe('0');
  });

  it('keeps working while the server is down and shows what is pending', async () => {
    await stack.stopServer('SIGKILL');
    // Start on the list opens the order; its batch-tracked materials are not loaded yet, so it is refused there.
    await page.getByTestId(`start-${ORDER}`).click();
    const refused = page.locator('[data-testid="wf-verdict"][data-tone="nok"]');
    await refused.filter({ hasText: 'Load a batch first for: GH-200, PCB-7, 100-0410, D-32' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('wf-ack').click();
    // Offline, the batches load from the scanner and the order starts.
    for (const [scan, batch] of [
      [`]C101${DEMO_HOUSING_GTIN}10H-0001\x1d17301231`, 'H-0001'],
      ['PCB7-A0815', 'PCB7-A0815'],
      ['[)>\x1e06\x1dP100-0410\x1d1TS-77\x1e\x04', 'S-77'],
      ['SEAL-004711', 'SEAL-004711'],
    ] as const) {
      stack.scan(scan);
      await page.locator('[data-testid="wf-verdict"][data-tone="ok"]').filter({ hasText: `Batch ${batch} of` }).waitFor({ timeout: 15_000 });
    }
    await page.getByTestId('wf-start').click();
    await expect.poll(() => page.getByTestId('order-detail').getAttribute('data-status')).toBe('started');
    await page.getByTestId('wf-back').click();
    await expect.poll(() => page.getByTestId(`order-${ORDER}`).getAttribute('data-status')).toBe('started');
    const events = await journalEvents(page);
    expect(events.map((e) => e.type)).toEqual(['OperatorLoggedIn', 'MaterialLoaded', 'MaterialLoaded', 'MaterialLoaded', 'MaterialLoaded', 'OrderStarted']);
    await expect.poll(() => pending(page).textContent(), { timeout: 15_000 }).toBe('5');
    expect(await page.getByTestId('sync-pending-text').textContent()).toContain('5 to send');
    await expect.poll(() => page.getByTestId('sync-online').getAttribute('data-online'), { timeout: 15_000 }).toBe('false');
  });

  it('keeps the operator and the started order across a reload', async () => {
    await page.reload();
    await page.getByTestId('order-screen').waitFor();
    expect(await page.getByTestId('operator-name').textContent()).toContain('Anna Becker');
    expect(await page.getByTestId(`order-${ORDER}`).getAttribute('data-status')).toBe('started');
    expect(await pending(page).textContent()).toBe('5');
  });

  it('delivers every event exactly once when the server is back', async () => {
    await stack.startServer();
    await expect.poll(() => pending(page).textContent(), { timeout: 40_000 }).toBe('0');
    const atServer = await stack.serverEvents(TERMINAL);
    const local = await journalEvents(page);
    expect(atServer.map((e) => [e.seq, e.id, e.type])).toEqual(local.map((e) => [e.seq, e.id, e.type]));
    expect(atServer.filter((e) => e.type === 'OrderStarted')).toHaveLength(1);
  });
});
