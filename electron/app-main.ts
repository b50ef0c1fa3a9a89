import { join } from 'node:path';
import type * as ElectronModule from 'electron';
import { toCodedError } from '../shared/errors';
import { APP_ENTRY_URL } from './app-origin';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { installCrashRecovery } from './crash-recovery';
import { loadTerminalConfig } from './host/config';
import { createHost, type Host } from './host/host-services';
import { forwardHostEvents, isAppMainFrame, registerIpc } from './ipc';
import { isLockedDown, lockDownContents, removeApplicationMenu } from './kiosk-lockdown';
import { createMainWindow } from './main-window';
import { applySecurity } from './security';
import { ensureSingleInstance } from './single-instance';
import { attachHostLog, hostLogger } from './host/log-file';

const log = hostLogger('main');

/**
 * The Electron main process wired together: everything main.ts does, with
 * electron passed in so tests can run it against a fake module.
 */

export type ElectronDeps = Pick<typeof ElectronModule, 'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'protocol' | 'session'>;

export interface AppPaths {
  staticDir: string;
  preloadPath: string;
}

/**
 * Where the build puts the renderer and the (CommonJS) preload bundle.
 * TAKT_STATIC_DIR (a development aid) is ignored in a packaged app: anyone who
 * can set the kiosk's environment would otherwise serve it their own page,
 * which the IPC bridge trusts as the app.
 */
export function appPaths(appPath: string, env: NodeJS.ProcessEnv, isPackaged = false): AppPaths {
  return {
    staticDir: (!isPackaged && env.TAKT_STATIC_DIR) || join(appPath, 'dist', 'renderer'),
    preloadPath: join(appPath, 'dist', 'electron', 'preload.cjs'),
  };
}

export function runTaktApp(electron: ElectronDeps, env: NodeJS.ProcessEnv = process.env): void {
  const { app } = electron;
  let win: ElectronModule.BrowserWindow | undefined;

  // Before anything else: a second instance must not touch the ports or the protocol.
  if (!ensureSingleInstance(app, () => win)) return;
  registerAppScheme(electron.protocol);

  app.whenReady()
    .then(async () => {
      const userDataDir = app.getPath('userData');
      const paths = appPaths(app.getAppPath(), env, app.isPackaged);
      const lockedDown = isLockedDown(app, env);
      if (lockedDown) removeApplicationMenu(electron.Menu);
      attachHostLog(userDataDir);
      const config = await loadTerminalConfig({ userDataDir, env });
      const host = createHost({ config, version: app.getVersion(), transport: 'electron', userDataDir });

      handleAppProtocol(electron.protocol, paths.staticDir);
      applySecurity(electron.session.defaultSession, app);
      registerIpc(electron.ipcMain, host.handlers, { isTrustedSender: isAppMainFrame });

      win = createMainWindow({
        BrowserWindow: electron.BrowserWindow,
        preloadPath: paths.preloadPath,
        url: APP_ENTRY_URL,
        kiosk: env.TAKT_KIOSK !== '0',
        devTools: !lockedDown,
      });
      if (lockedDown) lockDownContents(win.webContents);
      forwardHostEvents(host.events, win.webContents);
      installCrashRecovery(win);
      stopHostOnQuit(app, host);
      app.on('window-all-closed', () => app.quit());
      await host.start();
    })
    .catch((err: unknown) => {
      const { code, message } = toCodedError(err);
      electron.dialog.showErrorBox('Takt cannot start', `${code}: ${message}`);
      app.exit(1);
    });
}

function stopHostOnQuit(app: ElectronDeps['app'], host: Host): void {
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    // Close the serial port before exit so the next start can open it at once.
    event.preventDefault();
    void host
      .stop()
      .catch((err: unknown) => log.error('host stop failed', err))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
}
