import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, expect } from 'vitest';
import type { EventEnvelope } from '../../../shared/events';
import type { PrintOutcome } from '../../../shared/bridge';
import type { MasterChange } from '../../../shared/sync-protocol';
import { appRig, type AppRig } from '../support/app-rig';
import { change, demoPage, fixedClock, uniqueTerminalId } from '../support/fixtures';
import { renderApp } from '../support/render-app';

/** Master data for the workflow screens: order PO-3001 with a two-item BOM, a blocked batch, scrap reasons, a second operator. */
export const workflowExtra = [
  change('material', 'm-2', 20, { id: 'm-2', number: 'SCR-M6', name: 'Screw M6', gtin: '04000000000013' }),
  change('material', 'm-3', 21, { id: 'm-3', number: 'HSG-1', name: 'Housing', gtin: '04000000000020' }),
  change('material', 'm-9', 22, { id: 'm-9', number: 'FRGN-9', name: 'Foreign part', gtin: '04000000000037' }),
  change('order', 'o-5', 23, {
    id: 'o-5',
    number: 'PO-3001',
    lineId: 'L1',
    materialId: 'm-1',
    quantity: 100,
    dueDate: '2025-03-01',
    status: 'released',
    bom: [
      { materialId: 'm-2', quantityPerUnit: 2 },
      { materialId: 'm-3', quantityPerUnit: 1 },
    ],
    operations: [{ number: '0010', name: 'Assemble' }],
  }),
  change('blocked-batch', 'bb-1', 24, { id: 'bb-1', materialId: 'm-2', batch: 'BAD1', reason: 'Quality hold' }),
  change('scrap-reason', 'sr-1', 25, { id: 'sr-1', code: 'dent', group: 'Surface', label: { de: 'Delle', en: 'Dent' } }),
  change('scrap-reason', 'sr-2', 26, { id: 'sr-2', code: 'scratch', group: 'Surface', label: { de: 'Kratzer', en: 'Scratch' } }),
  change('scrap-reason', 'sr-3', 27, { id: 'sr-3', code: 'dim', group: 'Dimension', label: { de: 'Maßfehler', en: 'Out of tolerance' } }),
  change('material', 'm-1', 29, { id: 'm-1', number: '4711-A', name: 'Bracket left', gtin: '04000000000044' }),
  change('operator', 'op-ben', 28, { id: 'op-ben', name: 'Ben Wolf', badge: 'B1002', role: 'operator' }),
  // What container labels are made of: the plant (supplier) and the customer of m-1.
  change('plant', 'P1', 30, { id: 'P1', name: 'Takt Werk Nord', address: 'Industriestr. 12, 38440 Wolfsburg' }),
  change('customer', 'c-1', 31, {
    id: 'c-1',
    name: 'Autowerk Sued',
    supplierNumber: '47110815',
    shipTo: { name: 'Autowerk Sued Werk 2', address: 'Tor 3', unloadingPoint: 'WE-03' },
    parts: [{ materialId: 'm-1', customerPartNumber: '8W0-907-468-B', changeLevel: 'C', unitWeightKg: 0.5, containerTareKg: 1.5 }],
  }),
];

export const SCREW = (batch: string, expiry = '261231') => `(01)04000000000013(10)${batch}(17)${expiry}`;
export const HOUSING = (batch: string) => `(01)04000000000020(10)${batch}`;
export const PART = (serial: string) => `(01)04000000000044(21)${serial}`;
export const FOREIGN = (batch: string) => `(01)04000000000037(10)${batch}`;

/** Generous: the component suite runs files in parallel over fake IndexedDB. */
const WAIT = { timeout: 15_000 };

const rigs: AppRig[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const r of rigs.splice(0)) r.close();
});

export async function workflowSetup(language: 'en' | 'de' = 'en', extra: MasterChange[] = []) {
  const terminalId = uniqueTerminalId();
  const clock = fixedClock();
  const rig = await appRig({ terminalId, pulled: false, deps: { clock } });
  await rig.cache.applyPull(demoPage(terminalId, [...workflowExtra, ...extra]));
  await rig.store.getState().refreshMaster();
  rigs.push(rig);
  rig.bridge.handle('printer:print', (req): { ok: true; value: PrintOutcome } => ({
    ok: true,
    value: { jobId: req.jobId, outcome: 'done', status: { state: 'ready' } as PrintOutcome['status'] },
  }));
  rig.store.getState().configureWorkflow({ okFeedbackMs: 60_000 });
  const view = await renderApp(rig, language);
  cleanups.push(view.unwire);
  await act(async () => rig.store.getState().handleScan({ raw: 'B1001' }));
  await screen.findByTestId('order-screen');
  fireEvent.click(screen.getByTestId('open-PO-3001'));
  await screen.findByTestId('order-detail');
  await waitFor(() => expect(rig.store.getState().workflow.master.scrapReasons.length).toBe(3));
  // Opening folds the journal first; until then the buttons are disabled.
  await waitFor(() => expect(rig.store.getState().workflow.busy).toBe(false));
  return { rig, view, clock };
}

/** A scan through the host bridge (serial scanner), waiting for the screen's verdict. */
export async function scan(rig: AppRig, raw: string) {
  const before = rig.store.getState().workflow.verdict?.serial ?? 0;
  act(() => rig.bridge.emit('scanner:scan', { raw, source: 'serial', receivedAt: new Date().toISOString() }));
  await waitFor(() => expect(rig.store.getState().workflow.verdict?.serial ?? 0).toBeGreaterThan(before), WAIT);
  return verdict();
}

/** Clicks and waits for the next verdict. */
export async function clickForVerdict(rig: AppRig, testId: string) {
  const before = rig.store.getState().workflow.verdict?.serial ?? 0;
  fireEvent.click(screen.getByTestId(testId));
  await waitFor(() => expect(rig.store.getState().workflow.verdict?.serial ?? 0).toBeGreaterThan(before), WAIT);
  return verdict();
}

export function verdict() {
  const el = screen.getByTestId('wf-verdict');
  return { tone: el.getAttribute('data-tone'), text: screen.getByTestId('wf-verdict-text').textContent ?? '' };
}

export function acknowledge() {
  fireEvent.click(screen.getByTestId('wf-ack'));
  expect(screen.queryByTestId('wf-verdict')).toBeNull();
}

export function typePad(testId: string, digits: string) {
  for (const d of digits) fireEvent.click(screen.getByTestId(`${testId}-key-${d}`));
}

export async function journal(rig: AppRig): Promise<EventEnvelope[]> {
  return rig.journal.eventsAfter(0, 10_000);
}

export async function loadBoth(rig: AppRig) {
  expect((await scan(rig, SCREW('L1'))).tone).toBe('ok');
  expect((await scan(rig, HOUSING('H7'))).tone).toBe('ok');
}

export async function startRunning(rig: AppRig) {
  await loadBoth(rig);
  expect((await clickForVerdict(rig, 'wf-start')).tone).toBe('ok');
  expect(screen.getByTestId('order-detail').getAttribute('data-status')).toBe('started');
}
