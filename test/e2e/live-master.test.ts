import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BADGES, DEMO_HOUSING_GTIN, DEMO_ORDERS } from '../../server/demo/demo-data';
import { launchChromium } from './support/browser';
import { takt } from './support/processes';
import { snapshotRenderer } from './support/renderer-snapshot';
import { startStack, type Stack } from './support/stack';

/**
 * Finding 13.1 end to end: with ORD-1001 open in real Chromium, quality runs
 * `takt import blocked-batch` (a separate process on the server's database)
 * for H-BLOCK-7 and for the housing batch already loaded on the order. Within
 * 10 s, without reopening the order, a scan of H-BLOCK-7 is refused and the
 * loaded batch is red, and good parts are refused until it is replaced.
 */
const TERMINAL = 'T-L1-01';
const ORDER = DEMO_ORDERS.L1[0]; // ORD-1001
const GS = '\x1d';
const T = 15_000;
/** The promise of the finding: a blocked batch takes effect within seconds while online. */
const LIVE = 10_000;
const housing = (batch: string) => `]C101${DEMO_HOUSING_GTIN}10${batch}`;
const RS = '\x1e';
const EOT = '\x04';
const screw = (batch: string) => `[)>${RS}06${GS}P100-0410${GS}1T${batch}${RS}${EOT}`;

describe('live master data: a batch blocked while the order is open', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let staticDir = '';

  async function verdict(tone: 'ok' | 'nok', text: string, timeout = T): Promise<void> {
    await page.locator(`[data-testid="wf-verdict"][data-tone="${tone}"]`).filter({ hasText: text }).waitFor({ timeout });
    if (tone === 'nok') await page.getByTestId('wf-ack').click({ timeout: T });
    else await page.evaluate(() => (document.querySelector('[data-testid="wf-verdict"]') as HTMLElement | null)?.click());
    await page.getByTestId('wf-verdict').waitFor({ state: 'detached', timeout: T });
  }

  beforeAll(async () => {
    staticDir = await snapshotRenderer();
    stack = await startStack(TERMINAL, 'L1', { hostEnv: { TAKT_STATIC_DIR: staticDir } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(stack.hostUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  it('refuses the newly blocked batch and turns the loaded one red within 10 s, without reopening the order', async () => {
    await page.getByTestId('login-screen').waitFor({ timeout: T });
    await expect.poll(() => page.getByTestId('scanner-state').getAttribute('data-state'), { timeout: T }).toBe('connected');
    await expect
      .poll(
        async () => {
          stack.scan(DEMO_BADGES.anna);
          return page.getByTestId('order-screen').waitFor({ timeout: 2_000 }).then(() => true, () => false);
        },
        { timeout: T, interval: 50 },
      )
      .toBe(true);
    await page.getByTestId(`open-${ORDER}`).click({ timeout: T });
    await page.getByTestId('order-detail').waitFor({ timeout: T });
    stack.scan(housing('H-0001'));
    await verdict('ok', 'Batch H-0001 of GH-200 loaded');
    stack.scan(screw('S-77'));
    await verdict('ok', 'Batch S-77 of 100-0410 loaded');

    // Quality blocks two housing batches from the command line, in another process, while the order stays open.
    const file = join(stack.dir, 'blocked.json');
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'BB-LIVE-7', materialId: 'M-HOUSING', batch: 'H-BLOCK-7', reason: 'Supplier recall' },
        { id: 'BB-LIVE-1', materialId: 'M-HOUSING', batch: 'H-0001', reason: 'Crack found' },
      ]),
    );
    await takt(['import', 'blocked-batch', file], stack.serverEnv);
    const imported = Date.now();

    // The loaded batch turns red with icon and text, and the banner says what to do.
    await page.locator('[data-testid="batch-GH-200"] [data-blocked="true"]').waitFor({ timeout: LIVE });
    expect(await page.getByTestId('batch-GH-200').textContent()).toContain('H-0001 · blocked');
    expect(await page.getByTestId('batch-GH-200').locator('svg[data-icon="nok"]').count()).toBe(1);
    expect(await page.getByTestId('wf-blocked-banner').textContent()).toContain('Batch H-0001 (GH-200) has been blocked: Crack found');
    // The newly blocked batch is refused when scanned, still within the 10 s.
    stack.scan(`]C101${DEMO_HOUSING_GTIN}${GS}10H-BLOCK-7`);
    await verdict('nok', 'Batch H-BLOCK-7 is blocked: Supplier recall', Math.max(1_000, LIVE - (Date.now() - imported)));
    expect(Date.now() - imported).toBeLessThan(LIVE);

    // The order cannot start on it either, until a good batch replaces it.
    await page.getByTestId('wf-start').click({ timeout: T });
    await verdict('nok', 'Batch H-0001 on this order has been blocked: Crack found.');
    stack.scan(housing('H-0002'));
    await verdict('ok', 'Batch change: H-0002 replaces H-0001 (GH-200)');
    await page.getByTestId('wf-blocked-banner').waitFor({ state: 'detached', timeout: T });
  }, 90_000);
});
