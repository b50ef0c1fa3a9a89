import { mkdtempSync, openSync, readFileSync, writeSync, closeSync, constants, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_COPY_SWITCH_ENV } from '../../../electron/host/bench-journal-copy-switch';
import { PAIRING_PAGE_FILE, pairingUrlIn } from '../../../electron/host/browser-host-pairing';
import { startPrinterSimulator, type PrinterSimulator } from '../../../scripts/printer-simulator';
import { startVirtualScanner, type VirtualScanner } from '../../../scripts/virtual-scanner';
import { freePort, startProcess, takt, waitForHttp, waitForJsonLine, ROOT, type Running } from './processes';

/**
 * The real thing, for one end-to-end test: the central server (`takt server
 * --demo`, SQLite in a temp folder), a socat scanner, and the terminal host
 * behind the browser transport. Nothing is mocked.
 */
export interface Stack {
  dir: string;
  serverUrl: string;
  /** A fresh one-time pairing URL each time it is read (the host rotates the code once a page used it). */
  readonly hostUrl: string;
  /** The host's user-data folder (its config, credential and pairing page). */
  hostDataDir: string;
  adminToken: string;
  /** Environment for `takt` admin commands against this server's database (import, trace). */
  serverEnv: Record<string, string>;
  scanner: VirtualScanner;
  /** The ZPL printer simulator on TCP, when asked for (`{ printer: true }`). */
  printer: PrinterSimulator | null;
  server: Running | null;
  host: Running;
  startServer(): Promise<void>;
  stopServer(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the terminal host; `startHost` brings it back on the same port (the page's origin). */
  stopHost(signal?: NodeJS.Signals): Promise<void>;
  startHost(): Promise<void>;
  scan(data: string): void;
  /** The bench's A/B (electron/host/bench-journal-copy-switch.ts): needs hostEnv TAKT_BENCH_JOURNAL_COPY_SWITCH=1. */
  setHostCopyDurable(durable: boolean): Promise<void>;
  serverEvents(terminalId: string): Promise<{ seq: number; id: string; type: string }[]>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Start the printer simulator and wire it to the host as `TAKT_PRINTER`. */
  printer?: boolean;
  /** Extra environment for the host process. */
  hostEnv?: Record<string, string>;
  /** Extra environment for the server process (e.g. TAKT_EDI_JIS_LINE, TAKT_WEB_DIR). */
  serverEnv?: Record<string, string>;
}

export async function startStack(terminalId = 'T-L1-01', lineId = 'L1', options: StackOptions = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'takt-e2e-'));
  const serverPort = await freePort();
  const serverUrl = `http://127.0.0.1:${serverPort}`;
  const serverEnv: Record<string, string> = { TAKT_DATA_DIR: join(dir, 'server'), TAKT_LOG_LEVEL: 'silent', ...options.serverEnv };

  let hostPort = 0;
  let hostEnv: Record<string, string> = {};
  const stack: Stack = {
    dir,
    serverUrl,
    get hostUrl() {
      return pairingUrlIn(readFileSync(join(stack.hostDataDir, PAIRING_PAGE_FILE), 'utf8'));
    },
    hostDataDir: join(dir, 'terminal'),
    adminToken: '',
    serverEnv,
    scanner: await startVirtualScanner(join(dir, 'scanner-host'), join(dir, 'scanner-device')),
    printer: options.printer ? await startPrinterSimulator({ port: 0, host: '127.0.0.1', dir: join(dir, 'labels') }) : null,
    server: null,
    host: null as unknown as Running,
    async startServer() {
      stack.server = startProcess(process.execPath, [`${ROOT}bin/takt.mjs`, 'server', '--port', String(serverPort), '--demo'], serverEnv);
      await waitForHttp(`${serverUrl}/health`);
    },
    async stopServer(signal = 'SIGKILL') {
      await stack.server?.kill(signal);
      stack.server = null;
    },
    async stopHost(signal = 'SIGTERM') {
      await stack.host.kill(signal);
    },
    async startHost() {
      const switchable = hostEnv[BENCH_COPY_SWITCH_ENV] === '1';
      stack.host = startProcess(process.execPath, [`${ROOT}bin/takt-browser-host.mjs`], { ...hostEnv, TAKT_HOST_PORT: String(hostPort) }, switchable ? 'pipe' : 'ignore');
      const ready = await waitForJsonLine<{ port: number }>(stack.host, (v) => v.event === 'ready');
      hostPort = ready.port;
    },
    async setHostCopyDurable(durable: boolean) {
      const stdin = stack.host.child.stdin;
      if (!stdin) throw new Error(`the host runs without ${BENCH_COPY_SWITCH_ENV}=1: no journal-copy switch`);
      const answered = waitForJsonLine<{ durable: boolean }>(stack.host, (v) => v.event === 'bench-journal-copy');
      stdin.write(`journal-copy ${durable ? 'on' : 'off'}\n`);
      const answer = await answered;
      if (answer.durable !== durable) throw new Error(`the host's journal copy is durable=${String(answer.durable)}, asked ${String(durable)}`);
    },
    scan(data: string) {
      const fd = openSync(stack.scanner.devicePath, constants.O_WRONLY | constants.O_NOCTTY);
      try {
        writeSync(fd, Buffer.from(`${data}\r`, 'latin1'));
      } finally {
        closeSync(fd);
      }
    },
    async serverEvents(id: string) {
      const res = await fetch(`${serverUrl}/api/v1/events?terminalId=${encodeURIComponent(id)}&limit=1000`, {
        headers: { authorization: `Bearer ${stack.adminToken}` },
      });
      if (!res.ok) throw new Error(`GET events: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { events: { seq: number; id: string; type: string }[] }).events;
    },
    async stop() {
      await stack.host?.kill();
      await stack.server?.kill();
      await stack.scanner.stop();
      await stack.printer?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };

  await stack.startServer();
  const terminal = JSON.parse(await takt(['terminal', 'add', '--line', lineId, '--id', terminalId, '--json'], serverEnv)) as { token: string };
  stack.adminToken = (JSON.parse(await takt(['token', 'add', '--name', 'e2e', '--json'], serverEnv)) as { token: string }).token;

  hostEnv = {
    TAKT_USER_DATA: stack.hostDataDir,
    TAKT_STATIC_DIR: join(ROOT, 'dist/renderer'),
    TAKT_SERVER_URL: serverUrl,
    TAKT_TERMINAL_ID: terminalId,
    TAKT_TERMINAL_TOKEN: terminal.token,
    TAKT_SCANNER_PORT: stack.scanner.hostPath,
    TAKT_LANGUAGE: 'en',
    ...(stack.printer ? { TAKT_PRINTER: `tcp://127.0.0.1:${stack.printer.port}` } : {}),
    ...options.hostEnv,
  };
  hostPort = Number(options.hostEnv?.TAKT_HOST_PORT ?? 0);
  await stack.startHost();
  return stack;
}
