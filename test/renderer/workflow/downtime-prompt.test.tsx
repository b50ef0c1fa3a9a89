import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../shared/events';
import { change, LEAD_PIN } from '../support/fixtures';
import type { AppRig } from '../support/app-rig';
import { clickForVerdict, journal, startRunning, workflowSetup } from './workflow-rig';

/**
 * Downtime on the order screen over the real store, journal (fake IndexedDB)
 * and approval flow. The rig's clock stands at 2025-03-01 06:00 UTC; the
 * line's early shift is 06:00–14:00 with a break 09:00–09:30, the ideal cycle
 * of the order's material 30 s, the micro-stop threshold 120 s (the default).
 */

const REASONS = [
  ['R-tool', 'TOOL', 'availability', 'Werkzeugwechsel', 'Tool change'],
  ['R-mat', 'MAT', 'availability', 'Materialmangel', 'Material shortage'],
  ['R-fault', 'FAULT', 'availability', 'Störung', 'Breakdown'],
  ['R-setup', 'SETUP', 'availability', 'Rüsten', 'Setup'],
  ['R-slow', 'SLOW', 'performance', 'Langsamlauf', 'Slow running'],
  ['R-clean', 'CLEAN', 'availability', 'Reinigung', 'Cleaning'],
  ['R-sort', 'SORT', 'quality', 'Sortieren', 'Sorting'],
] as const;
const extra = [
  ...REASONS.map(([id, code, loss, de, en], i) => change('downtime-reason', id, 40 + i, { id, lineId: 'L1', code, loss, label: { de, en } })),
  change('shift-model', 'sm-L1', 50, { id: 'sm-L1', lineId: 'L1', timeZone: 'UTC', shifts: [{ id: 'early', name: 'Early', start: '06:00', end: '14:00', breaks: [{ start: '09:00', end: '09:30' }] }] }),
  change('routing', 'rt-1', 51, { id: 'rt-1', materialId: 'm-1', idealCycleSeconds: 30 }),
];
const at = (hhmm: string) => `2025-03-01T${hhmm}:00.000Z`;
let signal = 0;
const state = (hhmm: string, s: 'running' | 'stopped' | 'no-signal'): NewEvent => ({ type: 'MachineStateChanged', payload: { machineId: 'PRESS', state: s, at: at(hhmm), signalId: `sig-${++signal}` } });

async function machine(rig: AppRig, events: NewEvent[]) {
  const appended = await rig.journal.append(events, { clock: () => new Date(at('06:00')) });
  expect(appended.ok).toBe(true);
  await act(() => rig.store.getState().refreshDowntime());
}

async function setup() {
  const { rig, clock } = await workflowSetup('en', extra);
  await waitFor(() => expect(rig.store.getState().downtime.master.reasons.length).toBe(7));
  await startRunning(rig);
  dismiss(rig);
  return { rig, clock };
}

/** An OK verdict goes away by itself; the test does not wait for it. */
function dismiss(rig: AppRig) {
  act(() => rig.store.getState().acknowledgeVerdict());
}

async function approveAsLead(rig: AppRig) {
  await screen.findByTestId('approval-layer');
  act(() => rig.bridge.emit('scanner:scan', { raw: 'B9001', source: 'serial', receivedAt: new Date().toISOString() }));
  await waitFor(() => expect(screen.getByTestId('approval-layer').getAttribute('data-step')).toBe('awaiting-pin'));
  for (const d of LEAD_PIN) fireEvent.click(screen.getByTestId(`approval-key-${d}`));
  fireEvent.click(screen.getByTestId('approval-submit'));
}

