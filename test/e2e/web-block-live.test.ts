import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORDERS } from '../../server/demo/demo-data';
import { openDatabase } from '../../server/db/create-database';
import { addUser } from '../../server/users/user-store';
import { launchChromium } from './support/browser';
import { startDemoOrder } from './support/demo-order';
import { snapshotRenderer } from './support/renderer-snapshot';
import { startStack, type Stack } from './support/stack';

/**
 * The promise, end to end: a terminal (the real renderer behind the
 * browser host) runs ORD-1001 with its whole BOM loaded, housing batch H-0001
 * among it; a quality
 * engineer finds that batch on the web Trace page of the same `takt server`,
 * sees the order holding it, and blocks it. The terminal's order shows the
 * batch red within 5 s of the click, without reopening the order.
 */
const TERMINAL = 'T-L1-01';
const ORDER = DEMO_ORDERS.L1[0]; // ORD-1001
const T = 15_000;
/** Done means: "blocking a batch on the page turns it red on a running terminal's order within 5 s". */
const WITHIN = 5_000;
const PASSWORD = 'Qualität-im-Werk-1';

describe('a batch blocked on the web Trace page turns red on the running order within 5 s', () => {
  let stack: Stack;
  let browser: Browser;
  let terminal: Page;
  let web: Page;
  const copies: string[] = [];


  beforeAll(async () => {
    copies.push(await snapshotRenderer(), await snapshotRenderer('dist/web', '/web/'));
    stack = await startStack(TERMINAL, 'L1', { hostEnv: { TAKT_STATIC_DIR: copies[0] as string }, serverEnv: { TAKT_WEB_DIR: copies[1] as string } });
    // The person is added straight into the server's SQLite file, as `takt user add` would from another process.
    const database = openDatabase({ dataDir: join(stack.dir, 'server') });
    try {
      const added = await addUser(database.db, { username: 'mueller', role: 'quality', password: PASSWORD, displayName: 'Anna Müller' });
      if (!added.ok) throw new Error(added.error.message);
    } finally {
      await database.close();
    }
    browser = await launchChromium();
    terminal = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await terminal.goto(stack.hostUrl);
    const office = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB' });
    web = await office.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  it('blocks H-0001 from the web page while ORD-1001 runs with it: red on the terminal within 5 s', async () => {
    await startDemoOrder(terminal, stack, ORDER, T);
    await terminal.locator('[data-testid="order-detail"][data-status="started"]').waitFor({ timeout: T });
    expect(await terminal.locator('[data-testid="batch-GH-200"] [data-blocked="true"]').count()).toBe(0);

    // Quality, in the office: the web Trace page of the same server, the batch by material and batch.
    await web.goto(`${stack.serverUrl}/web/`);
    await web.getByTestId('login-username').fill('mueller');
    await web.getByTestId('login-password').fill(PASSWORD);
    await web.getByTestId('login-submit').click();
    await web.getByTestId('trace-mode').selectOption('batch');
    await web.getByTestId('trace-first').fill('M-HOUSING');
    await web.getByTestId('trace-second').fill('H-0001');
    // The terminal's load reaches the server with its next push: search until the page shows the order holding the batch.
    await expect
      .poll(
        async () => {
          await web.getByTestId('trace-submit').click();
          await web.getByTestId('batch-result').waitFor({ timeout: T });
          return web.getByTestId('tree-order').allInnerTexts();
        },
        { timeout: T, interval: 500 },
      )
      .toEqual([expect.stringContaining(ORDER)]);
    await web.getByTestId('block-reason').fill('Crack in the housing (8D-4711)');
    await web.getByTestId('block-batch').click();

    // The deadline is the wait itself: the terminal must show the batch red within 5 s of the click.
    await terminal.locator('[data-testid="batch-GH-200"] [data-blocked="true"]').waitFor({ timeout: WITHIN });
    expect(await terminal.getByTestId('batch-GH-200').textContent()).toContain('H-0001 · blocked');
    expect(await terminal.getByTestId('wf-blocked-banner').textContent()).toContain('Batch H-0001 (GH-200) has been blocked: Crack in the housing (8D-4711)');
    await web.getByTestId('batch-blocked').waitFor({ timeout: T });
  }, 120_000);
});
