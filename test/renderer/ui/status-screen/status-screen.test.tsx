import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import de from '../../../../renderer/i18n/de.json';
import en from '../../../../renderer/i18n/en.json';
import { formatDuration } from '../../../../renderer/i18n/format';
import { EXPLAINED_CODES, errorKey, statusRows } from '../../../../renderer/ui/status-screen/status-view';
import { appRig, type AppRig } from '../../support/app-rig';
import { renderApp } from '../../support/render-app';

const now = new Date('2025-03-01T08:00:00.000Z');

describe('status view (pure)', () => {
  it.each([
    [0, '0 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [3_600_000, '1 h'],
    [3_900_000, '1 h 5 min'],
    [26 * 3_600_000, '1 d 2 h'],
    [-5_000, '0 s'],
  ])('formatDuration(%i) = %s', (ms, text) => expect(formatDuration(ms, 'en')).toBe(text));

  it('figures in the language: 1.500 min in German, 1,500 in English', () => {
    expect(formatDuration(1_500 * 86_400_000, 'de')).toBe('1.500 d');
    expect(formatDuration(1_500 * 86_400_000, 'en')).toBe('1,500 d');
  });

  it('rows: queue, checkpoint, reachability, storage', () => {
    const rows = statusRows(
      { online: false, pending: 4, oldestPendingAt: '2025-03-01T06:30:00.000Z', head: 10, ackedSeq: 6, checkpoint: 42, lastSuccessAt: '2025-03-01T07:59:00.000Z', runsIn: 'worker' },
      { ok: false, figures: { hostFreeBytes: 150 * 1024 * 1024, quotaBytes: 100, usageBytes: 50 }, error: { code: 'storage-low', message: 'x' } },
      now,
      'de',
    );
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(by.server).toMatchObject({ value: 'unreachable', tone: 'bad' });
    expect(by.pending).toMatchObject({ value: '4', tone: 'bad' });
    expect(by.oldestPending!.value).toBe('1 h 30 min');
    expect(by.headSeq!.value).toBe('10');
    expect(by.ackedSeq!.value).toBe('6');
    expect(by.checkpoint!.value).toBe('42');
    expect(by.lastSuccess!.value).toBe('1 min');
    expect(by.storage).toMatchObject({ value: '150 MB · 50\u00a0%', tone: 'bad' });
  });

  it('every explained error code has a sentence in German and English', () => {
    for (const code of EXPLAINED_CODES) {
      expect(errorKey({ code, message: '' })).toBe(`statusScreen.errors.${code}`);
      expect((en.statusScreen.errors as Record<string, string>)[code]).toBeTruthy();
      expect((de.statusScreen.errors as Record<string, string>)[code]).toBeTruthy();
    }
    // A code without a status-screen sentence of its own is told in the words every code has, not its raw message.
    expect(errorKey({ code: 'scanner-port-missing', message: 'raw' })).toBe('errors.scanner-port-missing');
  });

  it('German and English have the same status screen keys', () => {
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k}`]));
    expect(keys(de.statusScreen).sort()).toEqual(keys(en.statusScreen).sort());
  });
});

describe('status screen', () => {
  let rig: AppRig | null = null;
  afterEach(() => {
    rig?.close();
    rig = null;
  });

  it('opens from the status bar, shows the queue and the last errors in words, and "sync now" asks for a sync', async () => {
    rig = await appRig();
    const syncNow = vi.fn();
    await renderApp(rig, 'en', { syncNow, space: () => ({ ok: true, figures: { hostFreeBytes: 5 * 1024 ** 3 } }) });
    fireEvent.click(screen.getByTestId('open-status'));
    await screen.findByTestId('status-screen');
    act(() =>
      rig!.store.getState().setSync({
        online: false,
        pending: 3,
        head: 9,
        ackedSeq: 6,
        checkpoint: 12,
        oldestPendingAt: new Date(Date.now() - 150_000).toISOString(),
        lastError: { code: 'server-unreachable', message: 'ECONNREFUSED' },
        lastErrors: [
          { code: 'server-unreachable', message: 'ECONNREFUSED', at: new Date().toISOString() },
          { code: 'scanner-port-missing', message: 'something odd', at: new Date().toISOString() },
        ],
      }),
    );
    expect(screen.getByTestId('st-pending').textContent).toBe('3');
    expect(screen.getByTestId('st-head').textContent).toBe('9');
    expect(screen.getByTestId('st-acked').textContent).toBe('6');
    expect(screen.getByTestId('st-checkpoint').textContent).toBe('12');
    expect(screen.getByTestId('st-server').textContent).toBe('not reachable');
    expect(screen.getByTestId('st-oldest').textContent).toBe('2 min');
    const errors = screen.getByTestId('st-errors').textContent ?? '';
    expect(errors).toContain('The central server cannot be reached');
    expect(errors).toContain('server-unreachable: ECONNREFUSED');
    expect(errors).toContain('something odd');
    fireEvent.click(screen.getByTestId('sync-now'));
    expect(syncNow).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByTestId('status-close'));
    await waitFor(() => expect(screen.queryByTestId('status-screen')).toBeNull());
    expect(screen.getByTestId('login-screen')).toBeTruthy();
  });

  it('speaks German', async () => {
    rig = await appRig();
    await renderApp(rig, 'de');
    fireEvent.click(screen.getByTestId('open-status'));
    await screen.findByTestId('status-screen');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Terminal-Status');
    expect(screen.getByTestId('st-no-errors').textContent).toContain('Keine Fehler');
    expect(screen.getByTestId('sync-now').textContent).toBe('Jetzt synchronisieren');
  });
});
