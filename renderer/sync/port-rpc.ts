import type { BridgeClient, CallName } from '../../shared/bridge';
import type { Result } from '../../shared/errors';

/**
 * Bridge calls from the sync worker, carried over a MessageChannel to the UI
 * thread, which performs them on its bridge client. The worker cannot reach
 * `window.takt` (Electron preload) nor the WebSocket that holds the per-launch
 * token, and the HTTP itself stays in the host: the worker only ever asks
 * for `sync:push` and `sync:pull` (and `journal:mirror`: retention's snapshots
 * and prunes reach the host's journal copy), and the UI side refuses anything else.
 */

export const WORKER_CALLS = ['sync:push', 'sync:pull', 'journal:mirror'] as const satisfies readonly CallName[];
type WorkerCall = (typeof WORKER_CALLS)[number];

export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start?(): void;
  close?(): void;
}

interface CallFrame {
  kind: 'call';
  id: number;
  channel: string;
  request: unknown;
}
interface ResultFrame {
  kind: 'result';
  id: number;
  result: Result<unknown>;
}

const isWorkerCall = (channel: string): channel is WorkerCall => (WORKER_CALLS as readonly string[]).includes(channel);

/** UI side: answers the worker's calls with the real bridge. Returns the function that stops serving. */
export function serveBridgeOverPort(port: PortLike, bridge: Pick<BridgeClient, 'call'>): () => void {
  const listener = (event: { data: unknown }) => {
    const frame = event.data as Partial<CallFrame> | null;
    if (!frame || frame.kind !== 'call' || typeof frame.id !== 'number' || typeof frame.channel !== 'string') return;
    const { id, channel } = frame;
    const answer = (result: Result<unknown>) => port.postMessage({ kind: 'result', id, result } satisfies ResultFrame);
    if (!isWorkerCall(channel)) {
      answer({ ok: false, error: { code: 'unknown-channel', message: `the sync worker may not call ${channel}` } });
      return;
    }
    bridge
      .call(channel, frame.request as never)
      .then(answer, (err: unknown) => answer({ ok: false, error: { code: 'host-unreachable', message: err instanceof Error ? err.message : String(err) } }));
  };
  port.addEventListener('message', listener);
  port.start?.();
  return () => port.removeEventListener('message', listener);
}

/** Worker side: a bridge client whose calls travel over the port. Calls time out rather than hang forever. */
export function bridgeOverPort(port: PortLike, timeoutMs = 60_000): Pick<BridgeClient, 'call'> {
  let nextId = 1;
  const waiting = new Map<number, (r: Result<unknown>) => void>();
  port.addEventListener('message', (event) => {
    const frame = event.data as Partial<ResultFrame> | null;
    if (!frame || frame.kind !== 'result' || typeof frame.id !== 'number' || !frame.result) return;
    const done = waiting.get(frame.id);
    waiting.delete(frame.id);
    done?.(frame.result);
  });
  port.start?.();
  return {
    call(channel, request) {
      const id = nextId++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          if (!waiting.delete(id)) return;
          resolve({ ok: false, error: { code: 'timeout', message: `no answer from the UI thread to ${channel} within ${timeoutMs} ms` } });
        }, timeoutMs);
        waiting.set(id, (result) => {
          clearTimeout(timer);
          resolve(result as never);
        });
        port.postMessage({ kind: 'call', id, channel, request } satisfies CallFrame);
      });
    },
  };
}
