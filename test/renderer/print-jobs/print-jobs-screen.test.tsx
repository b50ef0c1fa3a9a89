import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { CodedError, Result } from '../../../shared/errors';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallResponse } from '../../../shared/bridge';
import type { NewEvent } from '../../../shared/events';
import { renderTemplate, type LabelModel } from '../../../shared/labels';
import { boot, type Booted } from '../../../renderer/boot';
import { createI18n, type Language } from '../../../renderer/i18n';
import printJobsDe from '../../../renderer/i18n/print-jobs.de.json';
import printJobsEn from '../../../renderer/i18n/print-jobs.en.json';
import { Cache } from '../../../renderer/storage/cache';
import { Journal } from '../../../renderer/storage/journal';
import { PrintJobs } from '../../../renderer/storage/print-jobs';
import { App } from '../../../renderer/ui/App';
import { wireHost } from '../../../renderer/ui/host-wiring';
import { StoreProvider } from '../../../renderer/ui/store-context';
import vda4902Example from '../../../assets/labels/examples/vda-4902.json';
import { FakeBridge } from '../support/fake-bridge';
import { demoPage, fixedClock, uniqueTerminalId } from '../support/fixtures';
import { ManualTimers } from '../support/manual-timers';

/**
 * The print-jobs screen (issue 7): after a restart, labels whose outcome is
 * unknown and labels held by the printer are listed with their preview and
 * the reason in words; a reprint asks for a reason and prints a new job that
 * names the original; the status bar area shows how many need attention.
 */
type Outcome = Result<CallResponse<'printer:print'>>;
const done = (jobId: string): Outcome => ({ ok: true, value: { jobId, outcome: 'done', status: { state: 'ready' } } });
const paperOut: CodedError = { code: 'printer-paper-out', message: 'The printer is out of labels. Load labels.' };
const held = (jobId: string): Outcome => ({ ok: true, value: { jobId, outcome: 'held', reason: paperOut, status: { state: 'error', code: paperOut.code, message: paperOut.message } } });

function containerLabel(): LabelModel {
  const r = renderTemplate('vda-4902', vda4902Example);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.model;
}
const printed = (jobId: string): NewEvent[] => [{ type: 'LabelPrinted', operatorId: 'op-anna', payload: { jobId, templateId: 'vda-4902', containerId: 'C-7', copies: 1 } }];

/** The last run: one label with the printer when the app stopped (sent), one held for paper (queued). */
async function lastRun(terminalId: string, jobs: { sent?: string; held?: string }) {
  // The terminal knew its plant (operators) before it stopped.
  const cache = await Cache.open(terminalId);
  await cache.applyPull(demoPage(terminalId));
  cache.close();
  const journal = await Journal.open(terminalId);
  const repo = new PrintJobs(journal.printJobStore(), fixedClock());
  const model = containerLabel();
  if (jobs.sent) {
    await repo.enqueue({ id: jobs.sent, templateId: 'vda-4902', model, onDone: printed(jobs.sent) });
    await repo.step(jobs.sent, { type: 'sent' });
  }
  if (jobs.held) {
    await repo.enqueue({ id: jobs.held, templateId: 'vda-4902', model, onDone: printed(jobs.held) });
    await repo.step(jobs.held, { type: 'hold', reason: paperOut });
  }
  journal.close();
}

const booted: { b: Booted; bridge: FakeBridge }[] = [];
afterEach(async () => {
  cleanup();
  for (const { b, bridge } of booted.splice(0)) {
    // Let the sync loop's first round finish before shutting down (it reads the journal).
    await expect.poll(() => bridge.callsTo('sync:pull').length).toBeGreaterThan(0);
    await expect.poll(() => b.store.getState().sync.lastSuccessAt).toBeTruthy();
    b.shutdown();
  }
});

