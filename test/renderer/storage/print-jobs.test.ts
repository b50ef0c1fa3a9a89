import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import type { CallResponse } from '../../../shared/bridge';
import type { NewEvent } from '../../../shared/events';
import type { LabelModel } from '../../../shared/labels';
import { boot } from '../../../renderer/boot';
import { Journal } from '../../../renderer/storage/journal';
import { PrintJobs, type PrintJobRecord, type PrintJobStore } from '../../../renderer/storage/print-jobs';
import { createPrintQueue } from '../../../renderer/state/print-queue';
import { FakeBridge } from '../support/fake-bridge';
import { demoPage, fixedClock, uniqueTerminalId } from '../support/fixtures';
import { ManualTimers } from '../support/manual-timers';

/** Print jobs as journal records (DESIGN §7): queued → sent → done | failed(reason), surviving restarts. */

type Outcome = Result<CallResponse<'printer:print'>>;
const model: LabelModel = { widthDots: 400, heightDots: 200, dpi: 203, elements: [{ type: 'qr', x: 20, y: 20, magnification: 4, errorCorrection: 'M', value: 'R-0815' }] };
const printed = (jobId: string, containerId = 'C-1'): NewEvent[] => [{ type: 'LabelPrinted', payload: { jobId, templateId: 'vda-4902', containerId, copies: 1 } }];
const done = (jobId: string): Outcome => ({ ok: true, value: { jobId, outcome: 'done', status: { state: 'ready' } } });
const held = (jobId: string): Outcome => ({ ok: true, value: { jobId, outcome: 'held', reason: { code: 'printer-paper-out', message: 'out of labels' }, status: { state: 'error' } } });

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

/** The journal's print-job store; each call is its own connection (another run of the app). */
async function storeFor(terminalId: string): Promise<PrintJobStore> {
  const journal = await Journal.open(terminalId);
  open.push(journal);
  return journal.printJobStore();
}

function queueOver(store: PrintJobStore, bridge: FakeBridge) {
  return createPrintQueue({ store, bridge, clock: fixedClock() });
}

