import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { scrollProblems, tapProblem } from './support/screen-checks';

/**
 * The checks the whole-shift walk makes before every tap and after every
 * step, on pages built to break them: a button below the fold, one half
 * under a banner, a page taller than the window, a list scrolled away.
 */
describe('tap and scroll checks', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const show = (body: string) => page.setContent(`<!doctype html><html><body style="margin:0">${body}</body></html>`);
  const button = (id: string, style: string) => `<button data-testid="${id}" style="position:absolute;width:200px;height:80px;${style}">${id}</button>`;

  it('a button in view and on top can be tapped', async () => {
    await show(button('ok', 'left:10px;top:10px'));
    expect(await tapProblem(page, 'ok')).toBeNull();
    expect(await scrollProblems(page)).toEqual([]);
  });

  it('a button below the fold, or partly outside, is named with where it lies', async () => {
    await show(button('low', 'left:10px;top:700px') + button('gone', 'left:10px;top:900px'));
    expect(await tapProblem(page, 'low')).toMatch(/^low: outside the 1024×768 viewport at 10,700–210,780$/);
    expect(await tapProblem(page, 'gone')).toMatch(/^gone: outside/);
    expect(await tapProblem(page, 'missing')).toBe('missing: not on the page');
  });

  it('a banner over the lower half of a button is a covered tap', async () => {
    await show(button('half', 'left:10px;top:100px') + '<div data-testid="banner" style="position:absolute;left:0;top:150px;width:400px;height:60px;background:#333"></div>');
    expect(await tapProblem(page, 'half')).toMatch(/^half: its bottom is covered by <div data-testid="banner"/);
  });

  it('a page taller than the window, a scrolled page and a scrolled list are all reported', async () => {
    await show('<div style="height:2000px"></div><div data-testid="list" style="height:100px;overflow:auto"><div style="height:400px"></div></div>');
    await page.evaluate(() => {
      window.scrollTo(0, 50);
      document.querySelector('[data-testid="list"]')!.scrollTop = 30;
    });
    const problems = await scrollProblems(page);
    expect(problems).toContain('page scrolled to 0,50');
    expect(problems.some((p) => /^page is \d+ px tall in a 768 px window$/.test(p))).toBe(true);
    expect(problems).toContain('<div data-testid="list" class=""> scrolled to 0,30');
  });
});
