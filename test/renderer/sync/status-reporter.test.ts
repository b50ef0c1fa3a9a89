import { afterEach, describe, expect, it } from 'vitest';
import { TerminalReport } from '../../../shared/terminal-report';
import { MIN_GAP_MS, STATUS_INTERVAL_MS, startStatusReporter, type StatusReporter } from '../../../renderer/sync/status-reporter';
import type { SyncStatus } from '../../../renderer/sync/sync-status';
import { FakeBridge } from '../support/fake-bridge';
import { ManualTimers } from '../support/manual-timers';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function host(bridge = new FakeBridge()): FakeBridge {
  return bridge
    .handle('host:info', () => ({ ok: true, value: { terminalId: 'T-1', serverUrl: 'http://s', version: '0.4.2', transport: 'browser' } }))
    .handle('scanner:status', () => ({ ok: true, value: { state: 'connected', port: '/dev/ttyUSB0' } }))
    .handle('printer:status', () => ({ ok: true, value: { state: 'error', message: 'paper out' } }))
    .handle('host:disk', () => ({ ok: true, value: { freeBytes: 5_000_000_000, totalBytes: 64_000_000_000 } }))
    .handle('sync:status', () => ({ ok: true, value: { receivedAt: '2025-01-06T06:00:00.000Z' } }));
}

describe('status reporter', () => {
  const running: StatusReporter[] = [];
  afterEach(() => {
    for (const r of running.splice(0)) r.stop();
  });

  it('reports version, pending and oldest, devices, the smaller storage figure and the last error, at start and every interval', async () => {
    const bridge = host();
    const timers = new ManualTimers();
    const status: SyncStatus = {
      online: false,
      pending: 3,
      oldestPendingAt: '2025-01-06T05:50:00.000Z',
      lastError: { code: 'server-unreachable', message: 'down' },
      lastErrors: [{ code: 'server-unreachable', message: 'down', at: '2025-01-06T05:55:00.000Z' }],
    };
    running.push(startStatusReporter({ bridge, status: () => status, timers, estimate: async () => ({ quota: 10_000_000_000, usage: 2_000_000_000 }) }));
    timers.advance(0);
    await flush();
    const sent = bridge.callsTo('sync:status');
    expect(sent).toEqual([
      {
        appVersion: '0.4.2',
        pending: 3,
        oldestPendingAt: '2025-01-06T05:50:00.000Z',
        scanner: 'connected',
        printer: 'error',
        storageFreeBytes: 5_000_000_000,
        lastError: { code: 'server-unreachable', message: 'down', at: '2025-01-06T05:55:00.000Z' },
      },
    ]);
    expect(TerminalReport.safeParse(sent[0]).success).toBe(true);
    timers.advance(STATUS_INTERVAL_MS - 1);
    await flush();
    expect(bridge.callsTo('sync:status')).toHaveLength(1);
    timers.advance(1);
    await flush();
    expect(bridge.callsTo('sync:status')).toHaveLength(2);
  });

  it('reports sooner when the pending count changes, not when nothing shown changed', async () => {
    const bridge = host();
    const timers = new ManualTimers();
    const status: SyncStatus = { online: true, pending: 0 };
    const reporter = startStatusReporter({ bridge, status: () => status, timers });
    running.push(reporter);
    timers.advance(0);
    await flush();
    reporter.changed();
    expect(timers.pending()).toEqual([STATUS_INTERVAL_MS]);
    status.pending = 7;
    reporter.changed();
    expect(timers.pending()[0]).toBeLessThanOrEqual(MIN_GAP_MS);
    timers.advance(MIN_GAP_MS);
    await flush();
    expect(bridge.callsTo('sync:status').map((r) => (r as { pending: number }).pending)).toEqual([0, 7]);
    expect(bridge.callsTo('sync:status')[1]).toMatchObject({ storageFreeBytes: 5_000_000_000, lastError: null, oldestPendingAt: null });
  });

  it('sends nothing while the host does not answer, and tries again at the next interval', async () => {
    const bridge = new FakeBridge();
    const timers = new ManualTimers();
    running.push(startStatusReporter({ bridge, status: () => ({ online: false, pending: 1 }), timers }));
    timers.advance(0);
    await flush();
    expect(bridge.callsTo('sync:status')).toEqual([]);
    host(bridge);
    timers.advance(STATUS_INTERVAL_MS);
    await flush();
    await flush();
    expect(bridge.callsTo('sync:status')).toHaveLength(1);
    expect(bridge.callsTo('sync:status')[0]).toMatchObject({ pending: 1, scanner: 'connected' });
  });
});
