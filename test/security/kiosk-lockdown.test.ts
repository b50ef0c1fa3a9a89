import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appPaths, runTaktApp, type ElectronDeps } from '../../electron/app-main';
import { isBlockedShortcut } from '../../electron/kiosk-lockdown';
import { createFakeElectron, FakeBrowserWindow, type FakeElectron } from '../electron/fake-electron';

/**
 * Probe (Electron does not run here: the main process runs against the fake
 * `electron` module): the kiosk has no menu, no DevTools, and swallows the
 * DevTools and reload shortcuts, so nobody at the terminal reaches a console
 * from which `window.takt.call('sync:push', …)` would pass the sender check.
 */
async function until(what: string, probe: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const key = (k: string, mods: { control?: boolean; shift?: boolean; alt?: boolean; meta?: boolean } = {}) => ({
  type: 'keyDown' as const,
  key: k,
  control: false,
  shift: false,
  alt: false,
  meta: false,
  ...mods,
});

describe('kiosk lockdown', () => {
  let dir: string;
  let fake: FakeElectron;
  let started = false;
  beforeEach(async () => {
    started = false;
    dir = await mkdtemp(join(tmpdir(), 'takt-kiosk-'));
    fake = createFakeElectron();
    fake.app.userData = dir;
    FakeBrowserWindow.instances = [];
  });
  afterEach(async () => {
    // Only a test that started the app has a host to stop (waiting for one that never ran cost 3 s a test).
    if (started) {
      fake.app.emit('will-quit', { preventDefault: () => {} });
      await until('host stopped', () => fake.app.quit.mock.calls.length > 0).catch(() => undefined);
    }
    await rm(dir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>, packaged = false) {
    fake.app.isPackaged = packaged;
    started = true;
    runTaktApp(fake as unknown as ElectronDeps, { TAKT_TERMINAL_ID: 'T-kiosk', TAKT_SCANNER_PORT: '', ...env });
    fake.app.becomeReady();
    await until('window', () => FakeBrowserWindow.instances.length === 1);
    return FakeBrowserWindow.instances[0]!;
  }

  it('removes the menu, turns DevTools off and swallows their shortcuts and reload in the kiosk', async () => {
    const win = await start({ TAKT_KIOSK: '1' });
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(win.options).toMatchObject({ kiosk: true, webPreferences: { devTools: false } });
    const press = (input: ReturnType<typeof key>) => {
      let prevented = false;
      win.webContents.emit('before-input-event', { preventDefault: () => (prevented = true) }, input);
      return prevented;
    };
    expect(press(key('I', { control: true, shift: true }))).toBe(true);
    expect(press(key('F12'))).toBe(true);
    expect(press(key('r', { control: true }))).toBe(true);
    expect(press(key('a'))).toBe(false);
    expect(press(key('Enter'))).toBe(false);
    win.webContents.emit('devtools-opened');
    expect(win.webContents.closeDevTools).toHaveBeenCalled();
  });

  it('keeps menu and DevTools for a windowed development run, but never in a packaged app', async () => {
    const dev = await start({ TAKT_KIOSK: '0' });
    expect(fake.Menu.setApplicationMenu).not.toHaveBeenCalled();
    expect(dev.options).toMatchObject({ kiosk: false, webPreferences: { devTools: true } });
  });

  it('locks a packaged app down even with TAKT_KIOSK=0', async () => {
    const packaged = await start({ TAKT_KIOSK: '0' }, true);
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(packaged.options).toMatchObject({ webPreferences: { devTools: false } });
  });

  it('ignores TAKT_STATIC_DIR in a packaged app', () => {
    expect(appPaths('/opt/takt/resources/app.asar', { TAKT_STATIC_DIR: '/tmp/evil' }, true).staticDir).toBe(join('/opt/takt/resources/app.asar', 'dist', 'renderer'));
    expect(appPaths('/src/takt', { TAKT_STATIC_DIR: '/tmp/dev' }, false).staticDir).toBe('/tmp/dev');
  });

  it.each([
    ['F12', key('F12'), true],
    ['F5', key('F5'), true],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true }), true],
    ['Ctrl+Shift+J', key('j', { control: true, shift: true }), true],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true }), true],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true }), true],
    ['Ctrl+R', key('r', { control: true }), true],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true }), true],
    ['Ctrl+C (copy)', key('c', { control: true }), false],
    ['Shift+I (a capital I)', key('I', { shift: true }), false],
    ['Ctrl+] (GS from a wedge)', key(']', { control: true }), false],
    ['key up of F12', { ...key('F12'), type: 'keyUp' as const }, false],
  ])('%s blocked: %s', (_name, input, blocked) => {
    expect(isBlockedShortcut(input as Parameters<typeof isBlockedShortcut>[0])).toBe(blocked);
  });
});