describe('downtime on the order screen', () => {
  it('asks for the reason of a long stop only, most used first, and books the classification', async () => {
    const { rig, clock } = await setup();
    clock.advance(45 * 60_000);
    // A stop booked by hand earlier with "material shortage" makes it the most used reason.
    await machine(rig, [
      { type: 'DowntimeBooked', payload: { stopId: 'manual-1', from: at('06:02'), to: at('06:04'), reasonId: 'R-mat' } },
      state('06:00', 'running'),
      state('06:20', 'stopped'),
      state('06:21', 'running'),
      state('06:30', 'stopped'),
      state('06:40', 'running'),
      { type: 'MachineCycle', orderId: 'o-5', payload: { machineId: 'PRESS', count: 60, from: at('06:00'), to: at('06:44'), firstSignalId: 'c1', lastSignalId: 'c60' } },
    ]);

    // Only the 10-minute stop asks; the 1-minute one is a micro-stop. Reasons: the most used, then by code.
    const layer = await screen.findByTestId('dt-reason-layer');
    expect(layer.getAttribute('data-mode')).toBe('classify');
    expect(screen.getByTestId('dt-reason-detail').textContent).toBe('Stopped 06:30–06:40 (10 min)');
    const buttons = within(layer).getAllByRole('button').filter((b) => b.dataset.testid?.startsWith('dt-reason-') && b.dataset.testid !== 'dt-reason-later');
    expect(buttons.map((b) => b.dataset.testid)).toEqual(['dt-reason-MAT', 'dt-reason-CLEAN', 'dt-reason-FAULT', 'dt-reason-SETUP', 'dt-reason-SLOW', 'dt-reason-SORT', 'dt-reason-TOOL']);
    expect(screen.getByTestId('dt-reason-TOOL').textContent).toBe('Tool changeAvailability loss');

    expect((await clickForVerdict(rig, 'dt-reason-TOOL')).text).toBe('Stop booked: Tool change');
    expect(screen.queryByTestId('dt-reason-layer')).toBeNull();
    const classified = (await journal(rig)).filter((e) => e.type === 'DowntimeClassified');
    expect(classified).toHaveLength(1);
    expect(classified[0]!.payload).toMatchObject({ from: at('06:30'), reasonId: 'R-tool' });
    expect(classified[0]!.operatorId).toBe('op-anna');

    // 06:00–06:45: planned 2,700 s, down 120 s (booked) + 600 s (tool change) → A = 1,980 / 2,700 = 73.3 %;
    // 60 parts × 30 s = 1,800 s → P = 1,800 / 1,980 = 90.9 %; nothing scrapped → Q = 100 %; OEE = 66.7 %.
    expect(screen.getByTestId('dt-oee-shift').textContent).toBe('OEE shift66.7%= A 73.3% × P 90.9% × Q 100%');
    expect(screen.getByTestId('dt-count').textContent).toBe('Machine 60 · booked 0 good · difference 60 parts');
    expect(screen.getByTestId('dt-legend-stop:R-tool').textContent).toBe('Tool change 10 min');
    expect(screen.getByTestId('dt-legend-micro').textContent).toBe('1 micro-stop 1 min');
  });

  it('books a stop by hand without machine signals: start with a reason, then end it', async () => {
    const { rig, clock } = await setup();
    clock.advance(10 * 60_000);
    fireEvent.click(screen.getByTestId('dt-manual-start'));
    expect(screen.getByTestId('dt-reason-layer').getAttribute('data-mode')).toBe('manual');
    expect((await clickForVerdict(rig, 'dt-reason-SETUP')).text).toBe('Stop reported: Setup');
    dismiss(rig);
    expect(screen.getByTestId('dt-manual-end').textContent).toBe('End the stop (since 06:10: Setup)');
    clock.advance(15 * 60_000);
    expect((await clickForVerdict(rig, 'dt-manual-end')).text).toBe('Stop ended');
    const events = (await journal(rig)).filter((e) => e.type.startsWith('Downtime'));
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['DowntimeBooked', { stopId: expect.any(String), from: at('06:10'), reasonId: 'R-setup' }],
      ['DowntimeEnded', { stopId: (events[0]!.payload as { stopId: string }).stopId, to: at('06:25') }],
    ]);
    // 06:00–06:25: 900 s of setup in 1,500 s planned → A = 40.0 %; no parts booked: P and Q unknown.
    await act(() => rig.store.getState().refreshDowntime());
    expect(screen.getByTestId('dt-oee-shift').textContent).toBe('OEE shift–= A 40% × P – × Q –');
    expect(screen.getByTestId('dt-manual-start')).toBeTruthy();
  });

  it('a shift lead reclassifies and splits a stop through the approval, each a new event', async () => {
    const { rig, clock } = await setup();
    await machine(rig, [state('06:00', 'running'), state('06:10', 'stopped'), state('06:40', 'running'), { type: 'DowntimeClassified', payload: { stopId: 'c-1', from: at('06:10'), reasonId: 'R-fault' } }]);
    clock.advance(60 * 60_000);
    await act(() => rig.store.getState().refreshDowntime());
    expect(screen.queryByTestId('dt-reason-layer')).toBeNull();

    fireEvent.click(screen.getByTestId('dt-edit-open'));
    expect(screen.getByTestId('dt-stop-c-1').textContent).toContain('06:10–06:40 · 30 min · Breakdown');
    fireEvent.click(screen.getByTestId('dt-reclassify-c-1'));
    expect(screen.getByTestId('approval-what').textContent).toBe('Reclassify the stop from 06:10 (now: Breakdown)');
    await approveAsLead(rig);
    await waitFor(() => expect(screen.getByTestId('dt-reason-layer').getAttribute('data-mode')).toBe('reclassify'));
    expect((await clickForVerdict(rig, 'dt-reason-CLEAN')).text).toBe('Stop reclassified: Cleaning');
    dismiss(rig);

    fireEvent.click(screen.getByTestId('dt-edit-open'));
    fireEvent.click(screen.getByTestId('dt-split-c-1'));
    await approveAsLead(rig);
    await waitFor(() => expect(screen.getByTestId('dt-reason-layer').getAttribute('data-mode')).toBe('split'));
    expect(screen.getByTestId('dt-split-at').textContent).toBe('06:25');
    fireEvent.click(screen.getByTestId('dt-split-+5'));
    expect(screen.getByTestId('dt-reason-detail').textContent).toBe('From 06:30 on, the reason you choose now applies.');
    expect((await clickForVerdict(rig, 'dt-reason-MAT')).text).toBe('Stop split, second part: Material shortage');

    const changes = (await journal(rig)).filter((e) => e.type === 'DowntimeReclassified' || e.type === 'DowntimeSplit');
    expect(changes.map((e) => [e.type, e.operatorId, e.payload])).toEqual([
      ['DowntimeReclassified', 'op-petra', { stopId: 'c-1', reasonId: 'R-clean' }],
      ['DowntimeSplit', 'op-petra', { stopId: 'c-1', at: at('06:30'), newStopId: expect.any(String), reasonId: 'R-mat' }],
    ]);
    expect(screen.getByTestId('dt-legend-stop:R-clean').textContent).toBe('Cleaning 20 min');
    expect(screen.getByTestId('dt-legend-stop:R-mat').textContent).toBe('Material shortage 10 min');
  });
});
