import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../shared/events';
import { packageNumberOf } from '../../../shared/labels/container-label';
import { createAppStore } from '../../../renderer/state/app-store';
import { createPrintQueue } from '../../../renderer/state/print-queue';
import { appRig, type AppRig } from '../support/app-rig';
import { change, demoPage, fixedClock, uniqueTerminalId } from '../support/fixtures';
import { renderApp } from '../support/render-app';

/**
 * The dispatch screen over a real (fake-indexeddb) journal and cache: a
 * truck for customer c-1 is loaded from containers this terminal packed,
 * each scan answered OK or NOK, the call-off fills, a reload keeps the
 * half-loaded truck, and closing it books ShipmentDispatched with the items.
 */

const PART = '8W0-907-468-B';
const extra = [
  change('customer', 'c-1', 31, {
    id: 'c-1', name: 'Autowerk Sued', supplierNumber: '47110815',
    shipTo: { name: 'Autowerk Sued Werk 2', address: 'Tor 3', unloadingPoint: 'WE-03' },
    parts: [{ materialId: 'm-1', customerPartNumber: PART }],
  }),
  change('call-off', `c-1/${PART}`, 32, { id: `c-1/${PART}`, customerId: 'c-1', customerPartNumber: PART, scheduleNumber: 'S-1', open: 60, openFirm: 40, nextDate: '2025-03-03', updatedAt: '2025-03-01T05:00:00.000Z' }),
  change('container-hold', 'h-1', 33, { id: 'h-1', containerId: 'C-HOLD', reason: 'Sichtprüfung offen' }),
  change('plant', 'P1', 34, { id: 'P1', name: 'Takt Demo GmbH', address: 'Musterstadt' }),
];
const withRange = (terminalId: string) => change('sscc-range', 'sr-1', 35, { id: 'sr-1', terminalId, companyPrefix: '4012345', extensionDigit: 3, from: 1, to: 9 });

const packed = (id: string, quantity: number, close = true): NewEvent[] => [
  { type: 'ContainerOpened', orderId: 'o-1', payload: { containerId: id, capacity: 40, materialId: 'm-1' } },
  { type: 'PartPacked', orderId: 'o-1', payload: { containerId: id, quantity } },
  ...(close ? [{ type: 'ContainerClosed', orderId: 'o-1', payload: { containerId: id } } as NewEvent] : []),
];

const rigs: AppRig[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const r of rigs.splice(0)) r.close();
});

async function setup(language: 'en' | 'de' = 'en') {
  const terminalId = uniqueTerminalId();
  const rig = await appRig({ terminalId, pulled: false, deps: { clock: fixedClock() } });
  rigs.push(rig);
  rig.bridge.handle('printer:print', (req) => ({ ok: true, value: { jobId: req.jobId, outcome: 'done', status: { state: 'ready' } } }));
  await rig.cache.applyPull(demoPage(terminalId, [...extra, withRange(terminalId)]));
  await rig.store.getState().refreshMaster();
  const events: NewEvent[] = [
    { type: 'OrderStarted', orderId: 'o-1', payload: { orderNumber: 'PO-1001', materialId: 'm-1', quantity: 250 } },
    { type: 'MaterialLoaded', orderId: 'o-1', payload: { materialId: 'm-2', batch: 'B-7' } },
    ...packed('C-1', 20), ...packed('C-2', 5, false), ...packed('C-HOLD', 20), ...packed('C-3', 20), ...packed('C-4', 30),
  ];
  expect((await rig.journal.append(events, { clock: fixedClock() })).ok).toBe(true);
  const view = await renderApp(rig, language);
  cleanups.push(view.unwire);
  await act(async () => rig.store.getState().handleScan({ raw: 'B1001' }));
  fireEvent.click(await screen.findByTestId('dispatch-open'));
  await screen.findByTestId('dispatch-screen');
  return { rig, view };
}

const scan = async (rig: AppRig, raw: string) => {
  const before = rig.store.getState().dispatchVerdict?.serial ?? 0;
  act(() => rig.bridge.emit('scanner:scan', { raw, source: 'serial', receivedAt: '2025-03-01T06:00:00.000Z' }));
  await waitFor(() => expect(rig.store.getState().dispatchVerdict?.serial ?? 0).toBeGreaterThan(before));
  return screen.getByTestId('dispatch-verdict');
};

