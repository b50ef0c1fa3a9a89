import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { ROOT } from './support/processes';
import { HOUSING_LABEL, USERS, loginPage, startWebPlant, type WebPlant } from './support/web-plant';
import { auditWebPage, WEB_SIZES } from './support/web-audit';

/**
 * The screen audit of the terminal (in view, nothing covered, no overflow,
 * bundled font, no raw keys, axe-core) over the web pages, at the office
 * sizes they are made for. Screenshots land in `.takt/screens/web-<size>/`.
 */
const T = 15_000;

describe('web screen audit: every page fits and reads right at 1366×768 and 1920×1080', () => {
  let plant: WebPlant;
  let browser: Browser;
  const failures: string[] = [];

  const audit = (page: Page, state: string) => auditWebPage(page, state, failures);

  const traceLabel = async (page: Page, label: string) => {
    await page.getByTestId('trace-first').fill(label);
    await page.getByTestId('trace-submit').click();
  };

  beforeAll(async () => {
    plant = await startWebPlant();
    browser = await launchChromium();
    // One terminal that has not called in for half an hour, to see how a silent one looks.
    await plant.database.db
      .insertInto('terminal_contacts')
      .values({ terminal_id: 'T-P', last_contact_at: new Date(Date.now() - 30 * 60_000).toISOString(), last_route: 'GET /api/v1/sync/notify', app_version: '0.1.0', last_error_at: null, last_error: null })
      .onConflict((oc) => oc.column('terminal_id').doUpdateSet({ last_contact_at: new Date(Date.now() - 30 * 60_000).toISOString() }))
      .execute();
  });
  afterAll(async () => {
    await browser?.close();
    await plant?.close();
  });

  it('audits login, trace (forward, backward, unresolved, blocked), audit log, in German and English', async () => {
    const context = await browser.newContext({ viewport: WEB_SIZES[0], locale: 'de-DE' });
    const login = await context.newPage();
    await login.goto(`${plant.url}/web/`);
    await login.getByTestId('login-form').waitFor({ timeout: T });
    await audit(login, 'login');
    await login.getByTestId('login-username').fill(USERS.quality);
    await login.getByTestId('login-password').fill('falsch-falsch-falsch');
    await login.getByTestId('login-submit').click();
    await login.getByTestId('login-error').waitFor({ timeout: T });
    await audit(login, 'login-wrong');
    await context.close();

    const page = await loginPage(browser, plant, USERS.quality);
    await audit(page, 'trace-empty');
    await traceLabel(page, HOUSING_LABEL);
    await page.getByTestId('batch-result').waitFor({ timeout: T });
    await audit(page, 'trace-batch');
    await page.getByTestId('block-reason').fill('Risse im Gehäuse (8D-4711)');
    await page.getByTestId('block-batch').click();
    await page.getByTestId('batch-blocked').waitFor({ timeout: T });
    await audit(page, 'trace-batch-blocked');
    await page.getByTestId('trace-mode').selectOption('container');
    await page.getByTestId('trace-first').fill('C-3');
    await page.getByTestId('trace-submit').click();
    await page.getByTestId('backward-result').waitFor({ timeout: T });
    await audit(page, 'trace-container');
    await page.getByTestId('trace-mode').selectOption('scan');
    await traceLabel(page, 'NICHTS-BEKANNTES');
    await page.getByTestId('trace-error').waitFor({ timeout: T });
    await audit(page, 'trace-unresolved');
    await page.getByTestId('nav-flags').click();
    await page.getByTestId('flag-row').first().waitFor({ timeout: T });
    await audit(page, 'flags');
    await page.getByTestId('nav-terminals').click();
    await page.getByTestId('fleet-row').first().waitFor({ timeout: T });
    await audit(page, 'terminals');
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-row').first().waitFor({ timeout: T });
    await audit(page, 'audit-log');
    await page.getByTestId('language').click();
    await page.getByText('Audit log', { exact: true }).first().waitFor({ timeout: T });
    await audit(page, 'audit-log-en');
    await page.getByTestId('nav-trace').click();
    await traceLabel(page, HOUSING_LABEL);
    await page.getByTestId('batch-result').waitFor({ timeout: T });
    await audit(page, 'trace-batch-en');
    await page.getByTestId('nav-terminals').click();
    await page.getByTestId('fleet-row').first().waitFor({ timeout: T });
    await audit(page, 'terminals-en');

    writeFileSync(join(ROOT, '.takt/screens/web-problems.txt'), failures.join('\n'));
    expect(failures).toEqual([]);
  });
});
