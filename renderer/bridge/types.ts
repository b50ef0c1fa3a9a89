import type { BridgeClient } from '../../shared/bridge';

/**
 * Whether the renderer can currently reach its host. Electron IPC is always
 * `connected`. `replaced`: another window took the browser transport over (one
 * client at a time); this one stays off for good.
 */
export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'replaced';

/** The contract's client plus what the UI needs to show the link to the host. */
export interface TaktBridge extends BridgeClient {
  readonly transport: 'electron' | 'browser';
  connection(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

/** Timers are injected so that backoff and timeouts are testable without real time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Error codes the renderer adds to those of shared/errors.ts. */
export const HOST_UNREACHABLE = 'host-unreachable';
export const INVALID_RESPONSE = 'invalid-response';