describe('dispatch screen', () => {
  it('loads a truck: OK for a good container, NOK naming the reason for open, held, twice and too many', async () => {
    const { rig } = await setup();
    fireEvent.click(await screen.findByTestId('dispatch-start-c-1'));
    await screen.findByTestId('dispatch-progress');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Autowerk Sued · unloading point WE-03');

    const ok = await scan(rig, 'C-1');
    expect(ok.dataset.tone).toBe('ok');
    expect(ok.textContent).toContain(`Loaded: ${packageNumberOf('C-1')} · ${PART} × 20`);
    expect(screen.getByTestId(`dispatch-part-${PART}`).dataset.loaded).toBe('20');

    expect((await scan(rig, 'C-2')).textContent).toContain(`Container ${packageNumberOf('C-2')} is still open`);
    const held = await scan(rig, 'C-HOLD');
    expect(held.dataset.tone).toBe('nok');
    expect(held.getAttribute('role')).toBe('alert');
    expect(held.textContent).toContain(`On hold: container ${packageNumberOf('C-HOLD')} must not leave (Sichtprüfung offen).`);
    // Scanned by the number its label prints, as the operator has it in hand.
    expect((await scan(rig, packageNumberOf('C-1'))).textContent).toContain(`${packageNumberOf('C-1')} is already on this truck.`);
    expect((await scan(rig, 'C-9')).dataset.code).toBe('container-unknown');
    expect((await scan(rig, 'C-3')).dataset.tone).toBe('ok');
    expect((await scan(rig, 'C-4')).textContent).toContain(`30 × ${PART} exceed the 20 the call-off still asks for.`);
    expect(screen.getByTestId(`dispatch-part-${PART}`).dataset.loaded).toBe('40');
    expect(screen.getAllByTestId(/^dispatch-loaded-/).map((li) => li.dataset.testid)).toEqual(['dispatch-loaded-C-3', 'dispatch-loaded-C-1']);

    fireEvent.click(screen.getByTestId('dispatch-close'));
    // Two containers: the load gets its master label as the truck closes.
    await waitFor(() => expect(screen.getByTestId('dispatch-verdict').dataset.code).toBe('delivery-dispatched-master'));
    const journal = await rig.journal.eventsAfter(0, 1000);
    const dispatched = journal.find((e) => e.type === 'ShipmentDispatched')!;
    expect(dispatched.payload).toMatchObject({ containerIds: ['C-1', 'C-3'], customerId: 'c-1', unloadingPoint: 'WE-03', items: [{ containerId: 'C-1', customerPartNumber: PART, quantity: 20, batches: [{ materialId: 'm-2', batch: 'B-7' }] }, { containerId: 'C-3', quantity: 20 }] });
    expect(journal.filter((e) => e.type === 'ShipmentContainerLoaded')).toHaveLength(2);
    // The truck is gone: the next one starts from the customers, and C-1 cannot go again.
    fireEvent.click(await screen.findByTestId('dispatch-start-c-1'));
    await screen.findByTestId('dispatch-progress');
    expect(screen.getByTestId(`dispatch-part-${PART}`).dataset.callOff).toBe('20');
    expect((await scan(rig, 'C-1')).dataset.code).toBe('already-shipped');
  });

  it('keeps a half-loaded truck across a reload (the journal is the truth)', async () => {
    const { rig, view } = await setup();
    fireEvent.click(await screen.findByTestId('dispatch-start-c-1'));
    await screen.findByTestId('dispatch-progress');
    expect((await scan(rig, 'C-1')).dataset.tone).toBe('ok');
    view.unmount();
    const clock = fixedClock();
    const printQueue = createPrintQueue({ store: rig.journal.printJobStore(), bridge: rig.bridge, clock });
    const reloaded = createAppStore({ terminalId: rig.terminalId, journal: rig.journal, cache: rig.cache, bridge: rig.bridge, clock, printQueue, notifySync: () => {}, verifyPin: () => true, yieldToUi: () => Promise.resolve() });
    await reloaded.getState().openDispatch();
    expect(reloaded.getState().dispatch.open).toMatchObject({ customerId: 'c-1', items: [{ containerId: 'C-1', quantity: 20 }] });
  });

  it('speaks German', async () => {
    const { rig } = await setup('de');
    fireEvent.click(await screen.findByTestId('dispatch-start-c-1'));
    await screen.findByTestId('dispatch-progress');
    expect((await scan(rig, 'C-HOLD')).textContent).toContain(`Gesperrt: Behälter ${packageNumberOf('C-HOLD')} darf nicht raus (Sichtprüfung offen).`);
    expect(screen.getByTestId('dispatch-close').textContent).toContain('LKW abschließen');
  });
});
