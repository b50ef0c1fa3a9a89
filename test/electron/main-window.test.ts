import { describe, expect, it } from 'vitest';
import type { App, BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from '../../electron/app-origin';
import { installCrashRecovery } from '../../electron/crash-recovery';
import { createMainWindow } from '../../electron/main-window';
import { ensureSingleInstance } from '../../electron/single-instance';
import { FakeApp, FakeBrowserWindow } from './fake-electron';

function manualTimers() {
  const pending = new Set<{ fn: () => void; ms: number }>();
  return {
    pending,
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        const t = { fn, ms };
        pending.add(t);
        return t;
      },
      clearTimeout: (t: unknown) => void pending.delete(t as { fn: () => void; ms: number }),
    },
    runAll() {
      const all = [...pending];
      pending.clear();
      all.forEach((t) => t.fn());
    },
  };
}

const quiet = () => {};

describe('createMainWindow', () => {
  it('opens a secure kiosk window on the app URL and shows it when ready', () => {
    const win = createMainWindow({ BrowserWindow: FakeBrowserWindow as unknown as typeof BrowserWindow, preloadPath: '/app/preload.cjs', url: APP_ENTRY_URL, kiosk: true }) as unknown as FakeBrowserWindow;
    expect(win.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/app/preload.cjs' },
    });
    expect(win.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });

  it('can run windowed for development', () => {
    const win = createMainWindow({ BrowserWindow: FakeBrowserWindow as unknown as typeof BrowserWindow, preloadPath: '/p', url: APP_ENTRY_URL, kiosk: false }) as unknown as FakeBrowserWindow;
    expect(win.options).toMatchObject({ kiosk: false, fullscreen: false });
  });
});

describe('installCrashRecovery', () => {
  const setup = () => {
    const win = new FakeBrowserWindow({});
    const t = manualTimers();
    const dispose = installCrashRecovery(win as unknown as BrowserWindow, { reloadDelayMs: 1000, hangGraceMs: 5000, timers: t.timers, log: quiet });
    return { win, t, dispose };
  };

  it('reloads a crashed renderer after a short delay', () => {
    const { win, t } = setup();
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(win.webContents.reload).not.toHaveBeenCalled();
    expect([...t.pending].map((p) => p.ms)).toEqual([1000]);
    t.runAll();
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
  });

  it('kills and reloads a renderer that stays unresponsive', () => {
    const { win, t } = setup();
    win.emit('unresponsive');
    t.runAll();
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalled();
    expect(win.webContents.reload).toHaveBeenCalledTimes(1);
  });

  it('leaves a renderer alone that becomes responsive again', () => {
    const { win, t } = setup();
    win.emit('unresponsive');
    win.emit('responsive');
    expect(t.pending.size).toBe(0);
    expect(win.webContents.reload).not.toHaveBeenCalled();
  });

  it('does nothing for a destroyed window or after dispose', () => {
    const { win, t, dispose } = setup();
    win.webContents.emit('render-process-gone', {}, { reason: 'killed' });
    win.destroyed = true;
    t.runAll();
    expect(win.webContents.reload).not.toHaveBeenCalled();
    win.destroyed = false;
    dispose();
    win.webContents.emit('render-process-gone', {}, { reason: 'oom' });
    expect(t.pending.size).toBe(0);
  });
});

describe('ensureSingleInstance', () => {
  it('quits when another instance holds the lock', () => {
    const app = new FakeApp();
    app.hasLock = false;
    expect(ensureSingleInstance(app as unknown as App, () => undefined)).toBe(false);
    expect(app.quit).toHaveBeenCalled();
  });

  it('brings the existing window to the front on a second launch', () => {
    const app = new FakeApp();
    const win = new FakeBrowserWindow({});
    win.minimized = true;
    expect(ensureSingleInstance(app as unknown as App, () => win as unknown as BrowserWindow)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance', {}, ['takt'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });
});
