import { describe, expect, it } from 'vitest';
import type { PreloadApi } from '../../../shared/bridge';
import { createBridgeClient } from '../../../renderer/bridge/client';
import { bridgeUrl, readBridgeToken, TOKEN_STORAGE_KEY } from '../../../renderer/bridge/token';
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

  it('preload: events are validated before listeners see them', () => {
    const preload = fakePreload(async () => null);
    const client = createBridgeClient({ takt: preload.api, location });
    const states: string[] = [];
    client.on('device:status', (e) => states.push(e.status.state));
    preload.emit('device:status', { device: 'scanner', status: { state: 'disconnected', port: '/dev/ttyACM0' } });
    preload.emit('device:status', { device: 'printer', status: {} });
    expect(states).toEqual(['disconnected']);
  });

  it('without the preload: WebSocket to /bridge with the token from the fragment, kept for reloads', () => {
    const urls: string[] = [];
    const storage = new Map<string, string>();
    const sessionStorage = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) };
    const replaced: string[] = [];
    const history = { replaceState: (_d: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) };
    const createSocket = (url: string) => {
      urls.push(url);
      return { readyState: 0, onopen: null, onclose: null, onerror: null, onmessage: null, send() {}, close() {} } as WebSocketLike;
    };
    const first = createBridgeClient({ location: { ...location, hash: '#token=s3cr%2Bt' }, sessionStorage, history, createSocket, timers: new ManualTimers() });
    expect(first.transport).toBe('browser');
    expect(urls[0]).toBe('ws://127.0.0.1:7410/bridge?token=s3cr%2Bt');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('s3cr+t');
    expect(replaced).toEqual(['/']);

    // A reload: the fragment is gone, the token is still in sessionStorage.
    createBridgeClient({ location, sessionStorage, history, createSocket, timers: new ManualTimers() });
    expect(urls[1]).toBe('ws://127.0.0.1:7410/bridge?token=s3cr%2Bt');
  });

  it('builds wss:// under https', () => {
    expect(bridgeUrl({ protocol: 'https:', host: 'terminal.local' }, 'a b')).toBe('wss://terminal.local/bridge?token=a%20b');
    expect(readBridgeToken({ location: { hash: '', pathname: '/', search: '' } })).toBeNull();
  });
});
