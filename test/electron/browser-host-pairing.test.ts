import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host';
import { CREDENTIAL_FILE, PAIRING_PAGE_FILE, readPairingUrl, sessionValue } from '../../electron/host/browser-host-pairing';
import { testTerminalConfig } from './terminal-config-fixture';
import { createHost, type Host } from '../../electron/host/host-services';
import { WS_PATH } from '../../shared/ws-protocol';
import { codeIn, pair, pairedCookie } from './browser-pairing-support';
import { createFakeScanner } from './fake-scanner';

/** The browser transport's credential: stable in the user-data folder (0600), handed to a page only through a one-time code. */
const config = testTerminalConfig();

describe('browser host pairing', () => {
  let dir: string;
  let userDataDir: string;
  let host: Host;
  let browser: BrowserHost;
  const start = async (port = 0) => (browser = await startBrowserHost({ host, staticDir: join(dir, 'renderer'), port, userDataDir }));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-pairing-'));
    userDataDir = join(dir, 'data');
    host = createHost({ config, version: '0.1.0', transport: 'browser', userDataDir, scanner: createFakeScanner().scanner });
    await host.start();
    await start();
  });
  afterEach(async () => {
    await browser.close();
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const opens = (cookie: string | null, port = browser.port) =>
    new Promise<number | 'open'>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, { origin: `http://127.0.0.1:${port}`, ...(cookie ? { headers: { cookie } } : {}) });
      ws.once('open', () => {
        ws.terminate();
        resolve('open');
      });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', reject);
    });

  it('keeps the credential in a 0600 file that neither the URL nor the pairing page contains', async () => {
    const file = join(userDataDir, CREDENTIAL_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const credential = (await readFile(file, 'utf8')).trim();
    expect(credential).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const page = await readFile(join(userDataDir, PAIRING_PAGE_FILE), 'utf8');
    expect((await stat(join(userDataDir, PAIRING_PAGE_FILE))).mode & 0o777).toBe(0o600);
    for (const text of [browser.url, page]) {
      expect(text).not.toContain(credential);
      expect(text).not.toContain(sessionValue(credential));
    }
  });

  it('a pairing code works once; the next one is in the pairing page', async () => {
    const code = codeIn(browser.url);
    const cookie = await pairedCookie(browser);
    expect(await opens(cookie)).toBe('open');
    const again = await pair(browser, code);
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({ error: { code: 'pairing-code-invalid', message: 'pairing-code-invalid' } });
    const next = await readPairingUrl(userDataDir);
    expect(codeIn(next)).not.toBe(code);
    expect(await opens(await pairedCookie(browser, next))).toBe('open');
  });

  it('refuses pairing from a foreign page or without a code', async () => {
    expect((await pair(browser, codeIn(browser.url), 'http://evil.example')).status).toBe(403);
    expect((await pair(browser, '')).status).toBe(401);
    expect((await pair(browser, 'x'.repeat(2000))).status).toBe(413);
    expect((await pair(browser, 'wrong-code')).status).toBe(401);
    // The code survived the refused attempts.
    expect((await pair(browser, codeIn(browser.url))).status).toBe(204);
  });

  it('answers /bridge/session with 204 for a paired page and 401 otherwise', async () => {
    const session = (cookie?: string) => fetch(`http://127.0.0.1:${browser.port}/bridge/session`, cookie ? { headers: { cookie } } : {});
    expect((await session()).status).toBe(401);
    expect((await session(await pairedCookie(browser))).status).toBe(204);
  });

  it('a paired page keeps working after the host restarts; the credential file is repaired to 0600', async () => {
    const cookie = await pairedCookie(browser);
    const port = browser.port;
    await browser.close();
    await chmod(join(userDataDir, CREDENTIAL_FILE), 0o644);
    await start(port);
    expect((await stat(join(userDataDir, CREDENTIAL_FILE))).mode & 0o777).toBe(0o600);
    expect(await opens(cookie)).toBe('open');
  });
});
