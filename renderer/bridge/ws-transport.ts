import type { CallName, CallRequest, CallResponse, EventName, EventPayload } from '../../shared/bridge';
import type { Result } from '../../shared/errors';
import { CLOSE_REPLACED, ServerFrame, type ClientFrame } from '../../shared/ws-protocol';
import { backoffDelay, type BackoffPolicy } from '../lib/backoff';
import { EventHub } from './event-hub';
import { HOST_UNREACHABLE, realTimers, type ConnectionState, type TaktBridge, type Timers } from './types';
import { checkRequest, toCallResult } from './validate';
import { logger } from '../lib/log';
import { noteBridgeFrame } from '../lib/scan-stages';

const log = logger('bridge');

/** The part of the DOM WebSocket this transport uses, so tests can hand in a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface WsTransportOptions {
  url: string;
  createSocket?: (url: string) => WebSocketLike;
  timers?: Timers;
  random?: () => number;
  /** Per call: how long to wait for an answer (or for a connection that is being made). */
  timeoutMs?: number;
}

/**
 * The host is on loopback: a refused attempt costs next to nothing, and an
 * operator waits for the terminal while the host restarts. Capped at 2 s, so
 * the page is back within about 2 s of the host.
 */
export const HOST_RECONNECT_BACKOFF: BackoffPolicy = { minMs: 250, maxMs: 2_000 };

type Settle = (result: Result<unknown>) => void;
interface Pending {
  channel: CallName;
  frame: ClientFrame;
  sent: boolean;
  settle: Settle;
}

const unreachable = (channel: string): Result<never> => ({
  ok: false,
  error: { code: HOST_UNREACHABLE, message: `${channel}: the terminal host is not reachable` },
});

/**
 * The browser transport (DESIGN §2): the bridge over a loopback WebSocket.
 * Reconnects with backoff after the socket closes. A call made while a
 * connection is being opened waits for it (bounded by the call timeout); a
 * call made while disconnected fails at once with `host-unreachable`. No
 * call ever hangs.
 */
export function createWsTransport(options: WsTransportOptions): TaktBridge {
  const timers = options.timers ?? realTimers;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const random = options.random ?? Math.random;
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
  const hub = new EventHub();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, Pending>();

  let state: ConnectionState = 'connecting';
  let socket: WebSocketLike | null = null;
  let attempt = 0;
  let nextId = 1;
  let reconnectTimer: unknown = null;
  let closed = false;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...stateListeners]) listener(next);
  }

  function send(entry: Pending): void {
    try {
      socket?.send(JSON.stringify(entry.frame));
      entry.sent = true;
    } catch {
      pending.delete(entry.frame.id);
      entry.settle(unreachable(entry.channel));
    }
  }

  function failAll(): void {
    for (const [id, entry] of pending) {
      pending.delete(id);
      entry.settle(unreachable(entry.channel));
    }
  }

  function onFrame(data: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      log.warn('dropped a frame that is not JSON');
      return;
    }
    const frame = ServerFrame.safeParse(json);
    if (!frame.success) {
      log.warn('dropped a malformed frame');
      return;
    }
    if (frame.data.type === 'event') {
      hub.emit(frame.data.event, frame.data.payload);
      return;
    }
    const entry = pending.get(frame.data.id);
    if (!entry) return; // answered after its timeout
    pending.delete(frame.data.id);
    entry.settle(toCallResult(entry.channel, frame.data.result));
  }

  function connect(): void {
    reconnectTimer = null;
    if (closed) return;
    setState('connecting');
    let ws: WebSocketLike;
    try {
      ws = createSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempt = 0;
      setState('connected');
      for (const entry of pending.values()) if (!entry.sent) send(entry);
    };
    ws.onmessage = (ev) => {
      noteBridgeFrame();
      if (socket === ws) onFrame(ev.data);
    };
    ws.onerror = () => {
      // A close event follows; reconnecting is handled there.
    };
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null;
      failAll();
      // Another page (or a reload) took the bridge over: coming back would only push it out again.
      if ((ev as { code?: unknown } | null)?.code === CLOSE_REPLACED) {
        closed = true;
        setState('replaced');
        return;
      }
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (closed) return;
    setState('disconnected');
    const delay = backoffDelay(attempt++, random, HOST_RECONNECT_BACKOFF);
    reconnectTimer = timers.setTimeout(connect, delay);
  }

  connect();

  return {
    transport: 'browser',
    connection: () => state,
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closed = true;
      if (reconnectTimer !== null) timers.clearTimeout(reconnectTimer);
      const ws = socket;
      socket = null;
      failAll();
      setState('disconnected');
      ws?.close(1000, 'renderer closed');
    },
    call<C extends CallName>(channel: C, request: CallRequest<C>): Promise<Result<CallResponse<C>>> {
      const invalid = checkRequest(channel, request);
      if (invalid) return Promise.resolve(invalid);
      if (state === 'disconnected' || state === 'replaced') return Promise.resolve(unreachable(channel));
      return new Promise((resolve) => {
        const id = nextId++;
        const timer = timers.setTimeout(() => {
          const entry = pending.get(id);
          if (!entry) return;
          pending.delete(id);
          resolve(
            entry.sent
              ? { ok: false, error: { code: 'timeout', message: `${channel}: no answer from the host within ${timeoutMs} ms` } }
              : unreachable(channel),
          );
        }, timeoutMs);
        const entry: Pending = {
          channel,
          frame: { type: 'call', id, channel, request: request ?? {} },
          sent: false,
          settle: (result) => {
            timers.clearTimeout(timer);
            resolve(result as Result<CallResponse<C>>);
          },
        };
        pending.set(id, entry);
        if (state === 'connected') send(entry);
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return hub.on(event, listener);
    },
  };
}