describe('print-job repository', () => {
  it('queued → sent → done, written to the journal database; the same id is never printed twice', async () => {
    const terminalId = uniqueTerminalId();
    const bridge = new FakeBridge().handle('printer:print', (req) => done(req.jobId));
    const queue = queueOver(await storeFor(terminalId), bridge);
    expect(await queue.print({ jobId: 'J1', templateId: 'vda-4902', model, copies: 2, onDone: printed('J1') })).toMatchObject({ ok: true, value: { outcome: 'done' } });
    expect(bridge.callsTo('printer:print')).toEqual([{ jobId: 'J1', model, copies: 2 }]);

    // A second connection (another run of the app) sees the record.
    const again = new PrintJobs(await storeFor(terminalId), fixedClock());
    expect(await again.get('J1')).toMatchObject({ state: 'done', attempts: 1, copies: 2, model, onDone: printed('J1') });

    expect(await queue.print({ jobId: 'J1', templateId: 'vda-4902', model })).toMatchObject({ ok: false, error: { code: 'print-duplicate' } });
    expect(bridge.callsTo('printer:print')).toHaveLength(1);
  });

  it('paper out: held, stays queued with the reason; sent again with the same id once paper is back, printed once', async () => {
    const bridge = new FakeBridge().handle('printer:print', (req) => held(req.jobId));
    const queue = queueOver(await storeFor(uniqueTerminalId()), bridge);
    expect(await queue.print({ jobId: 'J2', templateId: 'jis-rack', model })).toMatchObject({ ok: true, value: { outcome: 'held' } });
    expect(await queue.jobs.get('J2')).toMatchObject({ state: 'queued', heldBecause: { code: 'printer-paper-out' }, attempts: 1 });
    bridge.handle('printer:print', (req) => done(req.jobId));
    expect(await queue.print({ jobId: 'J2', templateId: 'jis-rack', model })).toMatchObject({ ok: true, value: { outcome: 'done' } });
    expect(await queue.jobs.get('J2')).toMatchObject({ state: 'done', attempts: 2 });
    expect((await queue.jobs.get('J2'))?.heldBecause).toBeUndefined();
    expect(await queue.print({ jobId: 'J2', templateId: 'jis-rack', model })).toMatchObject({ ok: false, error: { code: 'print-duplicate' } });
    expect(bridge.callsTo('printer:print')).toHaveLength(2); // one held (nothing sent), one printed
  });

  it('a host refusal before sending keeps the job queued; a failure after sending fails it and only a reprint with a reason follows', async () => {
    const bridge = new FakeBridge().handle('printer:print', () => ({ ok: false, error: { code: 'printer-not-configured', message: 'no printer' } }));
    const queue = queueOver(await storeFor(uniqueTerminalId()), bridge);
    await queue.print({ jobId: 'J3', templateId: 'vda-4902', model });
    expect(await queue.jobs.get('J3')).toMatchObject({ state: 'queued', heldBecause: { code: 'printer-not-configured' } });

    bridge.handle('printer:print', (req) => ({ ok: true, value: { jobId: req.jobId, outcome: 'failed', reason: { code: 'printer-offline', message: 'unplugged' }, status: { state: 'offline' } } }));
    expect(await queue.print({ jobId: 'J3', templateId: 'vda-4902', model })).toMatchObject({ ok: true, value: { outcome: 'failed' } });
    expect(await queue.jobs.get('J3')).toMatchObject({ state: 'failed', failure: { code: 'printer-offline' } });
    expect(await queue.jobs.awaitingReprint()).toHaveLength(1);

    bridge.handle('printer:print', (req) => done(req.jobId));
    expect(await queue.print({ jobId: 'J3', templateId: 'vda-4902', model })).toMatchObject({ ok: false, error: { code: 'print-duplicate' } });
    expect(await queue.print({ jobId: 'J4', templateId: 'vda-4902', model, reprintOf: 'J3', reprintReason: '  ' })).toMatchObject({ ok: false, error: { code: 'print-reprint-reason-missing' } });
    expect(await queue.print({ jobId: 'J4', templateId: 'vda-4902', model, reprintOf: 'J3', reprintReason: 'printer unplugged' })).toMatchObject({ ok: true, value: { outcome: 'done' } });
    expect(await queue.jobs.get('J4')).toMatchObject({ state: 'done', reprintOf: 'J3', reprintReason: 'printer unplugged' });
    expect(bridge.callsTo('printer:print').at(-1)).toMatchObject({ jobId: 'J4', reprintOf: 'J3', reprintReason: 'printer unplugged' });
    expect(await queue.jobs.awaitingReprint()).toEqual([]);
    // The reprint carries the duplicate mark, the original does not; the mark's look is tested in test/shared/labels/container-label.test.ts.
    const sentText = (jobId: string) => (bridge.callsTo('printer:print') as { jobId: string; model: LabelModel }[]).filter((c) => c.jobId === jobId).at(-1)!.model.elements.flatMap((e) => (e.type === 'text' ? [e.value] : []));
    expect(sentText('J4')).toEqual(expect.arrayContaining(['DUPLIKAT', 'DUPLICATE']));
    expect(sentText('J3')).not.toContain('DUPLIKAT');
    expect((await queue.jobs.get('J4'))?.model.elements.length).toBe(model.elements.length + 3);
  });

  it('a bridge timeout means the host may have printed: failed, never sent again', async () => {
    const bridge = new FakeBridge().handle('printer:print', () => ({ ok: false, error: { code: 'timeout', message: 'no answer' } }));
    const queue = queueOver(await storeFor(uniqueTerminalId()), bridge);
    await queue.print({ jobId: 'J5', templateId: 'vda-4902', model });
    expect(await queue.jobs.get('J5')).toMatchObject({ state: 'failed', failure: { code: 'timeout' } });
  });

  it('the same job asked for twice at once goes to the host once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const bridge = new FakeBridge().handle('printer:print', async (req) => {
      await gate;
      return done(req.jobId);
    });
    const queue = queueOver(await storeFor(uniqueTerminalId()), bridge);
    const a = queue.print({ jobId: 'J6', templateId: 'vda-4902', model });
    const b = queue.print({ jobId: 'J6', templateId: 'vda-4902', model });
    release();
    expect(await Promise.all([a, b])).toEqual([done('J6'), done('J6')]);
    expect(bridge.callsTo('printer:print')).toHaveLength(1);
  });
});

