import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startBrowserHost } from '../electron/host/browser-host';
import { CONFIG_FILE_NAME, loadTerminalConfig } from '../electron/host/config';
import { createHost } from '../electron/host/host-services';
import { DEMO_BADGES, DEMO_PIN, DEMO_TERMINALS } from '../server/demo/demo-data';
import { startServer } from '../server/main';
import { ensureTerminalConfig } from './demo-terminal-config';
import { demoBrokerUrl, startDemoMachine } from './demo-machine';
import { demoRoot, demoScannerDevicePath, demoScannerHostPath } from './demo-paths';
import { buildRendererIfChanged } from './build/renderer-build';
import { startPrinterSimulator, type PrinterSimulator } from './printer-simulator';
import { socatAvailable, startVirtualScanner, type VirtualScanner } from './virtual-scanner';

/**
 * `npm start` / `takt start`: the whole demo on one machine with no hardware.
 * The central server (SQLite, demo data seeded into an empty database), the
 * terminal (Electron when its binary is installed, otherwise the browser
 * transport), a virtual serial scanner, and the machine simulator when an
 * MQTT broker answers (scripts/demo-machine.ts).
 */
const say = (line = ''): void => void process.stdout.write(`${line}\n`);

export async function runStart(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      open: { type: 'boolean', default: false },
      'server-port': { type: 'string', default: process.env.TAKT_PORT ?? '7400' },
      'host-port': { type: 'string', default: process.env.TAKT_HOST_PORT ?? '7410' },
      'skip-build': { type: 'boolean', default: false },
    },
  });
  const root = demoRoot();
  const cleanups: (() => Promise<void>)[] = [];

  say(`Takt demo (state in ${root})`);
  if (!values['skip-build']) {
    const outcome = await buildRendererIfChanged(resolve('.'), async () => {
      say('Building the terminal UI (its sources changed) …');
      // Loaded only to build: importing Vite alone takes seconds, and a tree installed without devDependencies has none.
      const { build } = await import('vite').catch(() => {
        throw new Error('the terminal UI sources changed and Vite (a devDependency) is not installed: run npm install, or start with --skip-build and a built dist/renderer');
      });
      return build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
    });
    if (outcome === 'current') say('Terminal UI: sources unchanged, reusing the last build.');
  }

  const server = await startServer({
    dataDir: join(root, 'server'),
    port: Number(values['server-port']),
    host: '127.0.0.1',
    demo: true,
    logger: false,
  });
  cleanups.push(() => server.close());
  say(`Central server:   ${server.url} (${server.dialect}: ${server.location})`);

  const userDataDir = join(root, 'terminal');
  const seededToken = server.demo?.seeded ? server.demo.terminalTokens[DEMO_TERMINALS.L1] : undefined;
  await ensureTerminalConfig(userDataDir, join(root, 'server'), server.url, seededToken);

  let scanner: VirtualScanner | null = null;
  if (socatAvailable()) {
    scanner = await startVirtualScanner(demoScannerHostPath(), demoScannerDevicePath());
    cleanups.push(() => scanner!.stop());
  } else {
    say('socat is not installed, so there is no virtual serial scanner.');
    say('  Install it (Debian/Ubuntu: sudo apt-get install socat) and run npm start again.');
    say('  Meanwhile a keyboard-wedge scanner works: type a badge (e.g. B1001) quickly and press Enter.');
  }
  const printer = await startDemoPrinter(join(root, 'labels'));
  cleanups.push(() => printer.close());
  const machine = await startDemoMachine(demoBrokerUrl(process.env, readJson(join(userDataDir, CONFIG_FILE_NAME))));
  cleanups.push(() => machine.stop());
  const env = {
    ...process.env,
    ...machine.plan.hostEnv,
    TAKT_SERVER_URL: server.url,
    TAKT_SCANNER_PORT: scanner?.hostPath ?? '',
    TAKT_PRINTER: `tcp://127.0.0.1:${printer.port}`,
  };

  const electronPath = installedElectronBinary();
  let url: string;
  let pairingPage = '';
  if (electronPath) {
    const { buildElectron } = await import('./build/build-electron');
    await buildElectron();
    const child = spawn(electronPath, ['.'], { stdio: 'inherit', env: { ...env, TAKT_USER_DATA: userDataDir } });
    cleanups.push(async () => void child.kill('SIGTERM'));
    url = 'takt://app/ (Electron kiosk window)';
    say(`Terminal:         Electron kiosk (${electronPath})`);
  } else {
    say('Electron binary not installed here (its download cannot run), so the terminal is served to a browser instead.');
    const config = await loadTerminalConfig({ userDataDir, env });
    const host = createHost({ config, version: packageVersion(), transport: 'browser', userDataDir });
    await host.start();
    const browser = await startBrowserHost({ host, staticDir: resolve('dist/renderer'), port: Number(values['host-port']), hostname: '127.0.0.1', userDataDir });
    cleanups.push(async () => {
      await browser.close();
      await host.stop();
    });
    // The URL carries a one-time pairing code, not the terminal's credential; a paired page keeps its session.
    url = browser.url;
    pairingPage = browser.pairingPage;
    say(`Terminal:         ${url}`);
    say(`  (a one-time link; a paired browser reconnects by itself, a new one opens ${pairingPage})`);
  }

  say();
  if (scanner) {
    say(`Virtual scanner:  ${scanner.hostPath} (the terminal reads it) <-> ${scanner.devicePath}`);
    say(`  Scan a badge:     npx takt scan ${DEMO_BADGES.anna}      (operator Anna Becker)`);
    say(`  Shift lead:       npx takt scan ${DEMO_BADGES.shiftLead}      (PIN ${DEMO_PIN})`);
    say('  GS1 data:         npx takt scan "]C10104006381000420<GS>10BATCH42"');
  }
  say(`Label printer:    simulator on tcp://127.0.0.1:${printer.port}; every label lands in ${printer.dir} as .zpl and .png`);
  say(machine.plan.message);
  // Chromium gets the path of the 0600 pairing page, so no code or secret shows in its process arguments.
  if (values.open && !electronPath) openInChromium(pathToFileURL(pairingPage).href);
  say('Press Ctrl+C to stop.');

  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', () => resolveStop());
    process.once('SIGTERM', () => resolveStop());
  });
  say('Stopping …');
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  return 0;
}

/** The ZPL printer simulator on the usual raw port 9100, or any free port when 9100 is taken. */
async function startDemoPrinter(dir: string): Promise<PrinterSimulator> {
  try {
    return await startPrinterSimulator({ port: 9100, host: '127.0.0.1', dir });
  } catch {
    return startPrinterSimulator({ port: 0, host: '127.0.0.1', dir });
  }
}

function installedElectronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function openInChromium(pageUrl: string): void {
  const candidates = ['chromium', 'chromium-browser', 'google-chrome'];
  const bin = candidates.find((c) => spawnSync('sh', ['-c', `command -v ${c}`], { stdio: 'ignore' }).status === 0);
  if (!bin) {
    say('--open: no Chromium found; open the URL above in a browser.');
    return;
  }
  spawn(bin, [`--app=${pageUrl}`, '--kiosk', '--no-first-run', '--disable-background-networking'], { stdio: 'ignore', detached: true }).unref();
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
