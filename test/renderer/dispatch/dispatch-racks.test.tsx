import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../shared/events';
import { applyJisEvent, createJisState, verifyScan, type JisState } from '../../../shared/jis';
import { gs1CheckDigit } from '../../../shared/barcode/check-digits';
import { compileZpl, type LabelModel } from '../../../shared/labels';
import { JisSequence } from '../../../shared/master-data';
import type { MasterChange } from '../../../shared/sync-protocol';
import { appRig, type AppRig } from '../support/app-rig';
import { change, demoPage, fixedClock, uniqueTerminalId } from '../support/fixtures';
import { renderApp } from '../support/render-app';

/**
 * JIS racks on the dispatch screen over a real (fake-indexeddb) journal and
 * cache: this terminal built six positions of the line's sequence into three
 * racks of two, two of them labelled; a rack label scan loads the rack when
 * it is the next one due, and every refusal names its reason in English and
 * German. Closing the truck books the racks with their positions and batches.
 */

const SEQUENCE = JisSequence.parse({
  id: 'SEQ-D',
  lineId: 'L1',
  customer: 'Autowerk Sued',
  callOffRevision: 1,
  positions: [1, 2, 3, 4, 5, 6].map((n) => ({ sequenceNumber: n, vehicleNumber: `VIN${n}`, customerPartNumber: n % 2 ? 'P-A' : 'P-B', variant: n % 2 ? 'black' : 'grey', dueTime: '2025-03-01T08:00:00.000Z', unloadingPoint: 'Tor 3' })),
});

const customerRow = change('customer', 'c-1', 31, {
  id: 'c-1', name: 'Autowerk Sued', supplierNumber: '47110815',
  shipTo: { name: 'Autowerk Sued Werk 2', address: 'Tor 3', unloadingPoint: 'WE-03' },
  parts: [{ materialId: 'm-1', customerPartNumber: 'P-A' }, { materialId: 'm-1', customerPartNumber: 'P-B' }],
});

/** The events the JIS screen books for building every position in order, racks of two. */
function built(): NewEvent[] {
  let state: JisState = createJisState(SEQUENCE, { rackSlots: 2 });
  const out: NewEvent[] = [];
  let seq = 0;
  for (const p of SEQUENCE.positions) {
    const v = verifyScan(state, { partNumber: p.customerPartNumber, variant: p.variant ?? '' }, 0);
    if (!v.ok) throw new Error(`position ${p.sequenceNumber} refused`);
    for (const e of v.events) {
      out.push(e as NewEvent);
      state = applyJisEvent(state, { id: String(++seq), terminalId: 't', seq, occurredAt: '2025-03-01T06:00:00.000Z', schemaVersion: 1, ...e } as never);
    }
  }
  return out;
}

const labelled = (rackId: string): NewEvent => ({ type: 'LabelPrinted', payload: { jobId: `rack-${rackId}`, templateId: 'jis-rack', containerId: rackId, copies: 1 } });

const rigs: AppRig[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const r of rigs.splice(0)) r.close();
});

