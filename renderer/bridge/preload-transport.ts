import type { CallName, CallRequest, CallResponse, EventName, EventPayload, PreloadApi } from '../../shared/bridge';
import { toCodedError, type Result } from '../../shared/errors';
import { EventHub } from './event-hub';
import { realTimers, type TaktBridge, type Timers } from './types';
import { checkRequest, toCallResult } from './validate';

export interface PreloadTransportOptions {
  timeoutMs?: number;
  timers?: Timers;
}

/**
 * The Electron transport: `window.takt` from the preload. IPC does not drop
 * like a socket, but a hung handler must still not hang the UI: every call has
 * a timeout.
 */
export function createPreloadTransport(api: PreloadApi, options: PreloadTransportOptions = {}): TaktBridge {
  const timers = options.timers ?? realTimers;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const hub = new EventHub();
  const unsubscribers = new Map<EventName, () => void>();

  return {
    transport: 'electron',
    connection: () => 'connected',
    onConnectionChange: () => () => {},
    close() {
      for (const off of unsubscribers.values()) off();
      unsubscribers.clear();
    },
    call<C extends CallName>(channel: C, request: CallRequest<C>): Promise<Result<CallResponse<C>>> {
      const invalid = checkRequest(channel, request);
      if (invalid) return Promise.resolve(invalid);
      return new Promise((resolve) => {
        const timer = timers.setTimeout(() => {
          resolve({ ok: false, error: { code: 'timeout', message: `${channel}: no answer from the host within ${timeoutMs} ms` } });
        }, timeoutMs);
        api.call(channel, request ?? {}).then(
          (raw) => {
            timers.clearTimeout(timer);
            resolve(toCallResult(channel, raw));
          },
          (err: unknown) => {
            timers.clearTimeout(timer);
            resolve({ ok: false, error: toCodedError(err) });
          },
        );
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (!unsubscribers.has(event)) unsubscribers.set(event, api.on(event, (payload) => hub.emit(event, payload)));
      return hub.on(event, listener);
    },
  };
}
