import { MACHINE_CONFIG_DEFAULTS } from '../../electron/host/machine-config';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host';
import type { TerminalConfig } from '../../electron/host/config';
import { createHost, type Host } from '../../electron/host/host-services';
import { CLOSE_REPLACED, WS_PATH } from '../../shared/ws-protocol';
import { pairedCookie } from '../electron/browser-pairing-support';
import { createFakeScanner } from '../electron/fake-scanner';

/**
 * Probes against the real browser transport: a local program that forges the
 * Origin but holds no session is refused, and a second client replaces the
 * first (one client at a time; the first is closed with CLOSE_REPLACED).
 */
const config: TerminalConfig = {
  ...MACHINE_CONFIG_DEFAULTS,
  serverUrl: 'http://127.0.0.1:7400',
  terminalId: 'T-01',
  terminalToken: 'tok',
  scannerPort: '',
  scannerBaud: 9600,
  scannerFraming: 'auto',
  language: 'de',
};

describe('browser transport probes', () => {
  let dir: string;
  let host: Host;
  let browser: BrowserHost;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-probe-'));
    host = createHost({ config, version: '0.1.0', transport: 'browser', userDataDir: join(dir, 'data'), scanner: createFakeScanner().scanner });
    await host.start();
    browser = await startBrowserHost({ host, staticDir: join(dir, 'renderer'), port: 0, userDataDir: join(dir, 'data') });
  });
  afterEach(async () => {
    await browser.close();
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const open = (headers: Record<string, string>, origin = `http://127.0.0.1:${browser.port}`) =>
    new Promise<{ status: number | 'open'; ws: WebSocket }>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${browser.port}${WS_PATH}`, { origin, headers });
      ws.once('open', () => resolve({ status: 'open', ws }));
      ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, ws }));
      ws.once('error', reject);
    });

  it('refuses a forged Origin without the session cookie (401), and the cookie from a foreign Origin (403)', async () => {
    expect((await open({})).status).toBe(401);
    expect((await open({}, `http://localhost:${browser.port}`)).status).toBe(401);
    expect((await open({ cookie: 'takt_bridge_1=forged' })).status).toBe(401);
    const cookie = await pairedCookie(browser);
    expect((await open({ cookie }, 'http://evil.example')).status).toBe(403);
  });

  it('a second client replaces the first: the first is closed with CLOSE_REPLACED', async () => {
    const cookie = await pairedCookie(browser);
    const first = await open({ cookie });
    expect(first.status).toBe('open');
    const closed = new Promise<number>((resolve) => first.ws.once('close', (code) => resolve(code)));
    const second = await open({ cookie });
    expect(second.status).toBe('open');
    expect(await closed).toBe(CLOSE_REPLACED);
    second.ws.terminate();
  });
});
