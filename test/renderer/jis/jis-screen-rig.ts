import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { appRig, type AppRig } from '../support/app-rig';
import { demoPage } from '../support/fixtures';
import { renderApp } from '../support/render-app';
import { JIS_CONFIG, jisChange, SEQ_ID } from './jis-fixtures';

/** The JIS screen over the whole app, as the JIS component tests open it; `closeJisScreens` in afterEach. */

const rigs: AppRig[] = [];
const cleanups: (() => void)[] = [];

export interface JisScreenOptions {
  language?: 'en' | 'de';
  terminalId?: string;
  /** How the printer answers rack labels (default: printed). */
  printOutcome?: 'done' | 'failed';
}

/** Anna logged in on line L1 with the test call-off cached (fresh), the printer answering, the sequence open. */
export async function openJisScreen(options: JisScreenOptions = {}) {
  const rig = await appRig(options.terminalId ? { terminalId: options.terminalId, pulled: false } : { pulled: false });
  rigs.push(rig);
  await rig.cache.applyPull(demoPage(rig.terminalId, [jisChange(11)]));
  await rig.store.getState().refreshMaster();
  // A sync one minute before the rig's clock (06:00): the cached call-off is fresh.
  rig.store.setState({ jisConfig: JIS_CONFIG, sync: { ...rig.store.getState().sync, lastSuccessAt: '2025-03-01T05:59:00.000Z' } });
  rig.bridge.handle('printer:print', (req) =>
    options.printOutcome === 'failed'
      ? { ok: true, value: { jobId: req.jobId, outcome: 'failed', reason: { code: 'printer-head-open', message: 'head open' }, status: { state: 'error' } } }
      : { ok: true, value: { jobId: req.jobId, outcome: 'done', status: { state: 'ready' } } },
  );
  const view = await renderApp(rig, options.language ?? 'en');
  cleanups.push(view.unwire);
  await act(async () => rig.store.getState().handleScan({ raw: 'B1001' }));
  fireEvent.click(await screen.findByTestId(`jis-open-${SEQ_ID}`));
  await screen.findByTestId('jis-screen');
  return { rig, view };
}

/** Closes another rig (a reloaded terminal) with the screens. */
export function trackRig(rig: AppRig): AppRig {
  rigs.push(rig);
  return rig;
}

export function closeJisScreens(): void {
  for (const c of cleanups.splice(0)) c();
  for (const r of rigs.splice(0)) r.close();
}

/** A serial scan, then wait until the JIS screen has handled it. */
export async function jisScan(rig: AppRig, raw: string): Promise<void> {
  await act(async () => {
    rig.bridge.emit('scanner:scan', { raw, source: 'serial', receivedAt: '2025-03-01T06:00:00.000Z' });
    await new Promise((r) => setTimeout(r, 0));
  });
  await waitFor(() => expect(rig.store.getState().jisBusy).toBe(false));
}
