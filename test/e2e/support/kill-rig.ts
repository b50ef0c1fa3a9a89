import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAIRING_PAGE_FILE, pairingUrlIn } from '../../../electron/host/browser-host-pairing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './browser';
import { startProcess, waitForJsonLine, ROOT, type Running } from './processes';

/**
 * The pieces the kill test SIGKILLs and restarts: the terminal host
 * (browser-host-main on a fixed port, so the renderer's origin and with it
 * its IndexedDB stay the same across restarts) and Chromium with a persistent
 * profile (its own process, reached over CDP, so the test knows its pid).
 */

export interface HostProcess {
  running: Running;
  readonly url: string;
}

export async function startHostProcess(o: { dir: string; port: number; serverUrl: string; terminalId: string; token: string; scannerPath: string }): Promise<HostProcess> {
  const running = startProcess(process.execPath, [`${ROOT}bin/takt-browser-host.mjs`], {
    TAKT_USER_DATA: join(o.dir, 'terminal'),
    TAKT_STATIC_DIR: join(ROOT, 'dist/renderer'),
    TAKT_HOST_PORT: String(o.port),
    TAKT_SERVER_URL: o.serverUrl,
    TAKT_TERMINAL_ID: o.terminalId,
    TAKT_TERMINAL_TOKEN: o.token,
    TAKT_SCANNER_PORT: o.scannerPath,
    TAKT_LANGUAGE: 'en',
  });
  await waitForJsonLine(running, (v) => v.event === 'ready');
  const userDataDir = join(o.dir, 'terminal');
  return {
    running,
    // A fresh one-time pairing URL each time (a code works once; a restarted Chromium may have lost its cookie).
    get url() {
      return pairingUrlIn(readFileSync(join(userDataDir, PAIRING_PAGE_FILE), 'utf8'));
    },
  };
}

export interface ChromiumProcess {
  child: ChildProcess;
  browser: Browser;
  page: Page;
  /** Chromium's stderr so far (its LevelDB and IndexedDB complaints land here), the last 256 KiB. */
  stderr(): string;
  /** SIGKILL, no goodbye: what a power cut or a crash does to the renderer. */
  kill(): Promise<void>;
}

export async function startChromium(profileDir: string): Promise<ChromiumProcess> {
  const child = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_FLAGS,
      '--no-default-browser-check',
      '--remote-debugging-port=0',
      `--user-data-dir=${profileDir}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-256 * 1024);
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${log}`)), 20_000);
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${log}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0]!;
  const page = context.pages()[0] ?? (await context.newPage());
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    browser,
    page,
    stderr: () => stderr,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      await browser.close().catch(() => undefined);
    },
  };
}

export interface JournalRow {
  seq: number;
  id: string;
  type: string;
}

/** The journal as IndexedDB holds it, read straight from the page's origin. */
export function readJournal(page: Page, terminalId: string): Promise<JournalRow[]> {
  return page.evaluate(
    (name) =>
      new Promise<JournalRow[]>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('events')) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction('events', 'readonly').objectStore('events').getAll();
          req.onsuccess = () => {
            resolve((req.result as JournalRow[]).map(({ seq, id, type }) => ({ seq, id, type })));
            db.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    `takt-journal-${terminalId}`,
  );
}
