import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIAL_FILE, sessionValue } from '../../electron/host/browser-host-pairing';

/** The runnable entry the e2e tests spawn: one ready line, clean exit on SIGTERM. */

function run(env: Record<string, string>): { child: ChildProcess; exited: Promise<number | null>; firstLine: Promise<string> } {
  const child = spawn(process.execPath, ['bin/takt-browser-host.mjs'], {
    cwd: join(import.meta.dirname, '../..'),
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    createInterface({ input: child.stderr! }).once('line', resolve);
  });
  return { child, exited, firstLine };
}

describe('browser-host-main', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-bhm-'));
    await mkdir(join(dir, 'static'));
    await writeFile(join(dir, 'static', 'index.html'), '<title>Takt</title>');
  });
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one ready line, serves the renderer and stops on SIGTERM', async () => {
    const p = run({ TAKT_TERMINAL_ID: 'T-e2e', TAKT_USER_DATA: join(dir, 'data'), TAKT_STATIC_DIR: join(dir, 'static'), TAKT_HOST_PORT: '0', TAKT_SCANNER_PORT: '' });
    child = p.child;
    const ready = JSON.parse(await p.firstLine) as { event: string; url: string; port: number };
    expect(ready).toMatchObject({ event: 'ready', port: expect.any(Number) });
    expect(ready.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${ready.port}/#pair=[A-Za-z0-9_-]{22}$`));
    // Neither the ready line nor the process's arguments carry the terminal's browser credential.
    const credential = (await readFile(join(dir, 'data', CREDENTIAL_FILE), 'utf8')).trim();
    const cmdline = await readFile(`/proc/${child.pid}/cmdline`, 'utf8');
    for (const text of [JSON.stringify(ready), cmdline]) {
      expect(text).not.toContain(credential);
      expect(text).not.toContain(sessionValue(credential));
    }
    const res = await fetch(`http://127.0.0.1:${ready.port}/`);
    expect(await res.text()).toBe('<title>Takt</title>');
    child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('exits 1 with a coded error when the config is invalid', async () => {
    const p = run({ TAKT_USER_DATA: join(dir, 'data'), TAKT_STATIC_DIR: join(dir, 'static'), TAKT_HOST_PORT: '0' });
    child = p.child;
    expect(JSON.parse(await p.firstLine)).toMatchObject({ event: 'error', error: { code: 'config-invalid' } });
    expect(await p.exited).toBe(1);
  });
});
