import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { appRig } from '../support/app-rig';
import { demoPage } from '../support/fixtures';
import { renderApp } from '../support/render-app';
import { acknowledge, FOREIGN, journal, scan, SCREW, workflowExtra, workflowSetup } from './workflow-rig';

const beeps = vi.hoisted(() => [] as string[]);
vi.mock('../../../renderer/ui/sound', () => ({ beep: (kind: string) => beeps.push(kind) }));

describe('scan feedback', () => {
  it('plays the OK sound for OK and the NOK sound for NOK, with icon and text', async () => {
    const { rig } = await workflowSetup();
    beeps.length = 0;
    await scan(rig, SCREW('L1'));
    expect(screen.getByTestId('wf-verdict').querySelector('svg[data-icon="ok"]')).toBeTruthy();
    expect(beeps).toEqual(['ok']);
    await scan(rig, FOREIGN('X'));
    expect(screen.getByTestId('wf-verdict').querySelector('svg[data-icon="nok"]')).toBeTruthy();
    expect(beeps).toEqual(['ok', 'nok']);
    acknowledge();
  });

  it('an OK verdict clears itself; a NOK one does not', async () => {
    const { rig } = await workflowSetup();
    act(() => rig.store.getState().configureWorkflow({ okFeedbackMs: 50 }));
    await scan(rig, SCREW('L1'));
    await new Promise((r) => setTimeout(r, 120));
    expect(screen.queryByTestId('wf-verdict')).toBeNull();
    await scan(rig, FOREIGN('X'));
    await new Promise((r) => setTimeout(r, 120));
    expect(screen.getByTestId('wf-verdict').getAttribute('data-tone')).toBe('nok');
  });
});

describe('session', () => {
  it('rebuilds the order state from the journal after a restart', async () => {
    const { rig } = await workflowSetup();
    await scan(rig, SCREW('L1'));
    const terminalId = rig.terminalId;
    rig.journal.close();
    rig.cache.close();

    const again = await appRig({ terminalId, pulled: false });
    await again.cache.applyPull(demoPage(terminalId, workflowExtra));
    await again.store.getState().refreshMaster();
    const view = await renderApp(again);
    try {
      await screen.findAllByTestId('order-screen');
      const opens = screen.getAllByTestId('open-PO-3001');
      fireEvent.click(opens[opens.length - 1] as HTMLElement);
      await screen.findAllByTestId('order-detail');
      const cells = await screen.findAllByText(/L1/);
      expect(cells.length).toBeGreaterThan(0);
      // Opening folds the journal (snapshot, then the events after it) before the state is there.
      await waitFor(() => expect(again.store.getState().workflow.production.orders['o-5']?.loaded['m-2']?.batch).toBe('L1'));
      expect((await journal(again)).filter((e) => e.type === 'MaterialLoaded')).toHaveLength(1);
    } finally {
      view.unwire();
      again.close();
    }
  });

  it('a manual logout closes the order screen: the next operator starts at the order list', async () => {
    const { rig } = await workflowSetup();
    fireEvent.click(screen.getByTestId('wf-back'));
    await act(async () => rig.store.getState().logout());
    await screen.findByTestId('login-screen');
    await act(async () => rig.store.getState().handleScan({ raw: 'B1002' }));
    await screen.findByTestId('order-screen');
    expect(rig.store.getState().workflow.openOrderId).toBeNull();
  });

  it('logging out while the order screen is open also closes it', async () => {
    const { rig } = await workflowSetup();
    await act(async () => rig.store.getState().logout());
    await screen.findByTestId('login-screen');
    expect(rig.store.getState().workflow.openOrderId).toBeNull();
  });
});
