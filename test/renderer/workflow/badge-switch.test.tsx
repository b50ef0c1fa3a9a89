import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LEAD_PIN } from '../support/fixtures';
import type { AppRig } from '../support/app-rig';
import { journal, startRunning, typePad, workflowSetup } from './workflow-rig';

/** A badge scanned while someone is logged in switches the operator; the running order stays open and goes with the terminal. */

function serialScan(rig: AppRig, raw: string) {
  act(() => rig.bridge.emit('scanner:scan', { raw, source: 'serial', receivedAt: new Date().toISOString() }));
}

describe('badge switch', () => {
  it('on the order list another operator’s badge takes over, and the running order is handed over to them', async () => {
    const { rig } = await workflowSetup();
    await startRunning(rig);
    fireEvent.click(screen.getByTestId('wf-back'));
    await screen.findByTestId('order-screen');

    serialScan(rig, 'B1002');
    await waitFor(() => expect(rig.store.getState().terminal.operator?.id).toBe('op-ben'));
    expect(screen.getByTestId('feedback').textContent).toContain('Ben Wolf is now logged in; the order stays open.');
    expect(screen.getByTestId('operator-name').textContent).toBe('Ben Wolf');
    expect(rig.store.getState().terminal.activeOrderId).toBe('o-5');
    const events = await journal(rig);
    const tail = events.slice(-3).map((e) => [e.type, e.operatorId, e.payload]);
    expect(tail).toEqual([
      ['OperatorLoggedOut', 'op-anna', { reason: 'handover' }],
      ['OperatorLoggedIn', 'op-ben', { badge: 'B1002', role: 'operator', method: 'badge' }],
      ['OrderHandedOver', 'op-ben', { toOperatorId: 'op-ben', fromOperatorId: 'op-anna' }],
    ]);
    // The order is Ben's now, still running.
    fireEvent.click(screen.getByTestId('open-PO-3001'));
    await screen.findByTestId('order-detail');
    await waitFor(() => expect(screen.getByTestId('wf-operator').textContent).toBe('Ben Wolf'));
    expect(screen.getByTestId('order-detail').getAttribute('data-status')).toBe('started');
  });

  it('on a running order a badge hands it over without pressing “Hand over” first', async () => {
    const { rig } = await workflowSetup();
    await startRunning(rig);
    serialScan(rig, 'B1002');
    await waitFor(() => expect(rig.store.getState().terminal.operator?.id).toBe('op-ben'));
    expect(screen.getByTestId('wf-operator').textContent).toBe('Ben Wolf');
    expect((await journal(rig)).find((e) => e.type === 'OrderHandedOver')?.payload).toEqual({ toOperatorId: 'op-ben', fromOperatorId: 'op-anna' });
  });

  it('a shift lead’s badge switches only after their PIN; cancel keeps the operator', async () => {
    const { rig } = await workflowSetup();
    fireEvent.click(screen.getByTestId('wf-back'));
    await screen.findByTestId('order-screen');
    serialScan(rig, 'B9001');
    expect((await screen.findByTestId('approval-layer')).getAttribute('data-step')).toBe('awaiting-pin');
    fireEvent.click(screen.getByTestId('approval-cancel'));
    await waitFor(() => expect(screen.queryByTestId('approval-layer')).toBeNull());
    expect(rig.store.getState().terminal.operator?.id).toBe('op-anna');

    serialScan(rig, 'B9001');
    await screen.findByTestId('approval-layer');
    typePad('approval', LEAD_PIN);
    fireEvent.click(screen.getByTestId('approval-submit'));
    await waitFor(() => expect(rig.store.getState().terminal.operator?.id).toBe('op-petra'));
    const login = (await journal(rig)).filter((e) => e.type === 'OperatorLoggedIn').at(-1);
    expect(login?.payload).toEqual({ badge: 'B9001', role: 'shift-lead', method: 'badge+pin' });
  });

  it('the logged-in operator’s own badge changes nothing', async () => {
    const { rig } = await workflowSetup();
    fireEvent.click(screen.getByTestId('wf-back'));
    await screen.findByTestId('order-screen');
    const before = await rig.journal.head();
    serialScan(rig, 'B1001');
    await waitFor(() => expect(screen.getByTestId('feedback').textContent).toContain('Anna Becker is already logged in.'));
    expect(await rig.journal.head()).toBe(before);
  });
});
