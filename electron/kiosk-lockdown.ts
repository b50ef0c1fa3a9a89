import type { App, Input, Menu as MenuApi, WebContents } from 'electron';

/**
 * A kiosk stays a kiosk: no application menu (Electron's default menu brings
 * Reload and Toggle Developer Tools with their shortcuts), no DevTools, and
 * the DevTools and reload shortcuts swallowed before the page sees them. From
 * a DevTools console `window.takt.call(…)` would pass the sender check, so
 * the console must not open at all. A packaged app is always locked down;
 * a development checkout only while it runs as a kiosk (TAKT_KIOSK != 0).
 */

export function isLockedDown(app: Pick<App, 'isPackaged'>, env: NodeJS.ProcessEnv): boolean {
  return app.isPackaged || env.TAKT_KIOSK !== '0';
}

type KeyInput = Pick<Input, 'type' | 'key' | 'control' | 'shift' | 'alt' | 'meta'>;

/** F12, Ctrl/Cmd+Shift+I/J/C, Cmd+Alt+I/J/C (DevTools); F5, Ctrl/Cmd+R, Ctrl/Cmd+Shift+R (reload). */
export function isBlockedShortcut(input: KeyInput): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  if (key === 'f12' || key === 'f5') return true;
  const command = input.control || input.meta;
  if (!command) return false;
  if (key === 'r') return true;
  const devToolsKey = key === 'i' || key === 'j' || key === 'c';
  return devToolsKey && (input.shift || (input.meta && input.alt));
}

export function removeApplicationMenu(menu: Pick<typeof MenuApi, 'setApplicationMenu'>): void {
  menu.setApplicationMenu(null);
}

export function lockDownContents(contents: Pick<WebContents, 'on' | 'closeDevTools'>): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
  // devTools: false already refuses to open them; this closes them should anything still manage to.
  contents.on('devtools-opened', () => contents.closeDevTools());
}
