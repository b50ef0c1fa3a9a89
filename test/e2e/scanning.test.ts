import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BADGES, DEMO_HOUSING_GTIN } from '../../server/demo/demo-data';
import { startVirtualScanner } from '../../scripts/virtual-scanner';
import { launchChromium } from './support/browser';
import { startStack, type Stack } from './support/stack';

/**
 * Scanning end to end: real Chromium on the browser transport, a socat serial
 * scanner, the real server. The same labels sent by the serial scanner and
 * typed as keyboard-wedge bursts give the same parse on the Scan test screen;
 * unplugging and replugging the serial port recovers within 2 s, and the
 * status bar shows it.
 */
const GS = '\x1d';
const RS = '\x1e';
const EOT = '\x04';

const LABELS: [string, string, string][] = [
  ['GS1-128 with AIM ]C1', `]C10109501101530003172512311012345A${GS}21SN-0815`, 'gs1'],
  ['GS1 DataMatrix', `]d201${DEMO_HOUSING_GTIN}1727010110LOT-4711${GS}21S0001`, 'gs1'],
  ['ISO 15434 format 06 (GTL)', `[)>${RS}06${GS}P100-0410${GS}Q240${GS}V12345678${GS}1T2026-0042${GS}1JUN081234567000000042${RS}${EOT}`, 'iso15434'],
  ['VDA 4902 single field', ']A0P12345678', 'di'],
  ['plain badge', DEMO_BADGES.anna, 'plain'],
];

/** A keyboard-wedge scanner: one key after the other, a few ms apart, control characters as Ctrl combinations, then Enter. */
async function wedgeScan(page: Page, data: string): Promise<void> {
  await page.keyboard.press('Shift'); // the wedge ignores modifier keys; this wakes the input pipeline before the burst
  for (const ch of data) {
    if (ch === GS) await page.keyboard.press('Control+BracketRight');
    else if (ch === RS) await page.keyboard.press('Control+Shift+Digit6');
    else if (ch === EOT) await page.keyboard.press('Control+KeyD');
    else await page.keyboard.press(ch);
  }
  await page.keyboard.press('Enter');
}

const report = (page: Page) => page.getByTestId('scan-test-report');

async function nextReport(page: Page, previousId: string | null, source: string): Promise<{ parse: string; raw: string }> {
  await expect
    .poll(async () => ((await report(page).count()) > 0 ? `${await report(page).getAttribute('data-report')}|${await report(page).getAttribute('data-source')}` : ''), { timeout: 10_000 })
    .toMatch(new RegExp(`^(?!${previousId ?? 'none'}\\|)\\d+\\|${source}$`));
  return { parse: (await report(page).getAttribute('data-parse'))!, raw: (await page.getByTestId('scan-test-raw').textContent())! };
}

describe('scanning: every channel, the same understanding', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // The test drives keys over CDP on a shared machine: gaps of up to ~80 ms happen that a
    // real scanner never has, so this terminal is configured with a wider burst gap (inherited by the host process).
    const previousGap = process.env['TAKT_WEDGE_GAP_MS'];
    process.env['TAKT_WEDGE_GAP_MS'] = '150';
    try {
      [stack, browser] = await Promise.all([startStack('T-L1-01', 'L1'), launchChromium()]);
    } finally {
      if (previousGap === undefined) delete process.env['TAKT_WEDGE_GAP_MS'];
      else process.env['TAKT_WEDGE_GAP_MS'] = previousGap;
    }
    page = await browser.newPage();
    await page.goto(stack.hostUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('opens the Scan test screen with the serial scanner connected', async () => {
    await page.getByTestId('login-screen').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('scanner-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('connected');
    await expect.poll(() => page.getByTestId('line-name').textContent(), { timeout: 15_000 }).toContain('Montage 1');
    await page.getByTestId('open-scan-test').click();
    await page.getByTestId('scan-test-screen').waitFor();
  });

  it('serial scans and wedge bursts of the same labels give the same parse', async () => {
    let last: string | null = null;
    for (const [name, data, scheme] of LABELS) {
      stack.scan(data);
      const serial = await nextReport(page, last, 'serial');
      last = await report(page).getAttribute('data-report');
      await wedgeScan(page, data);
      const wedge = await nextReport(page, last, 'wedge');
      last = await report(page).getAttribute('data-report');
      expect(wedge, name).toEqual(serial);
      expect(JSON.parse(serial.parse) as { scheme?: string }, name).toMatchObject({ scheme });
    }
    // The plain badge was understood as Anna's badge, but the Scan test screen logged nobody in.
    expect(await page.getByTestId('scan-test-classification').getAttribute('data-kind')).toBe('badge');
    expect(await page.getByTestId('operator-name').textContent()).toBe('not logged in');
  });

  it('recovers within 2 s when the serial port is unplugged and plugged back in', async () => {
    const { hostPath, devicePath } = stack.scanner;
    await stack.scanner.stop();
    await expect.poll(() => page.getByTestId('scanner-state').getAttribute('data-state'), { timeout: 5_000 }).toBe('disconnected');
    await new Promise((r) => setTimeout(r, 2_000)); // long enough for the retry delay to reach its cap
    stack.scanner = await startVirtualScanner(hostPath, devicePath);
    const replugged = Date.now();
    await expect.poll(() => page.getByTestId('scanner-state').getAttribute('data-state'), { timeout: 2_000, interval: 50 }).toBe('connected');
    expect(Date.now() - replugged).toBeLessThan(2_000);

    const before = await report(page).getAttribute('data-report');
    stack.scan('AFTER-REPLUG');
    expect((await nextReport(page, before, 'serial')).raw).toBe('AFTER-REPLUG');
  });
});
