import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { secureWebPreferences } from './security';
import { hostLogger } from './host/log-file';

/** The kiosk window: full screen, no menu, the secure preferences from security.ts. */

export interface MainWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  preloadPath: string;
  url: string;
  kiosk: boolean;
}

export function mainWindowOptions(preloadPath: string, kiosk: boolean): BrowserWindowConstructorOptions {
  return {
    show: false,
    kiosk,
    fullscreen: kiosk,
    width: 1280,
    height: 800,
    autoHideMenuBar: true,
    backgroundColor: '#101418',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export function createMainWindow({ BrowserWindow, preloadPath, url, kiosk }: MainWindowDeps): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath, kiosk));
  win.once('ready-to-show', () => win.show());
  // Logged, never an unhandled rejection (e.g. dist/renderer missing in a broken install).
  win.loadURL(url).catch((err: unknown) => hostLogger('main-window').error('load failed', err));
  return win;
}
