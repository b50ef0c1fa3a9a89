import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CREDENTIAL_FILE, sessionValue } from '../../electron/browser-host-pairing';
import { DEMO_BADGES } from '../../server/demo/demo-data';
import { WS_PATH } from '../../shared/ws-protocol';
import { launchChromium } from './support/browser';
import { freePort } from './support/processes';
import { startStack, type Stack } from './support/stack';

/**
 * The browser transport's credential in real Chromium: the page pairs once
 * with the one-time link, survives a reload and a restart of the host without
 * a new link, and while the host is away the status bar says so in words and
 * claims nothing about the scanner. Nothing secret is printed or on a command
 * line, and a program that forges the Origin is still refused.
 */
describe('host restart: the open page reconnects by itself', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let port: number;
  let firstUrl: string;
  const credential = () => readFileSync(join(stack.hostDataDir, CREDENTIAL_FILE), 'utf8').trim();

  beforeAll(async () => {
    port = await freePort();
    stack = await startStack('T-L1-01', 'L1', { hostEnv: { TAKT_HOST_PORT: String(port) } });
    browser = await launchChromium();
    page = await browser.newPage();
    firstUrl = stack.hostUrl;
    await page.goto(firstUrl);
    await page.getByTestId('login-screen').waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('keeps the credential in a 0600 file, out of the ready line, the URL and the process arguments', () => {
    const file = join(stack.hostDataDir, CREDENTIAL_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secrets = [credential(), sessionValue(credential())];
    const cmdline = readFileSync(`/proc/${stack.host.child.pid}/cmdline`, 'utf8');
    for (const text of [stack.host.output(), cmdline, firstUrl, page.url()]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    // The one-time code left the visible URL once used.
    expect(page.url()).toBe(`http://127.0.0.1:${port}/`);
  });

  it('refuses a program that forges the Origin without the cookie', async () => {
    const status = await new Promise<number | 'open'>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, { origin: `http://127.0.0.1:${port}` });
      ws.once('open', () => {
        ws.terminate();
        resolve('open');
      });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', reject);
    });
    expect(status).toBe(401);
  });

  it('a reload comes back at once, without a new link', async () => {
    await page.reload();
    await page.getByTestId('login-screen').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('scanner-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('connected');
  });

  it('while the host is down the status bar says so in words and the scanner is unknown; it is back within 5 s of the host', async () => {
    await stack.stopHost();
    await page.getByTestId('host-link').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('host-link').textContent()).toContain('No connection to scanner and printer');
    expect(await page.getByTestId('scanner-state').getAttribute('data-state')).toBe('unknown');
    expect(await page.getByTestId('sync-online').getAttribute('data-online')).toBe('unknown');

    await stack.startHost();
    // Within 5 s of the host's ready line, or the wait fails.
    await page.getByTestId('host-link').waitFor({ state: 'detached', timeout: 5_000 });
    await expect.poll(() => page.getByTestId('scanner-state').getAttribute('data-state'), { timeout: 5_000 }).toBe('connected');

    // The bridge works again end to end: a badge on the serial scanner logs in.
    stack.scan(DEMO_BADGES.anna);
    await page.getByTestId('order-screen').waitFor({ timeout: 10_000 });
  });

  it('a second browser with the spent link is told in words to call IT, at once; the first page is not disturbed', async () => {
    const other = await browser.newPage();
    try {
      await other.goto(firstUrl);
      await other.getByTestId('boot-failed').waitFor({ timeout: 10_000 });
      expect(await other.getByTestId('boot-failed').getAttribute('data-code')).toBe('not-paired');
      expect(await other.getByTestId('boot-failed-text').textContent()).toBe("This window is not cleared for the terminal. Please call IT: they open the terminal's start link again.");
    } finally {
      await other.close();
    }
    expect(await page.getByTestId('host-link').count()).toBe(0);
  });

  it('one client at a time: a newly paired page takes over, the old one stops', async () => {
    const other = await browser.newPage();
    try {
      await other.goto(stack.hostUrl);
      await other.getByTestId('login-screen').waitFor({ timeout: 30_000 });
      await page.getByTestId('host-link').waitFor({ timeout: 10_000 });
      await expect.poll(() => other.getByTestId('scanner-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('connected');
    } finally {
      await other.close();
    }
  });
});
