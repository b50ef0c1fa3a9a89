import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appRig, type AppRig } from '../support/app-rig';
import { demoPage, uniqueTerminalId } from '../support/fixtures';
import { renderApp } from '../support/render-app';
import { HOUSING, SCREW, workflowExtra } from './workflow-rig';

/**
 * The order list's Start goes through the order screen's start check: an
 * order whose batch-tracked materials are not all loaded is refused with the
 * same NOK, on the order screen where the missing batches can be scanned.
 */

const rigs: AppRig[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const r of rigs.splice(0)) r.close();
});

async function atOrderList() {
  const terminalId = uniqueTerminalId();
  const rig = await appRig({ terminalId, pulled: false });
  rigs.push(rig);
  await rig.cache.applyPull(demoPage(terminalId, workflowExtra));
  await rig.store.getState().refreshMaster();
  rig.store.getState().configureWorkflow({ okFeedbackMs: 60_000 });
  const view = await renderApp(rig);
  cleanups.push(view.unwire);
  await act(async () => rig.store.getState().handleScan({ raw: 'B1001' }));
  await screen.findByTestId('order-screen');
  return rig;
}

async function scanFor(rig: AppRig, raw: string, text: string) {
  act(() => rig.bridge.emit('scanner:scan', { raw, source: 'serial', receivedAt: new Date().toISOString() }));
  await waitFor(() => expect(screen.getByTestId('wf-verdict-text').textContent).toBe(text), { timeout: 15_000 });
}

describe('Start on the order list', () => {
  it('refuses an order with materials missing, with the order screen’s NOK, and books nothing', async () => {
    const rig = await atOrderList();
    fireEvent.click(screen.getByTestId('start-PO-3001'));

    await screen.findByTestId('order-detail');
    await waitFor(() => expect(screen.getByTestId('wf-verdict').getAttribute('data-tone')).toBe('nok'));
    expect(screen.getByTestId('wf-verdict-text').textContent).toBe('Load a batch first for: SCR-M6, HSG-1');
    expect(screen.getByTestId('order-detail').getAttribute('data-status')).toBe('released');
    expect(screen.getByTestId('bom-SCR-M6').getAttribute('data-missing')).toBe('true');
    expect((await rig.journal.eventsAfter(1, 10)).map((e) => e.type)).toEqual([]);
    expect(rig.store.getState().terminal.startedOrderIds).toEqual([]);

    // Acknowledge, scan what is missing right there, Start again: now it runs.
    fireEvent.click(screen.getByTestId('wf-ack'));
    await scanFor(rig, SCREW('L1'), 'Batch L1 of SCR-M6 loaded');
    await scanFor(rig, HOUSING('H7'), 'Batch H7 of HSG-1 loaded');
    fireEvent.click(screen.getByTestId('wf-start'));
    await waitFor(() => expect(screen.getByTestId('order-detail').getAttribute('data-status')).toBe('started'));
    expect((await rig.journal.eventsAfter(1, 10)).map((e) => e.type)).toEqual(['MaterialLoaded', 'MaterialLoaded', 'OrderStarted']);
  });

  it('an order traveller scanned on the list takes the same path', async () => {
    const rig = await atOrderList();
    await act(async () => rig.store.getState().handleScan({ raw: 'PO-3001' }));
    await screen.findByTestId('order-detail');
    expect(screen.getByTestId('wf-verdict-text').textContent).toBe('Load a batch first for: SCR-M6, HSG-1');
    expect((await rig.journal.eventsAfter(1, 10)).map((e) => e.type)).toEqual([]);
  });

  it('starts an order whose batch-tracked materials are loaded, on its order screen', async () => {
    const rig = await atOrderList();
    // Batches loaded earlier on the order screen, then back to the list.
    fireEvent.click(screen.getByTestId('open-PO-3001'));
    await screen.findByTestId('order-detail');
    await scanFor(rig, SCREW('L1'), 'Batch L1 of SCR-M6 loaded');
    await scanFor(rig, HOUSING('H7'), 'Batch H7 of HSG-1 loaded');
    fireEvent.click(screen.getByTestId('wf-back'));
    await screen.findByTestId('order-screen');

    fireEvent.click(screen.getByTestId('start-PO-3001'));
    await waitFor(() => expect(screen.getByTestId('order-detail').getAttribute('data-status')).toBe('started'));
    expect(screen.getByTestId('wf-verdict-text').textContent).toBe('Order PO-3001 started');
    const started = (await rig.journal.eventsAfter(1, 10)).filter((e) => e.type === 'OrderStarted');
    expect(started).toEqual([expect.objectContaining({ orderId: 'o-5', operatorId: 'op-anna' })]);
  });
});
