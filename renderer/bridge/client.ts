import type { PreloadApi } from '../../shared/bridge';
import { createPreloadTransport } from './preload-transport';
import { bridgeUrl } from './pairing';
import type { TaktBridge, Timers } from './types';
import { createWsTransport, type WebSocketLike } from './ws-transport';

export type { TaktBridge, ConnectionState } from './types';

/** What createBridgeClient reads from the page; defaults to the real globals (the one place that touches `window`). */
export interface BridgeEnvironment {
  takt?: PreloadApi | undefined;
  location: Pick<Location, 'protocol' | 'host'>;
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
  return { takt: window.takt, location: window.location };
}

/** Electron's preload when present, else the loopback WebSocket of the browser host (the page paired first, see pairing.ts). */
export function createBridgeClient(env: BridgeEnvironment = browserEnvironment()): TaktBridge {
  const common = { ...(env.timers ? { timers: env.timers } : {}), ...(env.timeoutMs ? { timeoutMs: env.timeoutMs } : {}) };
  if (env.takt) return createPreloadTransport(env.takt, common);
  return createWsTransport({
    url: bridgeUrl(env.location),
    ...common,
    ...(env.createSocket ? { createSocket: env.createSocket } : {}),
  });
}