async function setup(language: 'en' | 'de' = 'en', more: MasterChange[] = [], withRange = true) {
  const terminalId = uniqueTerminalId();
  const rig = await appRig({ terminalId, pulled: false, deps: { clock: fixedClock() } });
  rigs.push(rig);
  rig.bridge.handle('printer:print', (req) => ({ ok: true, value: { jobId: req.jobId, outcome: 'done', status: { state: 'ready' } } }));
  const range = change('sscc-range', 'sr-1', 34, { id: 'sr-1', terminalId, companyPrefix: '4012345', extensionDigit: 3, from: 100, to: 199 });
  await rig.cache.applyPull(demoPage(terminalId, [customerRow, change('jis-sequence', 'SEQ-D', 32, SEQUENCE), change('plant', 'P1', 35, { id: 'P1', name: 'Takt Demo GmbH', address: 'Musterstadt' }), ...(withRange ? [range] : []), ...more]));
  await rig.store.getState().refreshMaster();
  const events: NewEvent[] = [
    { type: 'OrderStarted', orderId: 'o-1', payload: { orderNumber: 'PO-1001', materialId: 'm-1', quantity: 250 } },
    { type: 'MaterialLoaded', orderId: 'o-1', payload: { materialId: 'm-2', batch: 'B-7' } },
    ...built(),
    labelled('SEQ-D-R1'),
    labelled('SEQ-D-R2'),
  ];
  expect((await rig.journal.append(events, { clock: fixedClock() })).ok).toBe(true);
  const view = await renderApp(rig, language);
  cleanups.push(view.unwire);
  await act(async () => rig.store.getState().handleScan({ raw: 'B1001' }));
  fireEvent.click(await screen.findByTestId('dispatch-open'));
  await screen.findByTestId('dispatch-screen');
  fireEvent.click(await screen.findByTestId('dispatch-start-c-1'));
  // No DELFOR schedule: the racks are called off by their sequence.
  await screen.findByTestId('dispatch-no-call-off');
  return rig;
}

const scan = async (rig: AppRig, raw: string) => {
  const before = rig.store.getState().dispatchVerdict?.serial ?? 0;
  act(() => rig.bridge.emit('scanner:scan', { raw, source: 'serial', receivedAt: '2025-03-01T06:00:00.000Z' }));
  await waitFor(() => expect(rig.store.getState().dispatchVerdict?.serial ?? 0).toBeGreaterThan(before));
  return screen.getByTestId('dispatch-verdict');
};

