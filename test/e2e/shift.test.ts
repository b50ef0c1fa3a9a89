import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { snapshotRenderer } from './support/renderer-snapshot';
import { BLOCKED, SMALLEST, TERMINAL, recordVerdicts, shiftDriver, type ShiftDriver } from './support/shift-rig';
import { bookScrap, loadMaterials, logInAndOpenOrder, pauseHandOverAndComplete, startAndBookGood } from './support/shift-production';
import { switchOperatorByBadge, syncAndTrace } from './support/shift-trace';
import { startStack, type Stack } from './support/stack';

/**
 * A whole shift at one terminal, end to end, on the smallest terminal we
 * support (1024×768) from the first scan to the last: real Chromium through
 * the browser host, a socat scanner, the ZPL printer simulator and the real
 * server with its demo plant. Badge login → an expired and a blocked batch
 * refused → materials loaded → start → good parts counted and by serial →
 * a full container closes and its label prints → scrap without and with the
 * shift lead → batch change → pause/resume → handover → partial container →
 * complete. Every control is checked to be in view and uncovered before it
 * is tapped, and nothing may scroll after any step. Then the server's
 * forward trace of the first housing batch must tell exactly that story.
 */
describe('shift: a whole shift at the terminal at 1024×768, traced at the server', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let driver: ShiftDriver;
  let staticDir = '';

  beforeAll(async () => {
    staticDir = await snapshotRenderer();
    stack = await startStack(TERMINAL, 'L1', { printer: true, hostEnv: { TAKT_STATIC_DIR: staticDir } });
    // Quality blocks a housing batch before the shift: the terminal's first pull brings it.
    const res = await fetch(`${stack.serverUrl}/api/v1/master/blocked-batch/BB-E2E-1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ materialId: 'M-HOUSING', batch: BLOCKED, reason: 'Quality hold' }),
    });
    expect(res.status, await res.text()).toBe(200);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: SMALLEST });
    await recordVerdicts(page);
    driver = shiftDriver(page, stack);
    await page.goto(stack.hostUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  /** Runs a step at 1024×768; on failure, a screenshot of the screen it failed on. */
  async function during(name: string, body: (d: ShiftDriver) => Promise<void>): Promise<void> {
    try {
      expect(page.viewportSize()).toEqual(SMALLEST);
      await body(driver);
      await driver.settled(`at the end of ${name}`);
    } catch (err) {
      await page?.screenshot({ path: `.takt/e2e-shift-${name}.png` }).catch(() => undefined);
      throw err;
    }
  }

  it('logs in by badge and opens the order', () => during('login', logInAndOpenOrder), 40_000);
  it('refuses an expired and a blocked batch with a red NOK, books nothing, then loads every BOM item', () => during('materials', loadMaterials), 40_000);
  it('starts, books good parts counted and by serial, fills a container and prints its label', () => during('good', startAndBookGood), 40_000);
  it('books scrap without and, above the threshold, with the shift lead', () => during('scrap', bookScrap), 40_000);
  it('pauses, resumes, hands over to the next operator, closes a partial container and completes', () => during('finish', pauseHandOverAndComplete), 40_000);
  it('syncs everything, and the server traces the first housing batch to exactly what was done', () => during('trace', syncAndTrace), 60_000);
  it('a badge scanned while someone is logged in switches the operator', () => during('switch', switchOperatorByBadge), 30_000);
});
