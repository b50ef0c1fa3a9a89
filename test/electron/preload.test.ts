import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron';

const electron = await vi.hoisted(async () => (await import('./fake-electron')).createFakeElectron());
vi.mock('electron', () => electron);

type Api = { call(channel: string, request: unknown): Promise<unknown>; on(event: string, listener: (p: unknown) => void): () => void };

describe('preload', () => {
  let api: Api;
  let fake: FakeElectron;
  beforeAll(async () => {
    fake = electron;
    await import('../../electron/preload');
    api = fake.exposed.takt as Api;
  });

  it('exposes one flat object with only call and on', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(Object.keys(fake.exposed)).toEqual(['takt']);
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.values(api)).not.toContain(fake.ipcRenderer);
  });

  it('invokes takt:call for a known channel', async () => {
    await expect(api.call('host:info', {})).resolves.toEqual({ ok: true, value: 'from-main' });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('takt:call', 'host:info', {});
  });

  it('refuses an unknown channel without touching IPC', async () => {
    fake.ipcRenderer.invoke.mockClear();
    await expect(api.call('takt:call', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    await expect(api.call('shell:openExternal', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(fake.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('delivers only the subscribed event, payload only, until unsubscribed', () => {
    const seen: unknown[][] = [];
    const off = api.on('scanner:scan', (...args: unknown[]) => seen.push(args));
    const ipcEvent = { sender: fake.ipcRenderer };
    fake.ipcRenderer.emit('takt:event', ipcEvent, 'device:status', { device: 'scanner' });
    fake.ipcRenderer.emit('takt:event', ipcEvent, 'scanner:scan', { raw: 'A' });
    expect(seen).toEqual([[{ raw: 'A' }]]);
    off();
    fake.ipcRenderer.emit('takt:event', ipcEvent, 'scanner:scan', { raw: 'B' });
    expect(seen).toHaveLength(1);
    expect(fake.ipcRenderer.listenerCount('takt:event')).toBe(0);
  });

  it('refuses to subscribe to an unknown event', () => {
    expect(() => api.on('ipc:raw', () => {})).toThrow(/unknown-channel/);
    expect(fake.ipcRenderer.listenerCount('ipc:raw')).toBe(0);
  });
});
