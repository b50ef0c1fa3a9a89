import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './processes';
import { auditPage } from './screen-checks';

/** The office sizes the plant's web pages are made for. */
export const WEB_SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/**
 * The terminal's screen audit over a web page at each office size: a
 * screenshot into `.takt/screens/web-<size>/<state>.png` and every problem
 * appended to `failures` (the test asserts it empty at the end, so one run
 * lists them all). The page is left at the first size.
 */
export async function auditWebPage(page: Page, state: string, failures: string[]): Promise<void> {
  for (const size of WEB_SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const dir = join(ROOT, '.takt/screens', `web-${size.width}x${size.height}`);
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${state}.png`) });
    for (const p of await auditPage(page)) failures.push(`${state} @${size.width}×${size.height} [${p.check}] ${p.what}`);
  }
  await page.setViewportSize(WEB_SIZES[0]);
}
