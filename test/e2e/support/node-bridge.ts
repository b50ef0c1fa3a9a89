import WebSocket from 'ws';
import type { BridgeClient } from '../../../shared/bridge';
import { PAIR_PATH, WS_PATH, type ServerFrame } from '../../../shared/ws-protocol';

/**
 * A bridge client in Node that talks to the real host over the browser
 * transport exactly as a page does: it redeems the one-time pairing code of
 * the host's pairing page for the session cookie (POST /bridge/pair with the
 * host's own Origin), then opens the WebSocket with that cookie.
 */
export interface NodeBridge {
  bridge: Pick<BridgeClient, 'call' | 'on'>;
  close(): void;
}

export async function pairNodeBridge(pairingUrl: string): Promise<NodeBridge> {
  const url = new URL(pairingUrl);
  const code = new URLSearchParams(url.hash.slice(1)).get('pair');
  if (!code) throw new Error(`no pairing code in ${url.origin}/#…`);
  const origin = url.origin;
  const res = await fetch(`${origin}${PAIR_PATH}`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  if (res.status !== 204) throw new Error(`pairing refused: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const ws = new WebSocket(`ws://${url.host}${WS_PATH}`, { headers: { origin, cookie } });
  let next = 1;
  const waiting = new Map<number, (r: unknown) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as ServerFrame;
    if (frame.type === 'result') {
      waiting.get(frame.id)?.(frame.result);
      waiting.delete(frame.id);
    } else {
      for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => resolve());
  });
  return {
    bridge: {
      call: (channel, request) =>
        new Promise((resolve) => {
          const id = next++;
          waiting.set(id, resolve as (r: unknown) => void);
          ws.send(JSON.stringify({ type: 'call', id, channel, request }));
        }) as never,
      on: (event: string, listener: (payload: unknown) => void) => {
        let set = listeners.get(event);
        if (!set) listeners.set(event, (set = new Set()));
        set.add(listener);
        return () => void set.delete(listener);
      },
    } as NodeBridge['bridge'],
    close: () => ws.close(),
  };
}
