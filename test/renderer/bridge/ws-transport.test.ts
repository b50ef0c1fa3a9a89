import { describe, expect, it } from 'vitest';
import type { ClientFrame } from '../../../shared/ws-protocol';
import { createWsTransport, type WebSocketLike } from '../../../renderer/bridge/ws-transport';
import type { ConnectionState } from '../../../renderer/bridge/types';
import { ManualTimers } from '../support/manual-timers';

class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  sent: ClientFrame[] = [];
  constructor(readonly url: string) {}
  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  reply(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
}

function setup(timeoutMs = 1000) {
  const sockets: FakeSocket[] = [];
  const timers = new ManualTimers();
  const states: ConnectionState[] = [];
  const bridge = createWsTransport({
    url: 'ws://127.0.0.1:7410/bridge',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    timers,
    random: () => 0.5,
    timeoutMs,
  });
  bridge.onConnectionChange((s) => states.push(s));
  const socket = () => sockets[sockets.length - 1]!;
  return { bridge, sockets, socket, timers, states };
}

const info = { terminalId: 'T1', serverUrl: 'http://s', version: '0.1.0', transport: 'browser' };

describe('WebSocket bridge transport', () => {
  it('connects to the given URL and answers a call made while connecting once open', async () => {
    const { bridge, socket } = setup();
    expect(socket().url).toBe('ws://127.0.0.1:7410/bridge');
    expect(bridge.connection()).toBe('connecting');
    const call = bridge.call('host:info', {});
    socket().open();
    expect(socket().sent).toEqual([{ type: 'call', id: 1, channel: 'host:info', request: {} }]);
    socket().reply({ type: 'result', id: 1, result: { ok: true, value: info } });
    expect(await call).toEqual({ ok: true, value: info });
  });

  it('passes coded errors from the host through', async () => {
    const { bridge, socket } = setup();
    socket().open();
    const call = bridge.call('scanner:status', {});
    socket().reply({ type: 'result', id: 1, result: { ok: false, error: { code: 'scanner-port-missing', message: '/dev/ttyACM0' } } });
    expect(await call).toEqual({ ok: false, error: { code: 'scanner-port-missing', message: '/dev/ttyACM0' } });
  });

  it('validates responses against the contract', async () => {
    const { bridge, socket } = setup();
    socket().open();
    const call = bridge.call('sync:push', { events: [] });
    socket().reply({ type: 'result', id: 1, result: { ok: true, value: { ackSeq: -4 } } });
    const res = await call;
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('invalid-response');
  });

  it('refuses an invalid request without sending it', async () => {
    const { bridge, socket } = setup();
    socket().open();
    const res = await bridge.call('sync:pull', { after: -1 } as never);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('bad-request');
    expect(socket().sent).toEqual([]);
  });

  it('leaves the envelopes of a sync push to the host, which parses them on arrival, but refuses a push above 2,000 events unsent', async () => {
    const { bridge, socket } = setup();
    socket().open();
    const broken = { seq: 'one' };
    void bridge.call('sync:push', { events: [broken] } as never);
    expect(socket().sent).toEqual([{ type: 'call', id: 1, channel: 'sync:push', request: { events: [broken] } }]);
    const res = await bridge.call('sync:push', { events: Array.from({ length: 2001 }, () => broken) } as never);
    expect(res).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(socket().sent).toHaveLength(1);
  });

  it('times out a call that gets no answer', async () => {
    const { bridge, socket, timers } = setup(1000);
    socket().open();
    const call = bridge.call('host:disk', {});
    timers.advance(1000);
    const res = await call;
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('timeout');
  });

  it('a call while never connected fails with host-unreachable after the timeout, not hanging', async () => {
    const { bridge, timers } = setup(1000);
    const call = bridge.call('host:info', {});
    timers.advance(1000);
    const res = await call;
    expect(res.ok === false && res.error.code).toBe('host-unreachable');
  });

  it('fails in-flight calls when the socket drops, fails fast while disconnected, reconnects with backoff', async () => {
    const { bridge, socket, sockets, timers, states } = setup();
    socket().open();
    const inflight = bridge.call('host:info', {});
    socket().drop();
    expect(await inflight).toMatchObject({ ok: false, error: { code: 'host-unreachable' } });
    expect(bridge.connection()).toBe('disconnected');

    const fast = await bridge.call('host:info', {});
    expect(fast).toMatchObject({ ok: false, error: { code: 'host-unreachable' } });

    expect(timers.pending()).toEqual([250]);
    timers.runNext();
    expect(sockets).toHaveLength(2);
    socket().drop(); // refused again
    expect(timers.pending()).toEqual([375]);
    timers.runNext();
    socket().open();
    expect(bridge.connection()).toBe('connected');
    expect(states).toEqual(['connected', 'disconnected', 'connecting', 'disconnected', 'connecting', 'connected']);

    // After a successful connection the backoff starts from the minimum again.
    socket().drop();
    expect(timers.pending()).toEqual([250]);
  });

  it('keeps retrying a host that is down at most 2 s apart, so the page is back soon after the host', () => {
    const { socket, timers } = setup();
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      socket().drop();
      delays.push(...timers.pending());
      timers.runNext();
    }
    expect(Math.max(...delays)).toBeLessThanOrEqual(2000);
    expect(delays.at(-1)).toBeGreaterThanOrEqual(1000);
  });

  it('stops for good when another page took the bridge over (close code 4000)', async () => {
    const { bridge, socket, sockets, timers } = setup();
    socket().open();
    socket().drop(4000);
    expect(bridge.connection()).toBe('replaced');
    expect(timers.pending()).toEqual([]);
    expect(sockets).toHaveLength(1);
    expect(await bridge.call('host:info', {})).toMatchObject({ ok: false, error: { code: 'host-unreachable' } });
  });

  it('delivers validated host events and drops malformed ones', () => {
    const { bridge, socket } = setup();
    socket().open();
    const scans: string[] = [];
    bridge.on('scanner:scan', (s) => scans.push(s.raw));
    socket().reply({ type: 'event', event: 'scanner:scan', payload: { raw: 'B1001', source: 'serial', receivedAt: 'now' } });
    socket().reply({ type: 'event', event: 'scanner:scan', payload: { raw: 42 } });
    socket().reply('not json');
    socket().reply({ type: 'event', event: 'unknown:thing', payload: {} });
    expect(scans).toEqual(['B1001']);
  });

  it('ignores answers that arrive after the timeout', async () => {
    const { bridge, socket, timers } = setup(1000);
    socket().open();
    const call = bridge.call('host:disk', {});
    timers.advance(1000);
    socket().reply({ type: 'result', id: 1, result: { ok: true, value: { freeBytes: 1, totalBytes: 2 } } });
    expect((await call).ok).toBe(false);
  });

  it('close() stops reconnecting', () => {
    const { bridge, timers, sockets } = setup();
    bridge.close();
    expect(timers.pending()).toEqual([]);
    expect(sockets).toHaveLength(1);
  });
});
