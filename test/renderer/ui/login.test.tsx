import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPin } from '../../../shared/pin';
import { appRig, type AppRig } from '../support/app-rig';
import { LEAD_PIN } from '../support/fixtures';
import { renderApp } from '../support/render-app';

const rigs: AppRig[] = [];
const cleanups: (() => void)[] = [];
async function setup(...args: Parameters<typeof appRig>) {
  const rig = await appRig(...args);
  rigs.push(rig);
  rig.bridge.handle('scanner:status', () => ({ ok: true, value: { state: 'connected', port: '/dev/ttyACM0' } }));
  const view = await renderApp(rig);
  cleanups.push(view.unwire);
  return { rig, view };
}
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const r of rigs.splice(0)) r.close();
});

const serialScan = (rig: AppRig, raw: string) =>
  act(async () => {
    rig.bridge.emit('scanner:scan', { raw, source: 'serial', receivedAt: new Date().toISOString() });
  });

describe('login screen', () => {
  it('asks for the badge; a serial scan of a known badge logs in', async () => {
    const { rig } = await setup();
    expect(screen.getByRole('heading', { name: 'Scan your badge' })).toBeTruthy();
    expect(screen.getByTestId('operator-name').textContent).toBe('not logged in');
    await serialScan(rig, 'B1001\r\n');
    await waitFor(() => expect(screen.getByTestId('operator-name').textContent).toBe('Anna Becker'));
    expect(screen.getByTestId('order-screen')).toBeTruthy();
    expect(screen.getByTestId('feedback').textContent).toContain('Welcome, Anna Becker');
    expect((await rig.journal.eventsAfter(0, 5))[0]?.type).toBe('OperatorLoggedIn');
  });

  it('logs in from a keyboard-wedge burst, whatever has focus', async () => {
    await setup();
    const input = document.createElement('input');
    document.body.appendChild(input);
    input.focus();
    for (const key of [...'B1001', 'Enter']) fireEvent.keyDown(input, { key });
    await waitFor(() => expect(screen.getByTestId('operator-name').textContent).toBe('Anna Becker'));
    expect(input.value).toBe('');
    input.remove();
  });

  it('an unknown badge shows a clear message with the scan, control characters visible', async () => {
    const { rig } = await setup();
    await serialScan(rig, 'ZZ\u001d42\r');
    const notice = await screen.findByTestId('unknown-scan');
    expect(notice.textContent).toBe('Unknown badge: ZZ<GS>42');
    expect(screen.getByTestId('feedback').getAttribute('data-tone')).toBe('nok');
    expect(screen.getByTestId('feedback').querySelector('svg[data-icon="nok"]')).toBeTruthy();
    expect(screen.getByTestId('operator-name').textContent).toBe('not logged in');
    expect(await rig.journal.head()).toBe(0);
  });

  it('shows the scanner state from scanner:status and device:status', async () => {
    const { rig } = await setup();
    await waitFor(() => expect(screen.getByTestId('scanner-state').textContent).toContain('connected'));
    act(() => rig.bridge.emit('device:status', { device: 'scanner', status: { state: 'disconnected' } }));
    expect(screen.getByTestId('scanner-state').textContent).toContain('disconnected');
    act(() => rig.bridge.emit('device:status', { device: 'scanner', status: { state: 'not-configured' } }));
    expect(screen.getByTestId('scanner-state').textContent).toContain('not configured');
  });
});

describe('PIN pad', () => {
  it('a shift lead enters the PIN on big buttons; busy while checking; then logged in', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { rig } = await setup({
      deps: {
        verifyPin: async (pin, hash) => {
          await gate;
          return verifyPin(pin, hash);
        },
      },
    });
    await serialScan(rig, 'B9001');
    const pad = await screen.findByTestId('approval-layer');
    expect(pad.textContent).toContain('Enter your PIN, Petra Schmidt');
    for (const d of LEAD_PIN) fireEvent.click(screen.getByTestId(`approval-key-${d}`));
    expect(screen.getByTestId('approval-dots').textContent).toBe('●'.repeat(LEAD_PIN.length));
    fireEvent.click(screen.getByTestId('approval-submit'));
    expect(await screen.findByTestId('approval-busy')).toBeTruthy();
    expect((screen.getByTestId('approval-key-1') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => release());
    await waitFor(() => expect(screen.getByTestId('operator-name').textContent).toBe('Petra Schmidt'));
    expect((await rig.journal.eventsAfter(0, 1))[0]?.payload).toMatchObject({ method: 'badge+pin' });
  });

  it('a wrong PIN says so and counts down; the fifth locks the badge and goes back to the badge scan', async () => {
    const { rig } = await setup();
    await serialScan(rig, 'B9001');
    await screen.findByTestId('approval-layer');
    const wrong = async () => {
      for (const d of '000000') fireEvent.click(screen.getByTestId(`approval-key-${d}`));
      fireEvent.click(screen.getByTestId('approval-submit'));
    };
    expect(screen.getByTestId('approval-attempts').textContent).toBe('5 attempts left');
    await wrong();
    expect(await screen.findByTestId('approval-wrong')).toBeTruthy();
    expect(screen.getByTestId('approval-attempts').textContent).toBe('4 attempts left');
    for (const left of ['3 attempts left', '2 attempts left', '1 attempt left']) {
      await wrong();
      await waitFor(() => expect(screen.getByTestId('approval-attempts').textContent).toBe(left));
    }
    await wrong();
    await waitFor(() => expect(screen.getByTestId('login-notice').textContent).toContain('5 wrong PINs: this badge is locked on this terminal for 15 min.'));
    expect(screen.queryByTestId('approval-layer')).toBeNull();
    expect(await rig.journal.head()).toBe(0);
  });
});
