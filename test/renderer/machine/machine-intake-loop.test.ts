import { describe, expect, it, vi } from 'vitest';
import type { MachineItem } from '../../../shared/bridge-machine';
import { foldOee } from '../../../shared/oee';
import { initialProductionState } from '../../../shared/production/order-state';
import { initialTerminalState } from '../../../shared/terminal-state';
import { runningOrderOf, startMachineIntake } from '../../../renderer/machine/machine-intake-loop';
import { Journal } from '../../../renderer/storage/journal';
import { FakeBridge } from '../support/fake-bridge';
import { fixedClock, uniqueTerminalId } from '../support/fixtures';
import { ManualTimers } from '../support/manual-timers';

/** A host that keeps machine items until they are acknowledged, as machine-signal-store.ts does. */
function hostWithSignals(items: MachineItem[]) {
  const pending = [...items];
  const bridge = new FakeBridge();
  let refuseAcks = false;
  bridge
    .handle('machine:take', ({ limit }) => ({ ok: true, value: { items: pending.slice(0, limit) } }))
    .handle('machine:ack', ({ ids }) => {
      if (refuseAcks) return { ok: false, error: { code: 'host-unreachable', message: 'the page went away' } };
      let acknowledged = 0;
      for (const id of ids) {
        const i = pending.findIndex((p) => p.id === id);
        if (i < 0) continue;
        pending.splice(i, 1);
        acknowledged++;
      }
      return { ok: true, value: { acknowledged } };
    });
  return { bridge, pending, refuse: (v: boolean) => (refuseAcks = v) };
}

const cycle = (n: number): MachineItem => ({
  id: `PRESS-1:c${n}`,
  type: 'MachineCycle',
  payload: { machineId: 'PRESS-1', count: 3, from: `2026-03-02T06:0${n}:00.000Z`, to: `2026-03-02T06:0${n}:30.000Z`, firstSignalId: `PRESS-1#${3 * n + 1}`, lastSignalId: `PRESS-1#${3 * n + 3}` },
});
const stopped: MachineItem = { id: 'PRESS-1:s1', type: 'MachineStateChanged', payload: { machineId: 'PRESS-1', state: 'stopped', at: '2026-03-02T06:05:00.000Z', signalId: 'PRESS-1@s1' } };

async function machineEvents(journal: Journal) {
  return (await journal.eventsAfter(0, 1000)).filter((e) => e.type.startsWith('Machine'));
}

describe('machine intake loop: host → journal', () => {
  it('journals what the host holds on its status event, on the running order, acknowledges it and tells the sync', async () => {
    const host = hostWithSignals([]);
    const journal = await Journal.open(uniqueTerminalId());
    const notified = vi.fn();
    const loop = startMachineIntake({ bridge: host.bridge, journal, timers: new ManualTimers(), clock: fixedClock(), runningOrder: () => 'O-1', onJournalled: notified });
    try {
      await loop.drain();
      host.pending.push(cycle(1), stopped);
      host.bridge.emit('machine:status', { state: 'connected', received: 4, malformed: 0, unknown: 0, pending: 2 });
      await vi.waitFor(() => expect(host.pending).toHaveLength(0));
      const events = await machineEvents(journal);
      expect(events.map((e) => [e.type, e.orderId])).toEqual([
        ['MachineCycle', 'O-1'],
        ['MachineStateChanged', 'O-1'],
      ]);
      // The machine's own time stays in the payload; the envelope says when the terminal journalled it.
      expect(events[0]!.payload).toMatchObject({ from: '2026-03-02T06:01:00.000Z', count: 3 });
      expect(notified).toHaveBeenCalledWith(2);
    } finally {
      loop.stop();
      journal.close();
    }
  });

  it('takes batch after batch until nothing is left, and rounds never overlap', async () => {
    const host = hostWithSignals([1, 2, 3, 4, 5].map(cycle));
    const journal = await Journal.open(uniqueTerminalId());
    const loop = startMachineIntake({ bridge: host.bridge, journal, timers: new ManualTimers(), clock: fixedClock(), runningOrder: () => undefined, batch: 2 });
    try {
      // Status events while a round is under way ask for one more round, not a second one at the same time.
      for (let i = 0; i < 5; i++) host.bridge.emit('machine:status', { state: 'connected', received: 15, malformed: 0, unknown: 0, pending: 5 });
      await loop.drain();
      await vi.waitFor(() => expect(host.pending).toHaveLength(0));
      expect((await machineEvents(journal)).map((e) => e.payload)).toHaveLength(5);
      expect(foldOee(await journal.eventsAfter(0, 1000)).cycles.size).toBe(5);
    } finally {
      loop.stop();
      journal.close();
    }
  });

  it('a page reloaded between journalling and acknowledging gets the same items again, and nothing is counted twice', async () => {
    const terminalId = uniqueTerminalId();
    const host = hostWithSignals([cycle(1), cycle(2), stopped]);
    host.refuse(true);
    const first = await Journal.open(terminalId);
    const before = startMachineIntake({ bridge: host.bridge, journal: first, timers: new ManualTimers(), clock: fixedClock(), runningOrder: () => 'O-1' });
    await before.drain();
    before.stop();
    first.close();
    expect(host.pending).toHaveLength(3);

    // The reloaded page: a new journal connection, a new loop; the host hands the unacknowledged items over again.
    host.refuse(false);
    const journal = await Journal.open(terminalId);
    const after = startMachineIntake({ bridge: host.bridge, journal, timers: new ManualTimers(), clock: fixedClock(), runningOrder: () => 'O-1' });
    try {
      await after.drain();
      expect(host.pending).toHaveLength(0);
      const all = await journal.eventsAfter(0, 1000);
      const oee = foldOee(all);
      expect([...oee.cycles.values()].reduce((sum, c) => sum + c.count, 0)).toBe(6);
      expect(oee.states.size).toBe(1);
    } finally {
      after.stop();
      journal.close();
    }
  });

  it('keeps the items at the host when the journal refuses them, and polls again later', async () => {
    const host = hostWithSignals([cycle(1)]);
    const journal = await Journal.open(uniqueTerminalId());
    const timers = new ManualTimers();
    journal.setAppendGuard(() => ({ code: 'storage-low', message: 'disk nearly full' }));
    const loop = startMachineIntake({ bridge: host.bridge, journal, timers, clock: fixedClock(), runningOrder: () => undefined, pollMs: 5_000 });
    try {
      await loop.drain();
      expect(host.pending).toHaveLength(1);
      expect(host.bridge.callsTo('machine:ack')).toHaveLength(0);
      journal.setAppendGuard(null);
      expect(timers.pending()).toEqual([5_000]);
      timers.advance(5_000);
      await vi.waitFor(() => expect(host.pending).toHaveLength(0));
      expect(await machineEvents(journal)).toHaveLength(1);
    } finally {
      loop.stop();
      journal.close();
    }
  });

  it('counts parts for the active order while it is started or paused, for no order otherwise', () => {
    const withStatus = (status: string) => ({
      terminal: { ...initialTerminalState, activeOrderId: 'O-1' },
      workflow: { production: { ...initialProductionState, orders: { 'O-1': { status } } } },
    });
    expect(runningOrderOf(withStatus('started') as never)).toBe('O-1');
    expect(runningOrderOf(withStatus('paused') as never)).toBe('O-1');
    expect(runningOrderOf(withStatus('completed') as never)).toBeUndefined();
    expect(runningOrderOf({ terminal: initialTerminalState, workflow: { production: initialProductionState } } as never)).toBeUndefined();
  });
});
