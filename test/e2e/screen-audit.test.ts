import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BADGES, DEMO_HOUSING_GTIN, DEMO_JIS_SEQUENCE_ID, DEMO_ORDERS, DEMO_PIN } from '../../server/demo/demo-data';
import { launchChromium } from './support/browser';
import { ROOT } from './support/processes';
import { auditPage, type Problem } from './support/screen-checks';
import { startStack, type Stack } from './support/stack';

/**
 * The screen audit: one shift's states walked in real Chromium against the
 * real stack (server with demo plant, socat scanner, printer simulator), each
 * state checked at the three terminal sizes we support. A state fails when a
 * control of its active layer is outside the viewport or covered, text leaves
 * its box, a glyph has no bundled font, text looks like a raw key, or axe-core
 * finds a contrast or name violation. Screenshots land in
 * `.takt/screens/<size>/<state>.png` (README's come from the 1024×768 ones).
 * German keeps all three sizes (its words are the longest); English is walked
 * at the two small sizes too, because shorter words are no proof: an English
 * string can still be longer, or a key may be missing only in English.
 * English screenshots land in `.takt/screens/en/<size>/`.
 */
const ALL_SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
type Size = (typeof ALL_SIZES)[number];
const LANGUAGES: { language: 'de' | 'en'; sizes: readonly [Size, ...Size[]]; screens: string; reasonShown: RegExp }[] = [
  { language: 'de', sizes: ALL_SIZES, screens: '.takt/screens', reasonShown: /^Grund: \S/ },
  { language: 'en', sizes: [ALL_SIZES[0], ALL_SIZES[1]], screens: '.takt/screens/en', reasonShown: /^reason: \S/ },
];
const T = 15_000;
const ORDER = DEMO_ORDERS.L1[0];
const GS = '\x1d';
const RS = '\x1e';
const EOT = '\x04';
const housing = (batch: string, expiry = '301231') => `]C101${DEMO_HOUSING_GTIN}10${batch}${GS}17${expiry}`;
const screw = (batch: string) => `[)>${RS}06${GS}P100-0410${GS}1T${batch}${RS}${EOT}`;
/** A JIS part label as the demo call-off's variant source reads it (2P = variant). */
const jisPart = (part: string, variant: string, serial: string) => `[)>${RS}06${GS}P${part}${GS}2P${variant}${GS}S${serial}${RS}${EOT}`;

