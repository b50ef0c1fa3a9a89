import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_MAX_FRAME_BYTES, WS_PATH, type ServerFrame } from '../../shared/ws-protocol';
import { CLOSE_REPLACED, startBrowserHost, type BrowserHost } from '../../electron/host/browser-host';
import { pairedCookie } from './browser-pairing-support';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/content-security';
import { testTerminalConfig } from './terminal-config-fixture';
import { createHost, type Host } from '../../electron/host/host-services';
import { createFakeScanner } from './fake-scanner';

const config = testTerminalConfig();

/** A bridge client over a real ws connection that collects every frame. */
class TestClient {
  readonly frames: ServerFrame[] = [];
  private waiters: (() => void)[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as ServerFrame);
      this.waiters.splice(0).forEach((w) => w());
    });
  }
  async next(predicate: (frame: ServerFrame) => boolean, timeoutMs = 2000): Promise<ServerFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a frame');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, left);
      });
    }
  }
  async call(id: number, channel: string, req: unknown = {}) {
    this.ws.send(JSON.stringify({ type: 'call', id, channel, request: req }));
    const frame = await this.next((f) => f.type === 'result' && f.id === id);
    return frame.type === 'result' ? frame.result : undefined;
  }
}

describe('browser host', () => {
  let dir: string;
  let staticDir: string;
  let host: Host;
  let fake: ReturnType<typeof createFakeScanner>;
  let browser: BrowserHost;
  const sockets: WebSocket[] = [];
  /** The session cookie this test's page earned with the one-time code. */
  let cookie: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-browser-host-'));
    staticDir = join(dir, 'renderer');
    await mkdir(join(staticDir, 'assets'), { recursive: true });
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Takt</title>');
    await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.txt'), 'outside');
    fake = createFakeScanner();
    host = createHost({ config, version: '0.1.0', transport: 'browser', userDataDir: join(dir, 'data'), scanner: fake.scanner });
    await host.start();
    browser = await startBrowserHost({ host, staticDir, port: 0, userDataDir: join(dir, 'data') });
    cookie = await pairedCookie(browser);
  });

  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await browser.close();
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const origin = () => `http://127.0.0.1:${browser.port}`;
  const wsUrl = () => `ws://127.0.0.1:${browser.port}${WS_PATH}`;

  /** Resolves with the open socket, or with the HTTP status the upgrade was refused with. */
  function connect(cookieHeader: string | null, originHeader: string | null = origin()): Promise<{ ws?: WebSocket; status?: number }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl(), { ...(originHeader ? { origin: originHeader } : {}), ...(cookieHeader ? { headers: { cookie: cookieHeader } } : {}) });
      sockets.push(ws);
      ws.once('open', () => resolve({ ws }));
      ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
      ws.once('error', (err) => reject(err));
    });
  }

  async function client(): Promise<TestClient> {
    const { ws } = await connect(cookie);
    return new TestClient(ws!);
  }

  function get(path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    // node:http sends the path as given, so `..` reaches the server unnormalised (unlike fetch).
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: browser.port, path, method: 'GET' }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('gives a loopback URL with a one-time pairing code in the fragment, never a credential', () => {
    expect(browser.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${browser.port}/#pair=[A-Za-z0-9_-]{22}$`));
  });

  it('refuses a WebSocket without the session cookie', async () => {
    expect(await connect(null)).toEqual({ status: 401 });
  });

  it('refuses a WebSocket with a wrong session cookie', async () => {
    const [name, value] = cookie.split('=') as [string, string];
    const last = value.at(-1) === 'x' ? 'y' : 'x';
    expect(await connect(`${name}=${value.slice(0, -1)}${last}`)).toEqual({ status: 401 });
  });

  it('refuses a program that forges the Origin but has no cookie', async () => {
    expect(await connect(null, origin())).toEqual({ status: 401 });
    expect(await connect('other=1', `http://localhost:${browser.port}`)).toEqual({ status: 401 });
  });

  it.each(['http://evil.example', 'http://127.0.0.1:1', 'null'])('refuses a WebSocket from Origin %s', async (bad) => {
    expect(await connect(cookie, bad)).toEqual({ status: 403 });
  });

  it('refuses a WebSocket without an Origin header', async () => {
    expect(await connect(cookie, null)).toEqual({ status: 403 });
  });

  it('accepts the localhost spelling of its own origin', async () => {
    const { ws } = await connect(cookie, `http://localhost:${browser.port}`);
    expect(ws).toBeDefined();
  });

  it('answers host:info over the bridge', async () => {
    const c = await client();
    expect(await c.call(1, 'host:info')).toEqual({ ok: true, value: { terminalId: 'T-01', serverUrl: 'http://127.0.0.1:7400', version: '0.1.0', transport: 'browser', language: 'de' } });
  });

  it('answers an unknown channel with unknown-channel', async () => {
    const c = await client();
    expect(await c.call(2, 'shell:exec', { cmd: 'rm -rf /' })).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('answers a bad request with bad-request', async () => {
    const c = await client();
    expect(await c.call(3, 'sync:pull', { limit: -1 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('answers malformed frames with bad-request and stays usable', async () => {
    const c = await client();
    c.ws.send('{not json');
    expect(await c.next((f) => f.type === 'result' && f.id === 0)).toMatchObject({ result: { ok: false, error: { code: 'bad-request' } } });
    c.ws.send(JSON.stringify({ type: 'call', id: 7, channel: 42 }));
    expect(await c.next((f) => f.type === 'result' && f.id === 7)).toMatchObject({ result: { ok: false, error: { code: 'bad-request' } } });
    c.ws.send(Buffer.from([1, 2, 3]));
    await c.next((f) => f.type === 'result' && f.id === 0 && !f.result.ok && f.result.error.message.includes('binary'));
    expect(await c.call(8, 'scanner:status')).toMatchObject({ ok: true, value: { state: 'connected' } });
  });

  it('closes a connection that sends an over-size frame, and keeps serving others', async () => {
    const big = await client();
    const closed = new Promise<number>((resolve) => big.ws.once('close', (code) => resolve(code)));
    big.ws.send('x'.repeat(WS_MAX_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
    const c = await client();
    expect(await c.call(1, 'host:info')).toMatchObject({ ok: true });
  });

  it('serves one client at a time: a new connection replaces the old one, which is told not to come back', async () => {
    const a = await client();
    const replaced = new Promise<number>((resolve) => a.ws.once('close', (code) => resolve(code)));
    const b = await client();
    expect(await replaced).toBe(CLOSE_REPLACED);
    fake.scan(']C1010401234567890110LOT1');
    fake.setStatus({ state: 'disconnected', port: '/dev/fake-scanner', message: 'unplugged' });
    expect(await b.next((f) => f.type === 'event' && f.event === 'scanner:scan')).toMatchObject({ payload: { raw: ']C1010401234567890110LOT1', source: 'serial' } });
    expect(await b.next((f) => f.type === 'event' && f.event === 'device:status')).toMatchObject({ payload: { device: 'scanner', status: { state: 'disconnected' } } });
  });

  it('serves index.html for / with the security headers', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Takt</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('serves assets with their content type', async () => {
    const res = await get('/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/../../../../etc/passwd', '/assets/..%5c..%5csecret.txt', '/missing.js', '/assets'])(
    '404 for %s',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('outside');
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    },
  );

  it('closes cleanly with clients still connected', async () => {
    const c = await client();
    const closed = new Promise((resolve) => c.ws.once('close', resolve));
    await browser.close();
    await closed;
    browser = { ...browser, close: async () => {} };
  });
});
