import type { CallName, CallRequest, CallResponse, EventName, EventPayload } from '../../../shared/bridge';
import type { Result } from '../../../shared/errors';
import type { ConnectionState, TaktBridge } from '../../../renderer/bridge/types';
import { serveJournalCopy } from './fake-journal-copy';

type Handler<C extends CallName> = (request: CallRequest<C>) => Result<CallResponse<C>> | Promise<Result<CallResponse<C>>>;

/** A scriptable bridge: per-channel handlers, a call log, and `emit` for host events. */
export class FakeBridge implements TaktBridge {
  readonly transport = 'browser' as const;
  readonly calls: { channel: CallName; request: unknown }[] = [];
  private handlers: Partial<{ [C in CallName]: Handler<C> }> = {};
  private listeners = new Map<string, Set<(payload: unknown) => void>>();
  private state: ConnectionState = 'connected';
  private stateListeners = new Set<(s: ConnectionState) => void>();
  /** The host's journal copy (in-memory SQLite) every fake host has, as the real one does. */
  readonly journalCopy = serveJournalCopy(this);

  handle<C extends CallName>(channel: C, handler: Handler<C>): this {
    (this.handlers as Record<string, unknown>)[channel] = handler;
    return this;
  }

  callsTo(channel: CallName): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.request);
  }

  async call<C extends CallName>(channel: C, request: CallRequest<C>): Promise<Result<CallResponse<C>>> {
    this.calls.push({ channel, request });
    const handler = this.handlers[channel] as Handler<C> | undefined;
    if (!handler) return { ok: false, error: { code: 'host-unreachable', message: `no fake handler for ${channel}` } };
    return handler(request);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }

  connection(): ConnectionState {
    return this.state;
  }

  setConnection(state: ConnectionState): void {
    this.state = state;
    for (const l of this.stateListeners) l(state);
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  close(): void {}
}