describe.each(LANGUAGES)('screen audit in $language: every state fits and reads right', ({ language, sizes, screens, reasonShown }) => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const failures: string[] = [];

  /** Checks the state as it is now at every size, saves its screenshots, and collects what is wrong. */
  async function audit(state: string): Promise<void> {
    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const dir = join(ROOT, screens, `${size.width}x${size.height}`);
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: join(dir, `${state}.png`) });
      const problems: Problem[] = await auditPage(page);
      for (const p of problems) failures.push(`${language} ${state} @${size.width}×${size.height} [${p.check}] ${p.what}`);
      writeFileSync(join(ROOT, screens, 'problems.txt'), failures.join('\n'));
    }
    await page.setViewportSize(sizes[0]);
  }

  const tap = (testId: string) => page.getByTestId(testId).click({ timeout: T });
  const shown = (testId: string) => page.getByTestId(testId).waitFor({ timeout: T });
  const gone = (testId: string) => page.getByTestId(testId).waitFor({ state: 'detached', timeout: T });
  /** Dismisses a short OK verdict so the next state is the screen underneath. */
  const dismissOk = async () => {
    await page.locator('[data-testid="wf-verdict"][data-tone="ok"]').waitFor({ timeout: T });
    await page.evaluate(() => (document.querySelector('[data-testid="wf-verdict"]') as HTMLElement | null)?.click());
    await gone('wf-verdict');
  };
  /** The approval's badge step is up; a verdict shown before it (the request explained) is acknowledged first. */
  const settleApproval = async () => {
    const badgeStep = page.locator('[data-testid="approval-layer"][data-step="awaiting-badge"]');
    await expect
      .poll(async () => {
        const ack = page.getByTestId('wf-ack');
        if (await ack.isVisible()) await ack.click();
        return (await badgeStep.isVisible()) && !(await page.getByTestId('wf-verdict').isVisible());
      }, { timeout: T })
      .toBe(true);
  };
  const pad = async (testId: string, digits: string) => {
    for (const d of digits) await tap(`${testId}-key-${d}`);
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

  it('walks login, PIN, orders, order running, pads, overlays, labels, JIS, print jobs and status', async () => {
    await shown('login-screen');
    await expect.poll(() => page.getByTestId('line-name').textContent(), { timeout: T }).toContain('Montage 1');
    await audit('login');

    // The shift lead's badge asks for the PIN; until the first pull brought the operators, scan again.
    await expect
      .poll(async () => {
        stack.scan(DEMO_BADGES.shiftLead);
        return page.locator('[data-testid="approval-layer"][data-step="awaiting-pin"]').waitFor({ timeout: 2_000 }).then(() => true, () => false);
      }, { timeout: T, interval: 50 })
      .toBe(true);
    await pad('approval', '24');
    await audit('pin');
    await tap('approval-cancel');

    stack.scan(DEMO_BADGES.anna);
    await shown('order-screen');
    await audit('orders');

    await tap('open-status');
    await shown('status-screen');
    await audit('status');
    await tap('status-close');

    await tap(`open-${ORDER}`);
    await shown('order-detail');
    await audit('order-released');

    stack.scan(housing('H-OLD', '240101'));
    await page.locator('[data-testid="wf-verdict"][data-tone="nok"]').waitFor({ timeout: T });
    await audit('nok-overlay');
    await tap('wf-ack');

    for (const raw of [housing('H-0001'), screw('S-77'), 'PCB7-A0815', 'SEAL-004711']) {
      stack.scan(raw);
      await dismissOk();
    }
    await tap('wf-start');
    await dismissOk();
    await tap('wf-plus-one');
    await dismissOk();
    await audit('order-running');

    // Downtime on the order screen: a stop booked by hand (the reason layer), running, ended; the shift's stops.
    await tap('dt-manual-start');
    await shown('dt-reason-layer');
    await audit('downtime-reasons');
    await tap('dt-reason-SETUP');
    await dismissOk();
    await shown('dt-manual-end');
    await audit('downtime-stop-open');
    await tap('dt-manual-end');
    await dismissOk();
    await tap('dt-edit-open');
    await shown('dt-stop-list');
    await audit('downtime-stops');
    await tap('dt-stop-list-close');

    await tap('wf-plus-n');
    await shown('wf-count-panel');
    await pad('numpad', '12');
    await audit('quantity-pad');
    await tap('wf-count-cancel');

    await tap('wf-pause');
    await shown('wf-pause-panel');
    await audit('pause-reasons');
    await tap('wf-pause-cancel');

    await tap('wf-scrap-open');
    await shown('wf-scrap-panel');
    await tap('scrap-reason-PRC-ASM');
    await audit('scrap');
    await tap('scrap-pad-backspace');
    await pad('scrap-pad', '12');
    await tap('scrap-pad-submit');
    await settleApproval();
    await audit('approval-badge');
    stack.scan(DEMO_BADGES.shiftLead);
    await page.locator('[data-testid="approval-layer"][data-step="awaiting-pin"]').waitFor({ timeout: T });
    await audit('approval-pin');
    await tap('approval-cancel');
    await tap('scrap-close');

    await tap('wf-complete');
    await shown('wf-complete-panel');
    await pad('numpad', '19');
    await audit('completion-pad');
    await tap('wf-complete-cancel');

    // The rest of the first container: it is full, closes, and its label is previewed.
    await tap('wf-plus-n');
    await pad('numpad', '19');
    await tap('numpad-submit');
    await dismissOk();
    await shown('wf-label-preview');
    await audit('label-preview');
    await tap('wf-print');
    await gone('wf-label-preview');

    await tap('open-print-jobs');
    await shown('print-jobs-screen');
    await audit('print-jobs');
    await tap('print-jobs-close');

    await tap('wf-back');
    await tap(`jis-open-${DEMO_JIS_SEQUENCE_ID}`);
    await shown('jis-current');
    stack.scan(jisPart('5Q0-857-001-A', 'schwarz', 'SN-J1'));
    await expect.poll(() => page.getByTestId('jis-current').getAttribute('data-seq'), { timeout: T }).toBe('2');
    await audit('jis-current');

    stack.scan(jisPart('5Q0-857-002', 'beige', 'SN-J2'));
    await shown('jis-mismatch');
    await audit('jis-wrong-part');
    await tap('jis-override-start');
    await page.locator('[data-testid="approval-layer"][data-step="awaiting-badge"]').waitFor({ timeout: T });
    await audit('jis-override-badge');
    stack.scan(DEMO_BADGES.shiftLead);
    await page.locator('[data-testid="approval-layer"][data-step="awaiting-pin"]').waitFor({ timeout: T });
    await pad('approval', DEMO_PIN);
    await tap('approval-submit');
    await page.locator('[data-testid^="approval-reason-"]').first().waitFor({ timeout: T });
    await audit('jis-override-reason');
    await page.locator('[data-testid^="approval-reason-"]').first().click({ timeout: T });
    await gone('approval-layer');
    await expect.poll(() => page.getByTestId('jis-current').getAttribute('data-seq'), { timeout: T }).toBe('3');
    // The done list names the part actually built under the override, and why.
    expect(await page.getByTestId('jis-pos-2-built').textContent()).toContain('5Q0-857-002');
    expect(await page.getByTestId('jis-pos-2-reason').textContent()).toMatch(reasonShown);
    await audit('jis-done-override');

    expect(failures, failures.join('\n')).toEqual([]);
  }, 170_000);
});
