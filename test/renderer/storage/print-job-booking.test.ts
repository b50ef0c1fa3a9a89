import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import type { CallResponse } from '../../../shared/bridge';
import type { NewEvent } from '../../../shared/events';
import type { LabelModel } from '../../../shared/labels';
import { hostJournalCopy, type JournalCopyClient } from '../../../renderer/storage/journal-copy-client';
import { Journal } from '../../../renderer/storage/journal';
import { createPrintQueue } from '../../../renderer/state/print-queue';
import { FakeBridge } from '../support/fake-bridge';
import { fixedClock, uniqueTerminalId } from '../support/fixtures';

/**
 * A printed label's job record (`done`) and its LabelPrinted event are one
 * journal transaction: when the commit fails at either copy of the journal,
 * neither is written, so no job reads `done` without its fact and no fact
 * names a job that is not done.
 */

type Outcome = Result<CallResponse<'printer:print'>>;
const model: LabelModel = { widthDots: 400, heightDots: 200, dpi: 203, elements: [{ type: 'qr', x: 20, y: 20, magnification: 4, errorCorrection: 'M', value: 'C-1' }] };
const printed = (jobId: string): NewEvent[] => [{ type: 'LabelPrinted', payload: { jobId, templateId: 'vda-4902', containerId: 'C-1', copies: 1 } }];
const done = (jobId: string): Outcome => ({ ok: true, value: { jobId, outcome: 'done', status: { state: 'ready' } } });

const journals: Journal[] = [];
afterEach(() => {
  for (const j of journals.splice(0)) j.close();
});

/** A journal with the host's real copy (SQLite in memory) behind a fake bridge; `refuseAppends` makes the host's append fail. */
async function rig() {
  const bridge = new FakeBridge().handle('printer:print', (req) => done(req.jobId));
  const journal = await Journal.open(uniqueTerminalId());
  journals.push(journal);
  const host = hostJournalCopy(bridge);
  let refuse = false;
  const copy: JournalCopyClient = {
    append: (events, state, jobs) => (refuse ? Promise.resolve({ ok: false, error: { code: 'journal-copy-failed', message: 'disk I/O error' } }) : host.append(events, state, jobs)),
    mirror: (request) => host.mirror(request),
  };
  journal.setCopy(copy);
  const queue = createPrintQueue({ store: journal.printJobStore(), bridge, clock: fixedClock() });
  return {
    bridge,
    journal,
    queue,
    hostCopy: () => bridge.journalCopy.copy(),
    refuseAppends(on: boolean) {
      refuse = on;
    },
  };
}

describe('a printed job and its events commit together', () => {
  it('printed: the job is done and its LabelPrinted booked, in IndexedDB and in the host copy alike', async () => {
    const r = await rig();
    const res = await r.queue.print({ jobId: 'J1', templateId: 'vda-4902', model, onDone: printed('J1'), operatorId: 'op-anna' });
    expect(res).toMatchObject({ ok: true, value: { outcome: 'done', booked: { ok: true } } });
    const events = await r.journal.eventsAfter(0, 10);
    expect(events.map((e) => [e.type, e.operatorId, e.payload['jobId']])).toEqual([['LabelPrinted', 'op-anna', 'J1']]);
    expect(res.ok && res.value.booked?.ok && res.value.booked.value.events.map((e) => e.seq)).toEqual([1]);
    expect(await r.queue.jobs.get('J1')).toMatchObject({ state: 'done' });
    expect(r.hostCopy().read(0, 10).map((e) => e.type)).toEqual(['LabelPrinted']);
    expect(r.hostCopy().printJobs('', 10)).toMatchObject([{ id: 'J1', state: 'done' }]);
  });

  it("the host's copy refuses the commit: neither the job's done nor its event is written, at either copy", async () => {
    const r = await rig();
    r.refuseAppends(true);
    const res = await r.queue.print({ jobId: 'J2', templateId: 'vda-4902', model, onDone: printed('J2') });
    // The label went out; the booking did not, and says why.
    expect(res).toMatchObject({ ok: true, value: { outcome: 'done', booked: { ok: false, error: { code: 'journal-copy-failed' } } } });
    expect(await r.journal.eventsAfter(0, 10)).toEqual([]);
    expect(await r.journal.head()).toBe(0);
    // Still `sent`: the next start settles it as outcome-unknown, for a reprint with a reason.
    expect(await r.queue.jobs.get('J2')).toMatchObject({ state: 'sent' });
    expect(r.hostCopy().read(0, 10)).toEqual([]);
    expect(r.hostCopy().printJobs('', 10)).toMatchObject([{ id: 'J2', state: 'sent' }]);
    expect((await r.queue.jobs.settleAfterRestart()).map((j) => [j.id, j.failure?.code])).toEqual([['J2', 'outcome-unknown']]);

    // The seq it would have taken is free again: the next booking takes it, with its job.
    r.refuseAppends(false);
    expect(await r.queue.print({ jobId: 'J3', templateId: 'vda-4902', model, onDone: printed('J3') })).toMatchObject({ ok: true, value: { booked: { ok: true } } });
    expect((await r.journal.eventsAfter(0, 10)).map((e) => [e.seq, e.payload['jobId']])).toEqual([[1, 'J3']]);
  });

  it('IndexedDB aborts the transaction at the job record: the events of that append are not written either', async () => {
    const r = await rig();
    // A record IndexedDB cannot store (a function cannot be cloned) aborts the transaction after the events were added to it.
    const unstorable = { id: 'J4', state: 'done', onDone: () => undefined } as unknown as { id: string; state: string };
    const res = await r.journal.append(printed('J4'), { clock: fixedClock() }, { printJobs: [unstorable] });
    expect(res).toMatchObject({ ok: false, error: { code: 'journal-write-failed' } });
    expect(await r.journal.eventsAfter(0, 10)).toEqual([]);
    expect(await r.journal.head()).toBe(0);
    expect(await r.queue.jobs.get('J4')).toBeUndefined();
    // The host's copy had written its half in parallel; it is taken back.
    expect(r.hostCopy().head()).toMatchObject({ head: 0 });
  });

  it('a refused booking (storage low) writes nothing, and the job stays sent', async () => {
    const r = await rig();
    r.journal.setAppendGuard(() => ({ code: 'storage-low', message: 'disk nearly full' }));
    const res = await r.queue.print({ jobId: 'J5', templateId: 'vda-4902', model, onDone: printed('J5') });
    expect(res).toMatchObject({ ok: true, value: { booked: { ok: false, error: { code: 'storage-low' } } } });
    expect(await r.journal.eventsAfter(0, 10)).toEqual([]);
    expect(await r.queue.jobs.get('J5')).toMatchObject({ state: 'sent' });
  });
});
