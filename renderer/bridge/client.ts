import type { PreloadApi } from '../../shared/bridge';
import { createPreloadTransport } from './preload-transport';
import { bridgeUrl, readBridgeToken } from './token';
import type { TaktBridge, Timers } from './types';
import { createWsTransport, type WebSocketLike } from './ws-transport';

export type { TaktBridge, ConnectionState } from './types';

/** What createBridgeClient reads from the page; defaults to the real globals (the one place that touches `window`). */
export interface BridgeEnvironment {
  takt?: PreloadApi | undefined;
  location: Pick<Location, 'hash' | 'pathname' | 'search' | 'protocol' | 'host'>;
  sessionStorage?: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  history?: Pick<History, 'replaceState'> | undefined;
  createSocket?: (url: string) => WebSocketLike;
  timers?: Timers;
  timeoutMs?: number;
}

declare global {
  interface Window {
    takt?: PreloadApi;
  }
}

function browserEnvironment(): BridgeEnvironment {
  let storage: Storage | undefined;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = undefined;
  }
  return { takt: window.takt, location: window.location, sessionStorage: storage, history: window.history };
}

/** Electron's preload when present, else the loopback WebSocket of the browser host. */
export function createBridgeClient(env: BridgeEnvironment = browserEnvironment()): TaktBridge {
  const common = { ...(env.timers ? { timers: env.timers } : {}), ...(env.timeoutMs ? { timeoutMs: env.timeoutMs } : {}) };
  if (env.takt) return createPreloadTransport(env.takt, common);
  const token = readBridgeToken({ location: env.location, storage: env.sessionStorage, history: env.history }) ?? '';
  return createWsTransport({
    url: bridgeUrl(env.location, token),
    ...common,
    ...(env.createSocket ? { createSocket: env.createSocket } : {}),
  });
}
