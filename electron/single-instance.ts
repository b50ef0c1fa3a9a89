import type { App, BrowserWindow } from 'electron';

/**
 * Two Takt instances would fight over the serial ports and the journal: the
 * second one quits, and the first brings its window to the front.
 */
export function ensureSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  getWindow: () => Pick<BrowserWindow, 'isMinimized' | 'restore' | 'focus' | 'isDestroyed'> | undefined,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  return true;
}
