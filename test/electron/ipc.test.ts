import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, WebContents } from 'electron';
import type { HostHandlers } from '../../shared/bridge';
import { APP_ENTRY_URL } from '../../electron/app-origin';
import { createHostEventHub } from '../../electron/host/host-events';
import { forwardHostEvents, isAppMainFrame, registerIpc } from '../../electron/ipc';
import { FakeIpcMain, FakeWebContents } from './fake-electron';

function handlers(): HostHandlers & { [K in keyof HostHandlers]: ReturnType<typeof vi.fn> } {
  return {
    'host:info': vi.fn(async () => ({ terminalId: 'T-01', serverUrl: 'http://s', version: '1', transport: 'electron' as const })),
    'host:disk': vi.fn(async () => ({ freeBytes: 1, totalBytes: 2 })),
    'scanner:status': vi.fn(async () => ({ state: 'not-configured' as const })),
    'sync:push': vi.fn(async () => ({ ackSeq: 0 })),
    'sync:pull': vi.fn(async () => ({ changes: [], rev: 0, hasMore: false })),
    'sync:status': vi.fn(async () => ({ receivedAt: '2025-01-06T06:00:00.000Z' })),
    'printer:status': vi.fn(async () => ({ state: 'not-configured' as const })),
    'printer:print': vi.fn(async () => ({ jobId: 'J-1', outcome: 'done' as const, status: { state: 'ready' as const } })),
    'log:write': vi.fn(async (req: { records: unknown[] }) => ({ written: req.records.length })),
    'journal:head': vi.fn(async () => ({ state: 'ok' as const, created: false, head: 0, firstSeq: 1, ackedSeq: 0, snapshotSeq: 0, printJobs: 0 })),
    'journal:append': vi.fn(async () => ({ head: 1 })),
    'journal:read': vi.fn(async () => ({ events: [] })),
    'journal:side': vi.fn(async () => ({ ackedSeq: 0, state: null, snapshot: null })),
    'journal:print-jobs': vi.fn(async () => ({ jobs: [] })),
    'journal:mirror': vi.fn(async () => ({ head: 0 })),
    'machine:status': vi.fn(async () => ({ state: 'not-configured' as const, received: 0, malformed: 0, unknown: 0, pending: 0 })),
    'machine:take': vi.fn(async () => ({ items: [] })),
    'machine:ack': vi.fn(async () => ({ acknowledged: 0 })),
    'machine:line-state': vi.fn(async () => ({ published: false })),
  };
}

const appFrame = { url: APP_ENTRY_URL, parent: null };

function setup() {
  const ipcMain = new FakeIpcMain();
  const h = handlers();
  registerIpc(ipcMain as unknown as IpcMain, h, { isTrustedSender: isAppMainFrame as (f: unknown) => boolean });
  const call = (senderFrame: unknown, channel: unknown, request?: unknown) => ipcMain.invoke('takt:call', { senderFrame }, channel, request);
  return { ipcMain, h, call };
}

describe('registerIpc', () => {
  it('registers exactly one channel, takt:call', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()]).toEqual(['takt:call']);
  });

  it('passes a good request from the app main frame to the handler', async () => {
    const { h, call } = setup();
    await expect(call(appFrame, 'sync:pull', { after: 4 })).resolves.toEqual({ ok: true, value: { changes: [], rev: 0, hasMore: false } });
    expect(h['sync:pull']).toHaveBeenCalledWith({ after: 4, limit: 500 });
  });

  it.each([
    ['a foreign origin', { url: 'https://evil.example/', parent: null }],
    ['a file URL', { url: 'file:///tmp/x.html', parent: null }],
    ['a subframe of the app', { url: APP_ENTRY_URL, parent: appFrame }],
    ['a destroyed frame', null],
  ])('rejects %s with forbidden-sender', async (_name, frame) => {
    const { h, call } = setup();
    await expect(call(frame, 'host:info', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(h['host:info']).not.toHaveBeenCalled();
  });

  it('rejects an unknown channel', async () => {
    const { call } = setup();
    await expect(call(appFrame, 'fs:read', { path: '/etc/passwd' })).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('rejects a request that fails its schema with bad-request', async () => {
    const { h, call } = setup();
    await expect(call(appFrame, 'host:info', { extra: true })).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await expect(call(appFrame, 'sync:push', { events: [{ nope: 1 }] })).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(h['host:info']).not.toHaveBeenCalled();
    expect(h['sync:push']).not.toHaveBeenCalled();
  });

  it('turns a handler failure into a coded error', async () => {
    const { h, call } = setup();
    h['host:disk'].mockRejectedValueOnce(new Error('EIO'));
    await expect(call(appFrame, 'host:disk', {})).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'EIO' } });
  });
});

describe('forwardHostEvents', () => {
  it('sends host events on takt:event until unsubscribed or destroyed', () => {
    const hub = createHostEventHub();
    const contents = new FakeWebContents();
    const off = forwardHostEvents(hub, contents as unknown as WebContents);
    const scan = { raw: 'X', source: 'serial' as const, receivedAt: '2025-01-01T00:00:00.000Z' };
    hub.emit('scanner:scan', scan);
    expect(contents.send).toHaveBeenCalledWith('takt:event', 'scanner:scan', scan);
    contents.destroyed = true;
    hub.emit('device:status', { device: 'scanner', status: { state: 'connected' } });
    expect(contents.send).toHaveBeenCalledTimes(1);
    contents.destroyed = false;
    off();
    hub.emit('scanner:scan', scan);
    expect(contents.send).toHaveBeenCalledTimes(1);
  });
});