/** Boots the terminal as main.tsx does (print jobs settled and resumed) and renders the app. */
async function restart(terminalId: string, bridge: FakeBridge, language: Language = 'en') {
  bridge
    .handle('host:info', () => ({ ok: true, value: { terminalId, serverUrl: 'http://127.0.0.1:7400', version: '0.1.0', transport: 'browser' } }))
    .handle('sync:push', () => ({ ok: false, error: { code: 'server-unreachable', message: 'down' } }))
    .handle('sync:pull', () => ({ ok: true, value: demoPage(terminalId) }));
  const b = await boot({ bridge, timers: new ManualTimers(), clock: fixedClock() });
  booted.push({ b, bridge });
  await b.printJobsResumed;
  // The host answers (as host-wiring reports in the app): the printer line shows what it said, not "unknown".
  b.store.getState().setHostLink('connected');
  const i18n = await createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <StoreProvider store={b.store}>
        <App terminalId={terminalId} />
      </StoreProvider>
    </I18nextProvider>,
  );
  return b;
}

async function login(b: Booted) {
  await act(async () => b.store.getState().handleScan({ raw: 'B1001' }));
  await waitFor(() => expect(b.store.getState().terminal.operator?.id).toBe('op-anna'));
}

describe('print-jobs screen', () => {
  it('after a restart with a sent job: badge before login, shown as outcome unknown, reprint with a reason prints a new linked job and the list empties', async () => {
    const terminalId = uniqueTerminalId();
    await lastRun(terminalId, { sent: 'S1' });
    const bridge = new FakeBridge().handle('printer:print', (req) => done(req.jobId)).handle('printer:status', () => ({ ok: true, value: { state: 'ready' } }));
    const b = await restart(terminalId, bridge);

    // Noticed on the login screen already: one label needs attention.
    expect(await screen.findByTestId('print-jobs-badge')).toHaveProperty('textContent', '1');
    await login(b);
    fireEvent.click(screen.getByTestId('open-print-jobs'));

    const card = within(await screen.findByTestId('print-jobs-awaiting')).getByTestId('print-job');
    expect(card.getAttribute('data-job-id')).toBe('S1');
    expect(within(card).getByTestId('print-job-state').textContent).toContain('Outcome unknown');
    expect(within(card).getByTestId('print-job-reason').textContent).toBe('The terminal restarted while this label was at the printer. It may or may not have printed.');
    expect(within(card).getByText('Container label (VDA 4902)')).toBeTruthy();
    // The preview's renderer loads on demand, so the picture follows the card.
    const preview = await within(card).findByTestId('print-job-preview');
    expect(decodeURIComponent(preview.getAttribute('src') ?? '')).toContain('data-symbol="code39" data-aim="]A0"');
    expect((await screen.findByTestId('print-jobs-printer')).getAttribute('data-state')).toBe('ready');

    // Reprint asks why; cancelling prints nothing.
    fireEvent.click(within(card).getByTestId('print-job-reprint'));
    fireEvent.click(screen.getByTestId('reprint-reason-cancel'));
    expect(bridge.callsTo('printer:print')).toEqual([]);
    fireEvent.click(within(card).getByTestId('print-job-reprint'));
    fireEvent.click(screen.getByTestId('reprint-reason-label-lost'));

    expect(await screen.findByTestId('print-jobs-empty')).toBeTruthy();
    expect(screen.queryByTestId('print-jobs-badge')).toBeNull();
    const calls = bridge.callsTo('printer:print') as { jobId: string; reprintOf?: string; reprintReason?: string }[];
    expect(calls).toHaveLength(1);
    const newJobId = calls[0]!.jobId;
    expect(newJobId).not.toBe('S1');
    expect(calls[0]).toMatchObject({ reprintOf: 'S1', reprintReason: 'label-lost' });
    expect(await b.printQueue.jobs.get(newJobId)).toMatchObject({ state: 'done', reprintOf: 'S1', reprintReason: 'label-lost' });
    expect(await b.printQueue.jobs.get('S1')).toMatchObject({ state: 'failed', failure: { code: 'outcome-unknown' } });

    // The reprint is a fact in the journal, by the operator who asked for it, for the same container.
    await waitFor(async () => expect((await b.journal.eventsAfter(0, 100)).some((e) => e.type === 'LabelReprinted')).toBe(true));
    const reprinted = (await b.journal.eventsAfter(0, 100)).filter((e) => e.type === 'LabelReprinted');
    expect(reprinted).toMatchObject([{ operatorId: 'op-anna', payload: { jobId: newJobId, templateId: 'vda-4902', reason: 'label-lost', containerId: 'C-7' } }]);
    expect(screen.getByTestId('feedback').getAttribute('data-tone')).toBe('ok');
  });

  it('a label held for paper: listed with the printer status in words; printed once paper is back, then booked', async () => {
    const terminalId = uniqueTerminalId();
    await lastRun(terminalId, { held: 'Q1' });
    let paper = false;
    const bridge = new FakeBridge()
      .handle('printer:print', (req) => (paper ? done(req.jobId) : held(req.jobId)))
      .handle('printer:status', () => ({ ok: true, value: paper ? { state: 'ready' } : { state: 'error', code: paperOut.code, message: paperOut.message } }));
    const b = await restart(terminalId, bridge, 'de');
    // Boot tried it once: still out of paper, still queued.
    expect(await b.printQueue.jobs.get('Q1')).toMatchObject({ state: 'queued', heldBecause: { code: 'printer-paper-out' } });
    await login(b);
    fireEvent.click(await screen.findByTestId('open-print-jobs'));

    const card = within(await screen.findByTestId('print-jobs-held')).getByTestId('print-job');
    expect(within(card).getByTestId('print-job-state').textContent).toContain('Angehalten');
    expect(within(card).getByTestId('print-job-reason').textContent).toBe('Der Drucker hat keine Etiketten mehr. Etiketten einlegen.');
    await waitFor(() => expect(screen.getByTestId('print-jobs-printer').getAttribute('data-state')).toBe('error'));
    expect(screen.getByTestId('print-jobs-printer-reason').textContent).toContain('keine Etiketten');

    // Paper back: the host's status event updates the screen without asking.
    const unwire = wireHost({ bridge, store: b.store });
    paper = true;
    act(() => bridge.emit('printer:status', { state: 'ready' }));
    await waitFor(() => expect(screen.getByTestId('print-jobs-printer').getAttribute('data-state')).toBe('ready'));
    expect(screen.queryByTestId('print-jobs-printer-reason')).toBeNull();
    unwire();
    fireEvent.click(within(card).getByTestId('print-job-retry'));
    expect(await screen.findByTestId('print-jobs-empty')).toBeTruthy();
    expect(await b.printQueue.jobs.get('Q1')).toMatchObject({ state: 'done' });
    expect((bridge.callsTo('printer:print') as { jobId: string }[]).map((c) => c.jobId)).toEqual(['Q1', 'Q1']);
    await waitFor(async () => expect((await b.journal.eventsAfter(0, 100)).filter((e) => e.type === 'LabelPrinted')).toMatchObject([{ payload: { jobId: 'Q1', containerId: 'C-7' } }]));
  });

  it('a failed reprint keeps the original listed and says why', async () => {
    const terminalId = uniqueTerminalId();
    await lastRun(terminalId, { sent: 'S2' });
    const bridge = new FakeBridge()
      .handle('printer:print', (req) => ({ ok: true, value: { jobId: req.jobId, outcome: 'failed', reason: { code: 'printer-head-open', message: 'head open' }, status: { state: 'error' } } }))
      .handle('printer:status', () => ({ ok: false, error: { code: 'host-unreachable', message: 'no host' } }));
    const b = await restart(terminalId, bridge);
    await login(b);
    fireEvent.click(await screen.findByTestId('open-print-jobs'));
    fireEvent.click(within(await screen.findByTestId('print-jobs-awaiting')).getByTestId('print-job-reprint'));
    fireEvent.click(screen.getByTestId('reprint-reason-label-damaged'));

    await waitFor(() => expect(screen.getByTestId('feedback').getAttribute('data-tone')).toBe('nok'));
    // The failed reprint is a job of its own that awaits a reprint; the original is no longer open.
    const cards = await waitFor(() => {
      const list = within(screen.getByTestId('print-jobs-awaiting')).getAllByTestId('print-job');
      expect(list.map((c) => c.getAttribute('data-job-id'))).not.toContain('S2');
      return list;
    });
    expect(cards).toHaveLength(1);
    expect(within(cards[0]!).getByTestId('print-job-reason').textContent).toBe('The printer head is open. Close it.');
    expect(within(cards[0]!).getByText(/Reprint of job/)).toBeTruthy();
    expect((await b.journal.eventsAfter(0, 100)).some((e) => e.type === 'LabelReprinted')).toBe(false);
  });

  it('has every word in German and English', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(printJobsDe).sort()).toEqual(keys(printJobsEn).sort());
  });
});