describe('JIS racks on the dispatch screen', () => {
  it('closes a mixed load without an SSCC range: the truck is booked, the missing master label said so', async () => {
    const rig = await setup('en', [], false);
    await scan(rig, 'SEQ-D-R1');
    await scan(rig, 'SEQ-D-R2');
    fireEvent.click(screen.getByTestId('dispatch-close'));
    await waitFor(() => expect(screen.getByTestId('dispatch-verdict').dataset.code).toBe('master-label-failed'));
    expect(screen.getByTestId('dispatch-verdict').textContent).toContain('but the master label did not print: terminal');
    const journal = await rig.journal.eventsAfter(0, 1000);
    expect(journal.find((e) => e.type === 'ShipmentDispatched')?.payload).toMatchObject({ containerIds: ['SEQ-D-R1', 'SEQ-D-R2'] });
    expect(journal.find((e) => e.type === 'ShipmentDispatched')?.payload).not.toHaveProperty('masterSscc');
    expect(rig.bridge.callsTo('printer:print')).toEqual([]);
  });

  it('loads the racks in sequence order, refuses one out of turn, twice or unlabelled, and books them with positions and batches', async () => {
    const rig = await setup();
    const early = await scan(rig, 'SEQ-D-R2');
    expect(early.dataset).toMatchObject({ tone: 'nok', code: 'rack-out-of-sequence' });
    expect(early.textContent).toContain('Wrong order: rack SEQ-D-R1 is due before rack SEQ-D-R2.');

    const ok = await scan(rig, 'SEQ-D-R1');
    expect(ok.dataset.tone).toBe('ok');
    expect(ok.textContent).toContain('Loaded: rack SEQ-D-R1 · 2 positions, 2 parts');
    // The rack's row names it by its own id and lists each part in it.
    const row = screen.getByTestId('dispatch-loaded-SEQ-D-R1');
    expect(row.querySelector('.dispatch-container-id')?.textContent).toBe('SEQ-D-R1');
    expect([...row.querySelectorAll('.dispatch-part')].map((p) => p.textContent)).toEqual(['P-A × 1', 'P-B × 1']);
    // A rack is named by its own id (its label prints it), never as a package number.
    expect((await scan(rig, 'SEQ-D-R1')).textContent).toContain('SEQ-D-R1 is already on this truck.');
    // The PDF417 of the rack label carries the rack on its first line.
    expect((await scan(rig, 'RACK;SEQ-D-R2\nPART;MIXED\n3;VIN3\n4;VIN4')).dataset.code).toBe('rack-loaded');
    const unlabelled = await scan(rig, 'SEQ-D-R3');
    expect(unlabelled.dataset.code).toBe('rack-not-labelled');
    expect(unlabelled.textContent).toContain('Rack SEQ-D-R3 has no printed label.');

    // Two racks are a mixed load: the master label prints with the first SSCC of the terminal's range.
    fireEvent.click(screen.getByTestId('dispatch-close'));
    await waitFor(() => expect(screen.getByTestId('dispatch-verdict').dataset.code).toBe('delivery-dispatched-master'));
    const sscc = '34012345000000100' + String(gs1CheckDigit('34012345000000100'));
    expect(screen.getByTestId('dispatch-verdict').textContent).toContain(`Truck closed: 2 packages for Autowerk Sued dispatched. Master label SSCC ${sscc} printed`);
    const journal = await rig.journal.eventsAfter(0, 1000);
    const dispatched = journal.find((e) => e.type === 'ShipmentDispatched')!;
    const job = rig.bridge.callsTo('printer:print').at(-1) as { jobId: string; model: LabelModel; copies: number };
    expect(job).toMatchObject({ jobId: `master-${String(dispatched.payload['shipmentId'])}`, copies: 2 });
    expect(compileZpl(job.model).ok).toBe(true);
    expect(job.model.elements).toContainEqual(expect.objectContaining({ type: 'gs1-128', elements: [{ ai: '00', value: sscc }] }));
    expect(job.model.elements).toContainEqual(expect.objectContaining({ type: 'text', value: 'P-A  2 PCE  2 PKG' }));
    expect(journal.find((e) => e.type === 'LabelPrinted' && e.payload['templateId'] === 'gs1-mixed-load')?.payload).toMatchObject({ containerId: dispatched.payload['shipmentId'], sscc, copies: 2 });
    expect(dispatched.payload).toMatchObject({
      masterSscc: sscc,
      containerIds: ['SEQ-D-R1', 'SEQ-D-R2'],
      customerId: 'c-1',
      items: [
        { containerId: 'SEQ-D-R1', customerPartNumber: 'P-A', materialId: 'm-1', quantity: 1, sequenceId: 'SEQ-D', sequenceNumbers: [1], batches: [{ materialId: 'm-2', batch: 'B-7' }] },
        { containerId: 'SEQ-D-R1', customerPartNumber: 'P-B', quantity: 1, sequenceNumbers: [2] },
        { containerId: 'SEQ-D-R2', customerPartNumber: 'P-A', sequenceNumbers: [3] },
        { containerId: 'SEQ-D-R2', customerPartNumber: 'P-B', sequenceNumbers: [4] },
      ],
    });
    // The next truck cannot take R1 again.
    fireEvent.click(await screen.findByTestId('dispatch-start-c-1'));
    await screen.findByTestId('dispatch-no-call-off');
    expect((await scan(rig, 'SEQ-D-R1')).dataset.code).toBe('already-shipped');
  });

  it('refuses a rack quality put on hold, in German', async () => {
    const rig = await setup('de', [change('container-hold', 'h-r1', 33, { id: 'h-r1', containerId: 'SEQ-D-R1', reason: 'Nacharbeit' })]);
    const held = await scan(rig, 'SEQ-D-R1');
    expect(held.dataset).toMatchObject({ tone: 'nok', code: 'rack-on-hold' });
    expect(held.getAttribute('role')).toBe('alert');
    expect(held.textContent).toContain('Gesperrt: Gestell SEQ-D-R1 darf nicht raus (Nacharbeit).');
    expect((await scan(rig, 'SEQ-D-R2')).textContent).toContain('Falsche Reihenfolge: Gestell SEQ-D-R1 ist vor Gestell SEQ-D-R2 dran.');
  });
});
