import { describe, expect, it } from 'vitest';
import { LineState } from '../../../shared/bridge-machine';
import { createJisState } from '../../../shared/jis';
import { JisSequence, type Order } from '../../../shared/master-data';
import { emptyOeeState, foldOeeEvent, type OeeEventInput } from '../../../shared/oee';
import { initialProductionState, releasedExecution, type ProductionState } from '../../../shared/production/order-state';
import { initialTerminalState } from '../../../shared/terminal-state';
import { lineStateOf, type LineStateSource } from '../../../renderer/machine/line-state';
import { initialDowntime } from '../../../renderer/state/downtime-slice';

const T0 = Date.parse('2026-03-02T06:00:00.000Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const order: Order = { id: 'O-1', number: '4711', lineId: 'L1', materialId: 'M-BRACKET', quantity: 100, dueDate: '2026-03-02', status: 'released', bom: [], operations: [] };
const reasons = [{ id: 'R-TOOL', lineId: 'L1', code: 'TOOL', loss: 'availability' as const, label: { de: 'Werkzeugwechsel', en: 'Tool change' } }];

function production(status: 'started' | 'completed', good: number, scrap: number): ProductionState {
  return { ...initialProductionState, orders: { 'O-1': { ...releasedExecution('O-1'), status, startedAt: iso(0), goodQuantity: good, scrapQuantity: scrap } } };
}

/** The machine ran from 06:00 with 30 parts for O-1 and stopped at 06:20. */
function machineEvents(): OeeEventInput[] {
  return [
    { id: 'e1', type: 'MachineStateChanged', occurredAt: iso(0), orderId: 'O-1', payload: { machineId: 'PRESS-1', state: 'running', at: iso(0), signalId: 's1' } },
    { id: 'e2', type: 'MachineCycle', occurredAt: iso(10), orderId: 'O-1', payload: { machineId: 'PRESS-1', count: 20, from: iso(0), to: iso(10), firstSignalId: 'c1', lastSignalId: 'c20' } },
    { id: 'e3', type: 'MachineCycle', occurredAt: iso(20), orderId: 'O-1', payload: { machineId: 'PRESS-1', count: 10, from: iso(10), to: iso(20), firstSignalId: 'c21', lastSignalId: 'c30' } },
    { id: 'e4', type: 'MachineStateChanged', occurredAt: iso(20), orderId: 'O-1', payload: { machineId: 'PRESS-1', state: 'stopped', at: iso(20), signalId: 's2' } },
  ];
}

function source(o: { events?: OeeEventInput[]; now?: number; status?: 'started' | 'completed'; jis?: boolean } = {}): LineStateSource {
  const fold = emptyOeeState();
  for (const e of o.events ?? []) foldOeeEvent(fold, e);
  const sequence = JisSequence.parse({
    id: 'SEQ-1',
    lineId: 'L1',
    customer: 'OEM',
    callOffRevision: 1,
    positions: [7, 8].map((n) => ({ sequenceNumber: n, vehicleNumber: `WVW00000${n}`, dueTime: iso(60), customerPartNumber: 'P-1', variant: 'V1' })),
  });
  return {
    terminal: { ...initialTerminalState, activeOrderId: 'O-1', startedOrderIds: ['O-1'] },
    workflow: { production: production(o.status ?? 'started', 28, 2) } as LineStateSource['workflow'],
    orders: [order],
    downtime: { ...initialDowntime(), master: { ...initialDowntime().master, reasons }, fold, now: o.now ?? 0 },
    jis: o.jis ? createJisState(sequence) : null,
  };
}

describe('the line state derived from the store', () => {
  it('tells the running order, its bookings and the machine parts, and is a valid LineState', () => {
    const state = lineStateOf(source({ events: machineEvents(), now: T0 + 25 * 60_000 }));
    expect(LineState.parse(state)).toEqual(state);
    expect(state.order).toEqual({ orderId: 'O-1', orderNumber: '4711', materialId: 'M-BRACKET' });
    expect(state.counts).toEqual({ good: 28, scrap: 2, machine: 30 });
  });

  it('has no stop reason while the stop waits for one, and the classified reason since the stop began once it is given', () => {
    const now = T0 + 25 * 60_000;
    expect(lineStateOf(source({ events: machineEvents(), now })).stopReason).toBeNull();
    const classified: OeeEventInput = { id: 'e5', type: 'DowntimeClassified', occurredAt: iso(24), payload: { stopId: 'cls-1', from: iso(20), reasonId: 'R-TOOL' } };
    expect(lineStateOf(source({ events: [...machineEvents(), classified], now })).stopReason).toEqual({ reasonId: 'R-TOOL', since: iso(20) });
  });

  it('tells a stop cut in two by a break as one, since the machine stopped', () => {
    const now = T0 + 40 * 60_000;
    const classified: OeeEventInput = { id: 'e5', type: 'DowntimeClassified', occurredAt: iso(24), payload: { stopId: 'cls-1', from: iso(20), reasonId: 'R-TOOL' } };
    const withBreak = source({ events: [...machineEvents(), classified], now });
    withBreak.downtime.master.shiftModel = { id: 'SM-1', lineId: 'L1', timeZone: 'UTC', shifts: [{ id: 'S-1', name: 'Early', start: '06:00', end: '14:00', breaks: [{ start: '06:30', end: '06:35' }] }] } as never;
    expect(lineStateOf(withBreak).stopReason).toEqual({ reasonId: 'R-TOOL', since: iso(20) });
  });

  it('has no stop reason once the machine runs again', () => {
    const events = [
      ...machineEvents(),
      { id: 'e5', type: 'DowntimeClassified', occurredAt: iso(24), payload: { stopId: 'cls-1', from: iso(20), reasonId: 'R-TOOL' } },
      { id: 'e6', type: 'MachineStateChanged', occurredAt: iso(30), payload: { machineId: 'PRESS-1', state: 'running', at: iso(30), signalId: 's3' } },
    ];
    expect(lineStateOf(source({ events, now: T0 + 35 * 60_000 })).stopReason).toBeNull();
  });

  it('gives the shift OEE so far from the same figures as the order screen', () => {
    const state = lineStateOf(source({ events: machineEvents(), now: T0 + 30 * 60_000 }));
    expect(state.shiftOee?.shiftId).toBe('no-shift');
    // Without a shift model the last eight hours are planned; the machine ran 20 of the 30 minutes since 06:00.
    expect(state.shiftOee?.availability).toBeGreaterThan(0);
    expect(state.shiftOee?.availability).toBeLessThan(1);
  });

  it('has no OEE before the downtime slice folded anything, and no order once it is completed', () => {
    const state = lineStateOf(source({ status: 'completed' }));
    expect(state).toEqual({ order: null, counts: { good: 0, scrap: 0 }, stopReason: null, shiftOee: null, jisPosition: null });
  });

  it('tells the JIS position being built', () => {
    expect(lineStateOf(source({ jis: true })).jisPosition).toBe(7);
  });
});
