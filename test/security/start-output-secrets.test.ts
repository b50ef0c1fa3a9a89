import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_FILE, sessionValue } from '../../electron/host/browser-host-pairing';
import { freePort } from '../e2e/support/processes';

/**
 * `takt start --open` prints how to reach the terminal and opens Chromium,
 * yet neither its output nor any process's arguments carry a secret: not the
 * browser credential, not its session cookie, not the terminal's server token.
 * Chromium is a stand-in here that records the arguments it was given.
 */
const BIN = new URL('../../bin/takt.mjs', import.meta.url).pathname;

describe('takt start keeps secrets off the screen and the command lines', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-start-secrets-'));
    await mkdir(join(dir, 'bin'));
    await writeFile(join(dir, 'bin', 'chromium'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${join(dir, 'chromium-args')}'\n`);
    await chmod(join(dir, 'bin', 'chromium'), 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('start output, its own /proc cmdline and Chromium\'s arguments hold no token', async () => {
    const [serverPort, hostPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [BIN, 'start', '--skip-build', '--open', '--server-port', String(serverPort), '--host-port', String(hostPort)], {
      env: { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, TAKT_DEMO_DIR: join(dir, 'demo') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toContain('Press Ctrl+C to stop.');
      await expect.poll(() => readFile(join(dir, 'chromium-args'), 'utf8').catch(() => ''), { timeout: 10_000 }).toContain('--app=');
      const cmdline = await readFile(`/proc/${child.pid}/cmdline`, 'utf8');
      const chromiumArgs = await readFile(join(dir, 'chromium-args'), 'utf8');

      const credential = (await readFile(join(dir, 'demo', 'terminal', CREDENTIAL_FILE), 'utf8')).trim();
      const config = JSON.parse(await readFile(join(dir, 'demo', 'terminal', 'terminal.json'), 'utf8')) as { terminalToken: string };
      expect(config.terminalToken.length).toBeGreaterThan(20);
      for (const text of [output, cmdline, chromiumArgs]) {
        for (const secret of [credential, sessionValue(credential), config.terminalToken]) expect(text).not.toContain(secret);
      }
      // Chromium opens the 0600 pairing page by path: not even the one-time code is on its command line.
      expect(chromiumArgs).toContain(`--app=file://${join(dir, 'demo', 'terminal', 'open-terminal.html')}`);
      expect(chromiumArgs).not.toContain('#pair=');
      expect(output).toContain(`http://127.0.0.1:${hostPort}/#pair=`);
    } finally {
      child.kill('SIGINT');
      await exited;
    }
  }, 90_000);
});
