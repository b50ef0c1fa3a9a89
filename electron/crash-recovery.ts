import type { BrowserWindow } from 'electron';
import { hostLogger } from './host/log-file';

/**
 * A kiosk has no one to click "reload": a crashed renderer is reloaded after
 * a short delay, and a hung one is killed and reloaded unless it recovers
 * within the grace period.
 */

export interface CrashRecoveryOptions {
  /** Delay before reloading a crashed renderer. */
  reloadDelayMs?: number;
  /** How long a renderer may stay unresponsive before it is killed and reloaded. */
  hangGraceMs?: number;
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  log?: (message: string) => void;
}

type RecoverableWindow = Pick<BrowserWindow, 'on' | 'off' | 'isDestroyed'> & {
  webContents: Pick<BrowserWindow['webContents'], 'on' | 'off' | 'reload' | 'forcefullyCrashRenderer' | 'isDestroyed'>;
};

export function installCrashRecovery(win: RecoverableWindow, options: CrashRecoveryOptions = {}): () => void {
  const reloadDelayMs = options.reloadDelayMs ?? 1000;
  const hangGraceMs = options.hangGraceMs ?? 5000;
  const timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  const log = options.log ?? ((message) => hostLogger('crash-recovery').warn(message));
  let pending: unknown;

  const alive = (): boolean => !win.isDestroyed() && !win.webContents.isDestroyed();
  const schedule = (ms: number, action: () => void): void => {
    if (pending !== undefined) timers.clearTimeout(pending);
    pending = timers.setTimeout(() => {
      pending = undefined;
      if (alive()) action();
    }, ms);
  };
  const cancel = (): void => {
    if (pending !== undefined) timers.clearTimeout(pending);
    pending = undefined;
  };

  const onGone = (_event: unknown, details: { reason: string }): void => {
    log(`renderer gone (${details.reason}); reloading in ${reloadDelayMs} ms`);
    schedule(reloadDelayMs, () => win.webContents.reload());
  };
  const onUnresponsive = (): void => {
    log(`renderer unresponsive; reloading in ${hangGraceMs} ms unless it recovers`);
    schedule(hangGraceMs, () => {
      win.webContents.forcefullyCrashRenderer();
      win.webContents.reload();
    });
  };

  win.webContents.on('render-process-gone', onGone);
  win.on('unresponsive', onUnresponsive);
  win.on('responsive', cancel);
  return () => {
    cancel();
    win.webContents.off('render-process-gone', onGone);
    win.off('unresponsive', onUnresponsive);
    win.off('responsive', cancel);
  };
}
