import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BADGES, DEMO_CUSTOMER_ID, DEMO_HOUSING_GTIN, DEMO_ORDERS } from '../../server/demo/demo-data';
import { launchChromium } from './support/browser';
import { ROOT } from './support/processes';
import { auditPage, type Problem } from './support/screen-checks';
import { startStack, type Stack } from './support/stack';

/**
 * The screen audit's dispatch states, walked like the shift in
 * `screen-audit.test.ts` but in its own stack: dispatch needs a customer
 * call-off and packed containers, one of them held by quality. States: the
 * customer choice, a container loaded, a held container refused, and the
 * loaded list with several containers. German at all three sizes, English at
 * the two small ones; screenshots in `.takt/screens[/en]/<size>/dispatch-*.png`.
 */
const T = 20_000;
const GS = '\x1d';
const RS = '\x1e';
const EOT = '\x04';
const PART = '8W0-907-468-B';
const housing = (batch: string) => `]C101${DEMO_HOUSING_GTIN}10${batch}${GS}17301231`;
const screw = (batch: string) => `[)>${RS}06${GS}P100-0410${GS}1T${batch}${RS}${EOT}`;
const ALL_SIZES = [{ width: 1024, height: 768 }, { width: 1280, height: 800 }, { width: 1920, height: 1080 }] as const;
type Size = (typeof ALL_SIZES)[number];
const LANGUAGES: { language: 'de' | 'en'; sizes: readonly [Size, ...Size[]]; screens: string }[] = [
  { language: 'de', sizes: ALL_SIZES, screens: '.takt/screens' },
  { language: 'en', sizes: [ALL_SIZES[0], ALL_SIZES[1]], screens: '.takt/screens/en' },
];

describe.each(LANGUAGES)('dispatch screen audit in $language', ({ language, sizes, screens }) => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const failures: string[] = [];
  const api = async (method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown, type = 'application/json') => {
    const res = await fetch(`${stack.serverUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${stack.adminToken}`, ...(body !== undefined ? { 'content-type': type } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };
  async function audit(state: string): Promise<void> {
    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const dir = join(ROOT, screens, `${size.width}x${size.height}`);
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: join(dir, `${state}.png`) });
      const problems: Problem[] = await auditPage(page);
      for (const p of problems) failures.push(`${language} ${state} @${size.width}×${size.height} [${p.check}] ${p.what}`);
      writeFileSync(join(ROOT, screens, 'problems-dispatch.txt'), failures.join('\n'));
    }
    await page.setViewportSize(sizes[0]);
  }
  const tap = (testId: string) => page.getByTestId(testId).click({ timeout: T });
  const shown = (testId: string) => page.getByTestId(testId).waitFor({ timeout: T });
  const dismissOk = async () => {
    await page.locator('[data-testid="wf-verdict"][data-tone="ok"]').waitFor({ timeout: T });
    await page.evaluate(() => (document.querySelector('[data-testid="wf-verdict"]') as HTMLElement | null)?.click());
    await page.getByTestId('wf-verdict').waitFor({ state: 'detached', timeout: T });
  };
  const printLabel = async () => {
    await shown('wf-label-preview');
    await tap('wf-print');
    await page.getByTestId('wf-label-preview').waitFor({ state: 'detached', timeout: T });
  };
  const verdictAfter = async (raw: string, code: string) => {
    stack.scan(raw);
    await page.locator(`[data-testid="dispatch-verdict"][data-code="${code}"]`).waitFor({ timeout: T });
  };

  beforeAll(async () => {
    stack = await startStack('T-L1-01', 'L1', { printer: true, hostEnv: { TAKT_LANGUAGE: language } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: sizes[0] });
    await page.goto(stack.hostUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('walks customer choice, container loaded, held container refused and the loaded list', async () => {
    const delfor = readFileSync(new URL('../fixtures/edi/delfor-d96a.edi', import.meta.url), 'utf8').replaceAll('A0004711', PART).replaceAll('AWS000001', DEMO_CUSTOMER_ID);
    expect(await api('POST', '/api/v1/edi/inbound', delfor, 'application/edifact')).toMatchObject({ status: 'applied' });
    await expect.poll(async () => {
      stack.scan(DEMO_BADGES.anna);
      return page.getByTestId('order-screen').waitFor({ timeout: 2_000 }).then(() => true, () => false);
    }, { timeout: T, interval: 50 }).toBe(true);

    // Three containers: two full (20 each) and a part one closed by hand; quality holds the second.
    await tap(`open-${DEMO_ORDERS.L1[0]}`);
    await shown('order-detail');
    for (const raw of [housing('H-0001'), screw('S-77'), 'PCB7-A0815', 'SEAL-004711']) {
      stack.scan(raw);
      await dismissOk();
    }
    await tap('wf-start');
    await dismissOk();
    for (const count of ['20', '20', '5']) {
      await tap('wf-plus-n');
      for (const d of count) await tap(`numpad-key-${d}`);
      await tap('numpad-submit');
      await dismissOk();
      if (count === '5') {
        await tap('wf-close-container');
        await dismissOk();
      }
      await printLabel();
    }
    let containers: { containerId: string; openedAt: string; closedAt: string | null }[] = [];
    await expect.poll(async () => {
      containers = ((await api('GET', '/api/v1/trace/batch/M-HOUSING/H-0001')).containers as typeof containers).filter((c) => c.closedAt);
      return containers.length;
    }, { timeout: T }).toBe(3);
    const [first, held, third] = [...containers].sort((a, b) => (a.openedAt < b.openedAt ? -1 : 1)).map((c) => c.containerId) as [string, string, string];
    const hold = await api('PUT', '/api/v1/master/container-hold/H-AUDIT', { containerId: held, reason: 'Sichtprüfung offen' });
    await expect.poll(async () => {
      await tap('open-status');
      const checkpoint = Number(await page.getByTestId('st-checkpoint').textContent());
      await tap('status-close');
      return checkpoint >= Number(hold.rev);
    }, { timeout: T }).toBe(true);

    await tap('wf-back');
    await tap('dispatch-open');
    await shown('dispatch-screen');
    await audit('dispatch-customers');
    await tap(`dispatch-start-${DEMO_CUSTOMER_ID}`);
    await shown('dispatch-progress');
    await verdictAfter(first, 'container-loaded');
    await audit('dispatch-loaded-ok');
    await verdictAfter(held, 'container-on-hold');
    await audit('dispatch-refused-held');
    await verdictAfter(third, 'container-loaded');
    await expect.poll(() => page.locator('[data-testid^="dispatch-loaded-"]').count(), { timeout: T }).toBe(2);
    await audit('dispatch-loaded-list');

    expect(failures, failures.join('\n')).toEqual([]);
  }, 120_000);
});