describe('print jobs across a restart', () => {
  it('a crash while the host had the job: sent on disk, failed(outcome-unknown) after the restart', async () => {
    const terminalId = uniqueTerminalId();
    const bridge = new FakeBridge().handle('printer:print', () => new Promise<Outcome>(() => {})); // the app dies before the answer
    const queue = queueOver(await storeFor(terminalId), bridge);
    void queue.print({ jobId: 'J7', templateId: 'vda-4902', model });
    await expect.poll(() => bridge.callsTo('printer:print').length).toBe(1);

    const afterRestart = new PrintJobs(await storeFor(terminalId), fixedClock());
    expect(await afterRestart.get('J7')).toMatchObject({ state: 'sent' });
    const settled = await afterRestart.settleAfterRestart();
    expect(settled.map((j) => [j.id, j.state, j.failure?.code])).toEqual([['J7', 'failed', 'outcome-unknown']]);
    expect(await afterRestart.awaitingReprint()).toMatchObject([{ id: 'J7' }]);
  });

  it('boot: queued jobs are printed and booked, sent ones become outcome-unknown and wait for a reprint with a reason', async () => {
    const terminalId = uniqueTerminalId();
    // The last run: one label held for paper, one with the printer when the app stopped, one printed.
    {
      const journal = await Journal.open(terminalId);
      const jobs = new PrintJobs(journal.printJobStore(), fixedClock());
      for (const id of ['Q1', 'S1', 'D1']) expect((await jobs.enqueue({ id, templateId: 'vda-4902', model, onDone: printed(id, `C-${id}`) })).ok).toBe(true);
      await jobs.step('Q1', { type: 'hold', reason: { code: 'printer-paper-out', message: 'out of labels' } });
      await jobs.step('S1', { type: 'sent' });
      await jobs.step('D1', { type: 'sent' });
      await jobs.step('D1', { type: 'done' });
      journal.close();
    }

    const bridge = new FakeBridge()
      .handle('host:info', () => ({ ok: true, value: { terminalId, serverUrl: 'http://127.0.0.1:7400', version: '0.1.0', transport: 'browser' } }))
      .handle('sync:push', () => ({ ok: false, error: { code: 'server-unreachable', message: 'down' } }))
      .handle('sync:pull', () => ({ ok: true, value: demoPage(terminalId) }))
      .handle('printer:print', (req) => done(req.jobId));
    const booted = await boot({ bridge, timers: new ManualTimers(), clock: fixedClock() });
    try {
      await booted.printJobsResumed;
      expect(bridge.callsTo('printer:print')).toEqual([{ jobId: 'Q1', model, copies: 1 }]);
      const jobs = booted.printQueue.jobs;
      expect(await jobs.get('Q1')).toMatchObject({ state: 'done' });
      expect(await jobs.get('S1')).toMatchObject({ state: 'failed', failure: { code: 'outcome-unknown' } });
      expect(await jobs.get('D1')).toMatchObject({ state: 'done', attempts: 1 });
      // The printed job's booking is in the journal.
      const events = await booted.journal.eventsAfter(0, 100);
      expect(events.map((e) => [e.type, (e.payload as { jobId?: string }).jobId])).toEqual([['LabelPrinted', 'Q1']]);

      // The unknown one is never sent again by itself; a reprint asks for a reason and is recorded.
      expect(await booted.printQueue.print({ jobId: 'S1', templateId: 'vda-4902', model })).toMatchObject({ ok: false, error: { code: 'print-duplicate' } });
      expect((await jobs.awaitingReprint()).map((j: PrintJobRecord) => j.id)).toEqual(['S1']);
      expect(await booted.printQueue.print({ jobId: 'R1', templateId: 'vda-4902', model, reprintOf: 'S1', reprintReason: 'restart, outcome unknown' })).toMatchObject({ ok: true, value: { outcome: 'done' } });
      expect(await jobs.get('R1')).toMatchObject({ state: 'done', reprintOf: 'S1', reprintReason: 'restart, outcome unknown' });
      expect(await jobs.awaitingReprint()).toEqual([]);
      expect(bridge.callsTo('printer:print').map((r) => (r as { jobId: string }).jobId)).toEqual(['Q1', 'R1']);
    } finally {
      booted.shutdown();
    }
  });

  it('boot with the printer still out of paper: the job stays queued for the next try', async () => {
    const terminalId = uniqueTerminalId();
    {
      const journal = await Journal.open(terminalId);
      await new PrintJobs(journal.printJobStore(), fixedClock()).enqueue({ id: 'Q2', templateId: 'jis-rack', model });
      journal.close();
    }
    const bridge = new FakeBridge()
      .handle('host:info', () => ({ ok: true, value: { terminalId, serverUrl: 'http://127.0.0.1:7400', version: '0.1.0', transport: 'browser' } }))
      .handle('sync:push', () => ({ ok: false, error: { code: 'server-unreachable', message: 'down' } }))
      .handle('sync:pull', () => ({ ok: true, value: demoPage(terminalId) }))
      .handle('printer:print', (req) => held(req.jobId));
    const booted = await boot({ bridge, timers: new ManualTimers(), clock: fixedClock() });
    try {
      await booted.printJobsResumed;
      expect(await booted.printQueue.jobs.get('Q2')).toMatchObject({ state: 'queued', heldBecause: { code: 'printer-paper-out' }, attempts: 1 });
      // Let the sync loop's first round finish before shutting down (it reads the journal).
      await expect.poll(() => bridge.callsTo('sync:pull').length).toBeGreaterThan(0);
      await expect.poll(() => booted.store.getState().sync.lastSuccessAt).toBeTruthy();
    } finally {
      booted.shutdown();
    }
  });
});
