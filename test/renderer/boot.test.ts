import { describe, expect, it, vi } from 'vitest';
import { boot, BootError } from '../../renderer/boot';
import { Journal } from '../../renderer/storage/journal';
import { FakeBridge } from './support/fake-bridge';
import { demoPage, fixedClock, uniqueTerminalId } from './support/fixtures';
import { ManualTimers } from './support/manual-timers';

describe('boot', () => {
  it('host:info → journal/cache of that terminal → restored session and pending count → sync pulls master data', async () => {
    const terminalId = uniqueTerminalId();
    const earlier = await Journal.open(terminalId);
    await earlier.append([{ type: 'OperatorLoggedIn', operatorId: 'op-anna', payload: { badge: 'B1001', role: 'operator', method: 'badge' } }], { clock: fixedClock() });
    await earlier.append([{ type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-2', payload: { quantity: 7 } }], { clock: fixedClock() });
    earlier.close();

    const bridge = new FakeBridge()
      .handle('host:info', () => ({ ok: true, value: { terminalId, serverUrl: 'http://127.0.0.1:7400', version: '0.1.0', transport: 'browser' } }))
      .handle('sync:push', () => ({ ok: false, error: { code: 'server-unreachable', message: 'down' } }))
      .handle('sync:pull', () => ({ ok: true, value: demoPage(terminalId) }));
    const booted = await boot({ bridge, timers: new ManualTimers(), clock: fixedClock() });
    try {
      const state = booted.store.getState();
      expect(booted.info.terminalId).toBe(terminalId);
      expect(state.terminal.operator?.id).toBe('op-anna');
      expect(state.sync.pending).toBe(2);
      // The order list's progress: the journal folded in the background after boot.
      await vi.waitFor(() => expect(booted.store.getState().workflow.production.orders['o-2']?.goodQuantity).toBe(7));
      await vi.waitFor(() => expect(bridge.callsTo('sync:push')).toHaveLength(1));
      await vi.waitFor(() => expect(booted.store.getState().sync).toMatchObject({ online: false, pending: 2, lastError: { code: 'server-unreachable' } }));
    } finally {
      booted.shutdown();
    }
  });

  it('gives up with the host error when host:info keeps failing', async () => {
    const timers = new ManualTimers();
    const bridge = new FakeBridge(); // no handler: host-unreachable
    const booting = boot({ bridge, timers, hostInfoAttempts: 2 });
    const rejected = expect(booting).rejects.toThrow(/host-unreachable/);
    // Let the first attempt fail, then fire its retry timer; the second attempt is the last.
    await new Promise((r) => setTimeout(r, 0));
    timers.runNext();
    await rejected;
  });

  it('gives up within 10 s by default, with the code the boot screen words for the operator', async () => {
    const timers = new ManualTimers();
    const bridge = new FakeBridge(); // no handler: host-unreachable
    let settled: unknown = null;
    const booting = boot({ bridge, timers }).catch((err: unknown) => (settled = err));
    let waited = 0;
    while (settled === null) {
      await new Promise((r) => setTimeout(r, 0));
      if (settled !== null) break;
      waited += timers.runNext() ?? 0;
    }
    await booting;
    expect(waited).toBeLessThanOrEqual(10_000);
    expect(settled).toBeInstanceOf(BootError);
    expect((settled as BootError).code).toBe('host-unreachable');
  });
});
