import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import type { Result } from '../shared/errors';
import { EVENT_NAMES } from '../shared/bridge-channels';
import type { HostHandlers } from '../shared/bridge';
import { dispatchBridgeCall } from '../shared/bridge-dispatch';
import { isAppUrl } from './app-origin';
import type { HostEvents } from './host/host-events';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from './ipc-channels';

/**
 * The Electron transport's main-process side: one invoke channel for every
 * call. A request is served only for the app's own main frame, and always
 * through dispatchBridgeCall (channel check, schema parse, coded errors).
 */

export interface IpcOptions {
  isTrustedSender(frame: WebFrameMain | null): boolean;
}

/** The default sender rule: the top-level frame of a page from the app's own origin. */
export function isAppMainFrame(frame: WebFrameMain | null): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, handlers: HostHandlers, options: IpcOptions): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, request: unknown): Promise<Result<unknown>> => {
    if (!options.isTrustedSender(event.senderFrame)) {
      return { ok: false, error: { code: 'forbidden-sender', message: 'This frame may not call the Takt host' } };
    }
    return dispatchBridgeCall(handlers, channel, request);
  });
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}

/** Sends every host event to the renderer as (event name, payload) on one channel. */
export function forwardHostEvents(events: HostEvents, webContents: Pick<WebContents, 'send' | 'isDestroyed'>): () => void {
  const offs = EVENT_NAMES.map((name) =>
    events.on(name, (payload) => {
      if (!webContents.isDestroyed()) webContents.send(IPC_EVENT_CHANNEL, name, payload);
    }),
  );
  return () => offs.forEach((off) => off());
}
