import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MachineStatus } from '../../../../shared/bridge-machine';
import { followMachineLink, machineLink } from '../../../../renderer/machine/machine-link';
import { appRig, type AppRig } from '../../support/app-rig';
import { renderApp } from '../../support/render-app';

const down: MachineStatus = {
  state: 'disconnected',
  broker: 'mqtt://broker.plant:1883/',
  format: 'json',
  message: 'connect ECONNREFUSED',
  received: 0,
  malformed: 0,
  unknown: 0,
  pending: 0,
  retryInMs: 8_000,
};

describe('status screen: the machine connection tile', () => {
  let rig: AppRig | null = null;
  let stop = () => {};
  afterEach(() => {
    stop();
    rig?.close();
    rig = null;
    machineLink.setState({ status: null });
  });

  async function openStatus(language: 'de' | 'en', first: MachineStatus) {
    rig = await appRig();
    rig.bridge.handle('machine:status', () => ({ ok: true, value: first }));
    stop = followMachineLink(rig.bridge);
    await renderApp(rig, language);
    fireEvent.click(screen.getByTestId('open-status'));
    return screen.findByTestId('machine-link');
  }

  it('shows a broker that is down with the backoff’s next attempt, then the link back with signals in and payloads refused', async () => {
    const tile = await openStatus('en', down);
    expect(tile.getAttribute('data-state')).toBe('disconnected');
    expect(tile.textContent).toContain('Machine connection down');
    expect(tile.textContent).toContain('mqtt://broker.plant:1883/');
    expect(screen.getByTestId('machine-link-retry').textContent).toBe('next attempt in 8 s');

    act(() =>
      rig!.bridge.emit('machine:status', { ...down, state: 'connected', retryInMs: undefined, received: 41, malformed: 2, unknown: 1, pending: 3, lastProblem: 'takt/sim/L1/counter: Unexpected token } in JSON' } as MachineStatus),
    );
    expect(tile.getAttribute('data-state')).toBe('connected');
    expect(tile.textContent).toContain('Machine connected');
    expect(screen.queryByTestId('machine-link-retry')).toBeNull();
    expect(screen.getByTestId('machine-received').textContent).toBe('41 signals received');
    expect(screen.getByTestId('machine-refused').textContent).toBe('refused: 2 malformed, 1 unknown');
    expect(screen.getByTestId('machine-refused').className).toBe('tone-bad');
    expect(screen.getByTestId('machine-pending').textContent).toBe('3 signals not yet booked');
    expect(screen.getByTestId('machine-last-problem').textContent).toContain('Unexpected token');
  });

  it('speaks German', async () => {
    await openStatus('de', { ...down, received: 1 });
    expect(screen.getByTestId('machine-link').textContent).toContain('Maschinenverbindung unterbrochen');
    expect(screen.getByTestId('machine-link-retry').textContent).toBe('nächster Versuch in 8 s');
    expect(screen.getByTestId('machine-received').textContent).toBe('1 Signal empfangen');
    expect(screen.getByTestId('machine-refused').textContent).toBe('abgewiesen: 0 fehlerhaft, 0 unbekannt');
  });

  it('shows nothing on a terminal without a machine connection', async () => {
    rig = await appRig();
    rig.bridge.handle('machine:status', () => ({ ok: true, value: { state: 'not-configured', received: 0, malformed: 0, unknown: 0, pending: 0 } }));
    stop = followMachineLink(rig.bridge);
    await renderApp(rig, 'en');
    fireEvent.click(screen.getByTestId('open-status'));
    await screen.findByTestId('status-screen');
    await act(async () => {});
    expect(machineLink.getState().status?.state).toBe('not-configured');
    expect(screen.queryByTestId('machine-link')).toBeNull();
  });
});
