import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createScanRouter } from '../../../renderer/scan/scan-router';
import { buildScanReport, parseSignature } from '../../../renderer/ui/scan-test/scan-report';
import { appRig, type AppRig } from '../support/app-rig';
import { change } from '../support/fixtures';
import { renderApp } from '../support/render-app';

/** The Scan test screen, the AIM-prefixed badge login and the order traveller scan, over the whole app. */
const rigs: AppRig[] = [];
const cleanups: (() => void)[] = [];
async function setup(language: 'en' | 'de' = 'en') {
  const rig = await appRig();
  await rig.cache.applyPull({
    changes: [change('material', 'm-h', 20, { id: 'm-h', number: 'GH-200', name: 'Housing', gtin: '09501101530003' })],
    rev: 20,
    hasMore: false,
  });
  await rig.store.getState().refreshMaster();
  rigs.push(rig);
  rig.bridge.handle('scanner:status', () => ({ ok: true, value: { state: 'connected', port: '/dev/ttyACM0' } }));
  const view = await renderApp(rig, language);
  cleanups.push(view.unwire);
  return { rig, view };
}
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  for (const r of rigs.splice(0)) r.close();
});

const serialScan = (rig: AppRig, raw: string) =>
  act(async () => {
    rig.bridge.emit('scanner:scan', { raw, source: 'serial', receivedAt: new Date().toISOString(), port: '/dev/ttyACM0' });
  });

describe('Scan test screen', () => {
  it('shows raw data with control characters, AIM, elements, fields, classification and channel; books nothing', async () => {
    const { rig } = await setup();
    fireEvent.click(screen.getByTestId('open-scan-test'));
    expect(screen.getByTestId('scan-test-empty')).toBeTruthy();
    await serialScan(rig, ']C10109501101530003172512311012345A\u001d21SN7\r');
    const report = await screen.findByTestId('scan-test-report');
    expect(screen.getByTestId('scan-test-raw').textContent).toBe(']C10109501101530003172512311012345A<GS>21SN7');
    expect(screen.getByTestId('scan-test-hex').textContent).toMatch(/^5D 43 31 30 31 /);
    expect(screen.getByTestId('scan-test-aim').textContent).toBe(']C1');
    expect(screen.getByTestId('scan-test-symbology').textContent).toBe('GS1-128');
    expect(screen.getByTestId('scan-test-symbology').getAttribute('data-symbology')).toBe('gs1-128');
    expect(screen.getByTestId('scan-test-source').textContent).toBe('Serial scanner (/dev/ttyACM0)');
    expect(screen.getAllByTestId('scan-test-element').map((r) => r.getAttribute('data-id'))).toEqual(['01', '17', '10', '21']);
    expect(within(screen.getByTestId('scan-test-fields')).getByText('Expiry date')).toBeTruthy();
    expect(screen.getByTestId('scan-test-classification').getAttribute('data-kind')).toBe('material-batch');
    expect(screen.getByTestId('scan-test-classification').textContent).toContain('GH-200');
    expect(report.getAttribute('data-source')).toBe('serial');

    // A badge scanned here does not log anyone in.
    await serialScan(rig, 'B1001');
    await waitFor(() => expect(screen.getByTestId('scan-test-classification').getAttribute('data-kind')).toBe('badge'));
    expect(screen.getByTestId('scan-test-classification').textContent).toContain('Anna Becker');
    expect(rig.store.getState().terminal.operator).toBeNull();
    expect(screen.getAllByTestId('scan-test-history-item')).toHaveLength(1);
  });

  it('explains a rejected scan with its code and message', async () => {
    const { rig } = await setup();
    fireEvent.click(screen.getByTestId('open-scan-test'));
    await serialScan(rig, ']C10109501101530004');
    await screen.findByTestId('scan-test-report');
    expect(screen.getByTestId('scan-test-error-code').textContent).toBe('gs1-check-digit');
    expect(screen.getByTestId('scan-test-error-message').textContent).toContain('check digit');
    expect(screen.getByTestId('scan-test-verdict').textContent).toContain('Rejected (at character 18)');
  });

  it('a keyboard-wedge burst shows as the keyboard channel with the same parse as the serial scan', async () => {
    const { rig } = await setup('de');
    fireEvent.click(screen.getByTestId('open-scan-test'));
    expect(screen.getByRole('heading', { name: 'Scan-Test' })).toBeTruthy();
    const label = ']d201095060001343521725063010ABC123\u001d2112345';
    await serialScan(rig, label);
    const serial = (await screen.findByTestId('scan-test-report')).getAttribute('data-parse');
    for (const ch of label) {
      const init = ch === '\u001d' ? { key: ']', code: 'BracketRight', ctrlKey: true } : { key: ch };
      fireEvent.keyDown(document.body, init);
    }
    fireEvent.keyDown(document.body, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('scan-test-report').getAttribute('data-source')).toBe('wedge'));
    expect(screen.getByTestId('scan-test-report').getAttribute('data-parse')).toBe(serial);
    expect(screen.getByTestId('scan-test-source').textContent).toBe('Tastatur-Scanner');
    fireEvent.click(screen.getByTestId('scan-test-close'));
    expect(screen.getByTestId('login-screen')).toBeTruthy();
  });
});

describe('scans on the login and order screens', () => {
  it('a badge with an AIM prefix (]C0B1001) still logs in; an order traveller scan opens and starts the order', async () => {
    const { rig } = await setup();
    await serialScan(rig, ']C0B1001\r');
    await waitFor(() => expect(screen.getByTestId('operator-name').textContent).toBe('Anna Becker'));
    await serialScan(rig, ']C0PO-1001');
    // The traveller opens the order and starts it through the same start check as its Start button.
    await waitFor(() => expect(screen.getByTestId('order-detail').getAttribute('data-status')).toBe('started'));
    fireEvent.click(screen.getByTestId('wf-back'));
    await waitFor(() => expect(screen.getByTestId('order-PO-1001').getAttribute('data-status')).toBe('started'));
    await serialScan(rig, 'PO-1001');
    await waitFor(() => expect(screen.getByTestId('feedback').textContent).toContain('Order PO-1001 is already started.'));
    const types = (await rig.journal.eventsAfter(0, 10)).map((e) => e.type);
    expect(types).toEqual(['OperatorLoggedIn', 'OrderStarted']);
  });
});

describe('scan report and router', () => {
  it('the router sends scans to the newest capture, else to the default', () => {
    const router = createScanRouter();
    const seen: string[] = [];
    router.setDefault((s) => seen.push(`default:${s.raw}`));
    const release = router.capture((s) => seen.push(`capture:${s.raw}`));
    router.dispatch({ raw: 'A', source: 'wedge', receivedAt: '' });
    release();
    router.dispatch({ raw: 'B', source: 'wedge', receivedAt: '' });
    expect(seen).toEqual(['capture:A', 'default:B']);
  });

  it('parse signatures are equal for the same label from any channel and differ for another', () => {
    const master = { operators: [], orders: [], materials: {} };
    const a = buildScanReport(1, { raw: '[)>\u001e06\u001dP1\u001e\u0004\r\n', source: 'serial', receivedAt: '' }, master);
    const b = buildScanReport(2, { raw: '[)>\u001e06\u001dP1\u001e\u0004', source: 'camera', receivedAt: '' }, master);
    expect(a.visible).toBe('[)><RS>06<GS>P1<RS><EOT>');
    expect(parseSignature(a.result)).toBe(parseSignature(b.result));
    expect(parseSignature(a.result)).not.toBe(parseSignature(buildScanReport(3, { raw: 'P1', source: 'wedge', receivedAt: '' }, master).result));
  });
});
