import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isCallName, isEventName } from '../shared/bridge-channels';
import type { PreloadApi } from '../shared/bridge';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from './ipc-channels';

/**
 * The sandboxed preload: one flat object on `window.takt`, never ipcRenderer
 * itself. Channels are checked here too so a typo fails fast in the
 * renderer; the main process checks again and parses every request.
 * Sandboxed preloads cannot load ES modules: the build bundles this file to CommonJS.
 */

const api = {
  call(channel: string, request: unknown): Promise<unknown> {
    if (!isCallName(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown-channel', message: `Unknown bridge channel: ${String(channel).slice(0, 64)}` } });
    }
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, channel, request);
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!isEventName(event)) throw new Error(`unknown-channel: Unknown bridge event: ${String(event).slice(0, 64)}`);
    // The IPC event object (which holds ipcRenderer as `sender`) never reaches the page.
    const relay = (_ipcEvent: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
  },
} satisfies PreloadApi;

contextBridge.exposeInMainWorld('takt', api);
