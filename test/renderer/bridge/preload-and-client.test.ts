import { describe, expect, it } from 'vitest';
import type { PreloadApi } from '../../../shared/bridge';
import { createBridgeClient } from '../../../renderer/bridge/client';
import { bridgeUrl, preparePageSession } from '../../../renderer/bridge/pairing';
import type { WebSocketLike } from '../../../renderer/bridge/ws-transport';
import { ManualTimers } from '../support/manual-timers';

function fakePreload(answer: (channel: string, request: unknown) => Promise<unknown>) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const api: PreloadApi = {
    call: answer,
    on: (event, listener) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  };
  return { api, emit: (event: string, payload: unknown) => listeners.get(event)?.(payload) };
}

const location = { hash: '', pathname: '/', search: '', protocol: 'http:', host: '127.0.0.1:7410' };

describe('createBridgeClient', () => {
  it('uses window.takt when the preload exposes it', async () => {
    const { api } = fakePreload(async () => ({ ok: true, value: { state: 'not-configured' } }));
    const client = createBridgeClient({ takt: api, location });
    expect(client.transport).toBe('electron');
    expect(client.connection()).toBe('connected');
    expect(await client.call('scanner:status', {})).toEqual({ ok: true, value: { state: 'not-configured' } });
  });

  it('preload: validates results, turns throws into coded errors, times out', async () => {
    const timers = new ManualTimers();
    const bad = createBridgeClient({ takt: fakePreload(async () => ({ ok: true, value: { state: 'exploded' } })).api, location });
    expect(await bad.call('scanner:status', {})).toMatchObject({ ok: false, error: { code: 'invalid-response' } });

    const throws = createBridgeClient({ takt: fakePreload(async () => Promise.reject(Object.assign(new Error('nope'), { code: 'forbidden-sender' }))).api, location });
    expect(await throws.call('host:info', {})).toEqual({ ok: false, error: { code: 'forbidden-sender', message: 'nope' } });

    const hangs = createBridgeClient({ takt: fakePreload(() => new Promise(() => {})).api, location, timers, timeoutMs: 2000 });
    const call = hangs.call('host:info', {});
    timers.advance(2000);
    expect(await call).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });

  it('preload: an error code outside the closed set becomes invalid-response, the foreign code kept in the message', async () => {
    const odd = createBridgeClient({ takt: fakePreload(async () => ({ ok: false, error: { code: 'printer-on-fire', message: 'smoke' } })).api, location });
    expect(await odd.call('printer:status', {})).toEqual({ ok: false, error: { code: 'invalid-response', message: 'printer:status: unknown error code printer-on-fire: smoke' } });
    const known = createBridgeClient({ takt: fakePreload(async () => ({ ok: false, error: { code: 'printer-offline', message: 'gone' } })).api, location });
    expect(await known.call('printer:status', {})).toEqual({ ok: false, error: { code: 'printer-offline', message: 'gone' } });
  });

  it('preload: events are validated before listeners see them', () => {
    const preload = fakePreload(async () => null);
    const client = createBridgeClient({ takt: preload.api, location });
    const states: string[] = [];
    client.on('device:status', (e) => states.push(e.status.state));
    preload.emit('device:status', { device: 'scanner', status: { state: 'disconnected', port: '/dev/ttyACM0' } });
    preload.emit('device:status', { device: 'printer', status: {} });
    expect(states).toEqual(['disconnected']);
  });

  it('without the preload: WebSocket to /bridge, with no secret in its URL', () => {
    const urls: string[] = [];
    const createSocket = (url: string) => {
      urls.push(url);
      return { readyState: 0, onopen: null, onclose: null, onerror: null, onmessage: null, send() {}, close() {} } as WebSocketLike;
    };
    const client = createBridgeClient({ location, createSocket, timers: new ManualTimers() });
    expect(client.transport).toBe('browser');
    expect(urls).toEqual(['ws://127.0.0.1:7410/bridge']);
  });

  it('builds wss:// under https', () => {
    expect(bridgeUrl({ protocol: 'https:', host: 'terminal.local' })).toBe('wss://terminal.local/bridge');
  });
});

describe('preparePageSession', () => {
  function fakeHost(sessionStatus: number | 'down') {
    const requests: { url: string; init?: RequestInit | undefined }[] = [];
    const fetch = async (url: string, init?: RequestInit) => {
      requests.push({ url, init });
      if (sessionStatus === 'down') throw new TypeError('Failed to fetch');
      return { status: url === '/bridge/pair' ? 204 : sessionStatus };
    };
    return { requests, fetch };
  }

  it('redeems the one-time code from the fragment, removes it from the URL, and reports the page paired', async () => {
    const host = fakeHost(204);
    const replaced: string[] = [];
    const history = { replaceState: (_d: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) };
    const session = await preparePageSession({ location: { hash: '#pair=c0de', pathname: '/', search: '' }, history, fetch: host.fetch });
    expect(session).toBe('paired');
    expect(replaced).toEqual(['/']);
    expect(host.requests.map((r) => r.url)).toEqual(['/bridge/pair', '/bridge/session']);
    expect(host.requests[0]!.init).toMatchObject({ method: 'POST', body: JSON.stringify({ code: 'c0de' }) });
  });

  it('a reload (no code) only asks whether the cookie is still good', async () => {
    const host = fakeHost(204);
    expect(await preparePageSession({ location: { hash: '', pathname: '/', search: '' }, fetch: host.fetch })).toBe('paired');
    expect(host.requests.map((r) => r.url)).toEqual(['/bridge/session']);
  });

  it('says not-paired when the host refuses the cookie, unreachable when it does not answer', async () => {
    expect(await preparePageSession({ location: { hash: '', pathname: '/', search: '' }, fetch: fakeHost(401).fetch })).toBe('not-paired');
    expect(await preparePageSession({ location: { hash: '#pair=x', pathname: '/', search: '' }, fetch: fakeHost('down').fetch })).toBe('unreachable');
  });
});
