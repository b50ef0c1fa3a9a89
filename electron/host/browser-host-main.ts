import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { toCodedError } from '../../shared/errors';
import { startBrowserHost } from './browser-host';
import { loadTerminalConfig } from './config';
import { createHost } from './host-services';
import { attachHostLog } from './log-file';
import { benchCopySwitchFor, driveSwitchFrom } from './bench-journal-copy-switch';

/**
 * Runs the host services behind the browser transport:
 *   node --import tsx electron/host/browser-host-main.ts
 * Prints exactly one JSON line on stdout when ready ({"event":"ready",…}),
 * which the e2e tests wait for; errors go to stderr with exit code 1.
 */

async function main(): Promise<void> {
  const env = process.env;
  const userDataDir = resolve(env.TAKT_USER_DATA || '.takt/terminal');
  const staticDir = resolve(env.TAKT_STATIC_DIR || 'dist/renderer');
  const port = parsePort(env.TAKT_HOST_PORT);

  attachHostLog(userDataDir);
  const config = await loadTerminalConfig({ userDataDir, env });
  // `npm run bench -- scan` only: its A/B of the journal copy's durable write, driven over this process's stdin.
  const benchCopy = benchCopySwitchFor(env, userDataDir, config.terminalId);
  const host = createHost({ config, version: await packageVersion(), transport: 'browser', userDataDir, ...(benchCopy ? { journalCopy: benchCopy } : {}) });
  await host.start();
  const browser = await startBrowserHost({ host, staticDir, port, hostname: '127.0.0.1', userDataDir });
  // The URL carries a one-time pairing code, never the terminal's credential.
  process.stdout.write(`${JSON.stringify({ event: 'ready', url: browser.url, port: browser.port, pairingPage: browser.pairingPage })}\n`);
  if (benchCopy) driveSwitchFrom(process.stdin, (line) => process.stdout.write(line), benchCopy);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await browser.close();
    await host.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 7410;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw { code: 'config-invalid', message: `TAKT_HOST_PORT must be a port number (0 = any), got ${JSON.stringify(value)}` };
  }
  return port;
}

async function packageVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

main().catch((err: unknown) => {
  const error = toCodedError(err);
  process.stderr.write(`${JSON.stringify({ event: 'error', error })}\n`);
  process.exit(1);
});
