import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { secureWebPreferences } from './security';
import { hostLogger } from './host/log-file';

/** The kiosk window: full screen, no menu, the secure preferences from security.ts. */

export interface MainWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  preloadPath: string;
  url: string;
  kiosk: boolean;
  /** Only for a windowed development run; default off. */
  devTools?: boolean;
}

export function mainWindowOptions(preloadPath: string, kiosk: boolean, devTools = false): BrowserWindowConstructorOptions {
  return {
    show: false,
    kiosk,
    fullscreen: kiosk,
    width: 1280,
    height: 800,
    autoHideMenuBar: true,
    backgroundColor: '#101418',
    webPreferences: secureWebPreferences(preloadPath, devTools),
  };
}

export function createMainWindow({ BrowserWindow, preloadPath, url, kiosk, devTools = false }: MainWindowDeps): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath, kiosk, devTools));
  win.once('ready-to-show', () => win.show());
  // Logged, never an unhandled rejection (e.g. dist/renderer missing in a broken install).
  win.loadURL(url).catch((err: unknown) => hostLogger('main-window').error('load failed', err));
  return win;
}
