import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchBridgeCall } from '../../shared/bridge-dispatch';
import { testTerminalConfig } from './terminal-config-fixture';
import { createHost } from '../../electron/host/host-services';
import type { ServerTransport } from '../../electron/host/server-transport';
import { HostError } from '../../electron/host/coded-error';
import { createFakeScanner } from './fake-scanner';

const config = testTerminalConfig();

describe('host services', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'takt-host-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers host:info and host:disk', async () => {
    const host = createHost({ config, version: '1.2.3', transport: 'browser', userDataDir: join(dir, 'not-yet-created') });
    await expect(host.handlers['host:info']({})).resolves.toEqual({ terminalId: 'T-01', serverUrl: 'http://127.0.0.1:7400', version: '1.2.3', transport: 'browser', language: 'de' });
    const disk = await host.handlers['host:disk']({});
    expect(disk.totalBytes).toBeGreaterThan(0);
    expect(disk.freeBytes).toBeGreaterThanOrEqual(0);
    expect(disk.freeBytes).toBeLessThanOrEqual(disk.totalBytes);
  });

  it('reports not-configured without a scanner port', async () => {
    const host = createHost({ config, version: '1', transport: 'electron', userDataDir: dir });
    const statuses: unknown[] = [];
    host.events.on('device:status', (s) => statuses.push(s));
    await host.start();
    await expect(host.handlers['scanner:status']({})).resolves.toMatchObject({ state: 'not-configured' });
    expect(statuses).toEqual([{ device: 'scanner', status: expect.objectContaining({ state: 'not-configured' }) }]);
    await host.stop();
  });

  it('forwards scans and status changes as bridge events, and stops the scanner', async () => {
    const fake = createFakeScanner();
    const host = createHost({ config, version: '1', transport: 'electron', userDataDir: dir, scanner: fake.scanner });
    const scans: unknown[] = [];
    const statuses: unknown[] = [];
    host.events.on('scanner:scan', (s) => scans.push(s.raw));
    host.events.on('device:status', (s) => statuses.push(s.status.state));
    await host.start();
    fake.scan('ABC');
    fake.setStatus({ state: 'disconnected', port: '/dev/fake-scanner', message: 'unplugged' });
    expect(scans).toEqual(['ABC']);
    expect(statuses).toEqual(['connected', 'disconnected']);
    await host.stop();
    expect(fake.scanner.stopped).toBe(true);
    fake.scan('AFTER-STOP');
    expect(scans).toEqual(['ABC']);
  });

  it('passes sync calls to the server transport and keeps its error codes across the bridge', async () => {
    const calls: unknown[] = [];
    const server: ServerTransport = {
      push: async (events) => (calls.push(['push', events.length]), { ackSeq: events.length }),
      pull: async (after, limit) => {
        calls.push(['pull', after, limit]);
        throw new HostError('server-unreachable', 'down');
      },
      notify: async (since) => ({ rev: since, changed: false }),
      status: async () => ({ receivedAt: '2025-01-06T06:00:00.000Z' }),
    };
    const host = createHost({ config, version: '1', transport: 'electron', userDataDir: dir, server });
    await expect(dispatchBridgeCall(host.handlers, 'sync:push', { events: [] })).resolves.toEqual({ ok: true, value: { ackSeq: 0 } });
    await expect(dispatchBridgeCall(host.handlers, 'sync:pull', { after: '3' })).resolves.toEqual({ ok: false, error: { code: 'server-unreachable', message: 'down' } });
    expect(calls).toEqual([['push', 0], ['pull', 3, 500]]);
  });
});
