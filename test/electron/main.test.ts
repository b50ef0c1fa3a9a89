import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../electron/app-origin';
import { runTaktApp, type ElectronDeps } from '../../electron/app-main';
import { createFakeElectron, FakeBrowserWindow, type FakeElectron } from './fake-electron';

/** main.ts against a fake `electron` module: the whole main-process wiring, no binary. */

let current: FakeElectron = createFakeElectron();
vi.mock('electron', () => ({
  get app() {
    return current.app;
  },
  get BrowserWindow() {
    return current.BrowserWindow;
  },
  get dialog() {
    return current.dialog;
  },
  get ipcMain() {
    return current.ipcMain;
  },
  get Menu() {
    return current.Menu;
  },
  get protocol() {
    return current.protocol;
  },
  get session() {
    return current.session;
  },
}));

async function until(what: string, probe: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('main process', () => {
  let dir: string;
  const savedEnv = { ...process.env };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-main-'));
    current = createFakeElectron();
    current.app.userData = dir;
    FakeBrowserWindow.instances = [];
    vi.resetModules();
    Object.assign(process.env, { TAKT_TERMINAL_ID: 'T-main', TAKT_SCANNER_PORT: '', TAKT_KIOSK: '1' });
  });

  afterEach(async () => {
    process.env = { ...savedEnv };
    await rm(dir, { recursive: true, force: true });
  });

  it('quits at once when a second instance starts', async () => {
    current.app.hasLock = false;
    await import('../../electron/main');
    expect(current.app.quit).toHaveBeenCalled();
    expect(current.app.whenReady).not.toHaveBeenCalled();
    expect(current.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });

  it('wires protocol, security, IPC and a secure kiosk window once ready', async () => {
    await import('../../electron/main');
    expect(current.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'takt', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(FakeBrowserWindow.instances).toHaveLength(0); // nothing before ready

    current.app.becomeReady();
    await until('window', () => FakeBrowserWindow.instances.length === 1);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.options).toMatchObject({ kiosk: true, webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, preload: join('/tmp/takt-fake-app', 'dist', 'electron', 'preload.cjs') } });
    expect(win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    expect(current.protocol.handle).toHaveBeenCalledWith('takt', expect.any(Function));
    expect(current.session.defaultSession.permissionRequestHandler).toBeDefined();
    expect([...current.ipcMain.handlers.keys()]).toEqual(['takt:call']);

    // The IPC handler answers from the real host services.
    const info = await current.ipcMain.invoke('takt:call', { senderFrame: { url: APP_ENTRY_URL, parent: null } }, 'host:info', {});
    expect(info).toEqual({ ok: true, value: { terminalId: 'T-main', serverUrl: 'http://127.0.0.1:7400', version: '0.1.0-test', transport: 'electron', language: 'de' } });

    // Host events reach the window (the host reports "no scanner" on start).
    await until('device status sent', () => win.webContents.send.mock.calls.length > 0);
    expect(win.webContents.send).toHaveBeenCalledWith('takt:event', 'device:status', { device: 'scanner', status: expect.objectContaining({ state: 'not-configured' }) });

    // A second launch focuses this window.
    current.app.emit('second-instance', {}, [], '/');
    expect(win.focus).toHaveBeenCalled();

    // Quit waits for the host to stop, then quits for real.
    let prevented = false;
    current.app.emit('will-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await until('quit after host stop', () => current.app.quit.mock.calls.length === 1);
    prevented = false;
    current.app.emit('will-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(false);
  });

  it('honours TAKT_KIOSK=0', async () => {
    process.env.TAKT_KIOSK = '0';
    runTaktApp(current as unknown as ElectronDeps);
    current.app.becomeReady();
    await until('window', () => FakeBrowserWindow.instances.length === 1);
    expect(FakeBrowserWindow.instances[0]!.options).toMatchObject({ kiosk: false, fullscreen: false });
  });

  it('shows the config error and exits when the terminal config is invalid', async () => {
    delete process.env.TAKT_TERMINAL_ID;
    runTaktApp(current as unknown as ElectronDeps);
    current.app.becomeReady();
    await until('exit', () => current.app.exit.mock.calls.length === 1);
    expect(current.app.exit).toHaveBeenCalledWith(1);
    expect(current.dialog.showErrorBox).toHaveBeenCalledWith('Takt cannot start', expect.stringContaining('config-invalid'));
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });
});
