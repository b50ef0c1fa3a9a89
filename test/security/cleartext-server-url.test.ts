import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isLoopbackHost, loadTerminalConfig } from '../../electron/host/config';

/** Probe: a terminal does not send its token and bookings in clear text across the plant network. */
describe('https off loopback', () => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'takt-tls-'));
  afterAll(() => rmSync(userDataDir, { recursive: true, force: true }));
  const load = (serverUrl: string, extra: Record<string, string> = {}) =>
    loadTerminalConfig({ userDataDir, env: { TAKT_TERMINAL_ID: 'T-1', TAKT_SERVER_URL: serverUrl, ...extra } });

  it('refuses plain http to another machine with config-invalid, naming the way out', async () => {
    await expect(load('http://10.1.2.3:7400')).rejects.toMatchObject({ code: 'config-invalid', message: expect.stringContaining('TAKT_ALLOW_HTTP=1') });
    await expect(load('http://takt.plant.example')).rejects.toMatchObject({ code: 'config-invalid' });
  });

  it('accepts https anywhere, http on loopback, and http where plant IT allows it', async () => {
    expect((await load('https://takt.plant.example')).serverUrl).toBe('https://takt.plant.example');
    for (const url of ['http://127.0.0.1:7400', 'http://localhost:7400', 'http://[::1]:7400', 'http://127.8.9.10']) expect((await load(url)).serverUrl).toBe(url);
    expect((await load('http://10.1.2.3:7400', { TAKT_ALLOW_HTTP: '1' })).serverUrl).toBe('http://10.1.2.3:7400');
  });

  it('knows loopback names from look-alikes', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.evil.example')).toBe(false);
    expect(isLoopbackHost('localhost.evil.example')).toBe(false);
  });
});
