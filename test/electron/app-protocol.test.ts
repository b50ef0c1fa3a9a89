import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppUrl } from '../../electron/app-origin';
import { serveAppRequest } from '../../electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/host/content-security';

describe('takt:// app protocol', () => {
  let dir: string;
  let staticDir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-protocol-'));
    staticDir = join(dir, 'renderer');
    await mkdir(staticDir);
    await writeFile(join(staticDir, 'index.html'), '<title>Takt</title>');
    await writeFile(join(dir, 'secret.txt'), 'outside');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the renderer with the CSP', async () => {
    const res = await serveAppRequest(staticDir, 'takt://app/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toBe('<title>Takt</title>');
  });

  it.each(['takt://app/%2e%2e/secret.txt', 'takt://app/..%2fsecret.txt', 'takt://other/index.html', 'takt://app/nope.js'])('404 for %s', async (url) => {
    const res = await serveAppRequest(staticDir, url);
    expect(res.status).toBe(404);
  });

  it.each([
    ['takt://app/index.html', true],
    ['takt://app', true],
    ['takt://app.evil/index.html', false],
    ['takt://user@app/index.html', false],
    ['https://app/index.html', false],
    ['file:///index.html', false],
    ['not a url', false],
    ['', false],
  ])('isAppUrl(%j) = %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});
