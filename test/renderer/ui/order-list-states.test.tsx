import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../renderer/storage/journal';
import { appRig, type AppRig } from '../support/app-rig';
import { fixedClock, uniqueTerminalId } from '../support/fixtures';
import { renderApp } from '../support/render-app';

/**
 * The order list shows what the production fold knows, not what the master
 * data said when it was pulled: an order completed (or paused) on this
 * terminal shows so, also after a restart of the terminal.
 */
const rigs: AppRig[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const r of rigs.splice(0)) r.close();
});

/** A terminal that ran PO-1001 to completion and paused PO-1002 in an earlier run. */
async function earlierRun(terminalId: string): Promise<void> {
  const journal = await Journal.open(terminalId);
  const append = (events: Parameters<Journal['append']>[0]) => journal.append(events, { clock: fixedClock() });
  await append([{ type: 'OperatorLoggedIn', operatorId: 'op-anna', payload: { badge: 'B1001', role: 'operator', method: 'badge' } }]);
  await append([{ type: 'OrderStarted', operatorId: 'op-anna', orderId: 'o-1', payload: { orderNumber: 'PO-1001', materialId: 'm-1', quantity: 250 } }]);
  await append([{ type: 'GoodQuantityBooked', operatorId: 'op-anna', orderId: 'o-1', payload: { quantity: 250 } }]);
  await append([{ type: 'OrderCompleted', operatorId: 'op-anna', orderId: 'o-1', payload: {} }]);
  await append([{ type: 'OrderStarted', operatorId: 'op-anna', orderId: 'o-2', payload: { orderNumber: 'PO-1002', materialId: 'm-1', quantity: 100 } }]);
  await append([{ type: 'OrderPaused', operatorId: 'op-anna', orderId: 'o-2', payload: { reason: 'material' } }]);
  journal.close();
}

describe('order list states', () => {
  it('after a restart, a completed order shows completed (not started, not active) and a paused one paused', async () => {
    const terminalId = uniqueTerminalId();
    await earlierRun(terminalId);
    const rig = await appRig({ terminalId });
    rigs.push(rig);
    const view = await renderApp(rig, 'en');
    cleanups.push(view.unwire);
    await screen.findByTestId('order-screen');

    await waitFor(() => expect(screen.getByTestId('order-PO-1001').getAttribute('data-status')).toBe('completed'));
    const completed = screen.getByTestId('order-PO-1001');
    expect(within(completed).getByTestId('status-PO-1001').textContent).toContain('completed');
    expect(within(completed).getByTestId('status-PO-1001').textContent).not.toContain('active');
    expect(within(completed).queryByTestId('start-PO-1001')).toBeNull();

    expect(screen.getByTestId('order-PO-1002').getAttribute('data-status')).toBe('paused');
    expect(within(screen.getByTestId('order-PO-1002')).getByTestId('status-PO-1002').textContent).toContain('paused');
  });
});
