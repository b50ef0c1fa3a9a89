import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './processes';
import { auditPage, type Problem } from './screen-checks';

/** The two terminal sizes every screen must fit without scrolling. */
export const TERMINAL_SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
] as const;

/**
 * Screenshots of the state as it is now at both terminal sizes, into
 * `.takt/screens/<folder>/<size>/<state>.png`, and what the screen audit finds
 * wrong at each; the page is left at the first size.
 */
export async function shootAndAudit(page: Page, folder: string, state: string): Promise<string[]> {
  const found: string[] = [];
  for (const size of TERMINAL_SIZES) {
    await page.setViewportSize(size);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const dir = join(ROOT, '.takt/screens', folder, `${size.width}x${size.height}`);
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${state}.png`) });
    const problems: Problem[] = await auditPage(page);
    for (const p of problems) found.push(`${state} @${size.width}×${size.height} [${p.check}] ${p.what}`);
  }
  await page.setViewportSize(TERMINAL_SIZES[0]);
  return found;
}
