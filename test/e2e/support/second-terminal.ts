import { closeSync, constants, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PAIRING_PAGE_FILE, pairingUrlIn } from '../../../electron/host/browser-host-pairing';
import { startVirtualScanner, type VirtualScanner } from '../../../scripts/virtual-scanner';
import { startProcess, takt, waitForJsonLine, ROOT, type Running } from './processes';
import type { Stack } from './stack';

/**
 * A second terminal on a stack's server: its own host, scanner and
 * user-data folder, registered with `takt terminal add`, talking to the
 * server at `serverUrl` (a proxy, so a test can cut its network alone).
 */
export interface SecondTerminal {
  readonly hostUrl: string;
  scan(data: string): void;
  stop(): Promise<void>;
}

export async function startSecondTerminal(stack: Stack, o: { terminalId: string; lineId: string; serverUrl: string }): Promise<SecondTerminal> {
  const dir = join(stack.dir, o.terminalId);
  const scanner: VirtualScanner = await startVirtualScanner(join(dir, 'scanner-host'), join(dir, 'scanner-device'));
  const { token } = JSON.parse(await takt(['terminal', 'add', '--line', o.lineId, '--id', o.terminalId, '--json'], stack.serverEnv)) as { token: string };
  const dataDir = join(dir, 'terminal');
  const host: Running = startProcess(process.execPath, [`${ROOT}bin/takt-browser-host.mjs`], {
    TAKT_USER_DATA: dataDir,
    TAKT_STATIC_DIR: join(ROOT, 'dist/renderer'),
    TAKT_SERVER_URL: o.serverUrl,
    TAKT_TERMINAL_ID: o.terminalId,
    TAKT_TERMINAL_TOKEN: token,
    TAKT_SCANNER_PORT: scanner.hostPath,
    TAKT_LANGUAGE: 'en',
    TAKT_HOST_PORT: '0',
  });
  await waitForJsonLine(host, (v) => v.event === 'ready');
  return {
    get hostUrl() {
      return pairingUrlIn(readFileSync(join(dataDir, PAIRING_PAGE_FILE), 'utf8'));
    },
    scan(data: string) {
      const fd = openSync(scanner.devicePath, constants.O_WRONLY | constants.O_NOCTTY);
      try {
        writeSync(fd, Buffer.from(`${data}\r`, 'latin1'));
      } finally {
        closeSync(fd);
      }
    },
    async stop() {
      await host.kill();
      await scanner.stop();
    },
  };
}
