import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import type { CallResponse } from '../../../shared/bridge';
import type { NewEvent } from '../../../shared/events';
import { markDuplicate, type LabelModel } from '../../../shared/labels';
import { Journal } from '../../../renderer/storage/journal';
import { createPrintQueue } from '../../../renderer/state/print-queue';
import { FakeBridge } from '../support/fake-bridge';
import { fixedClock, uniqueTerminalId } from '../support/fixtures';

/** `PrintQueue.reprint(originalJobId, reason, options)`: any label kind, a new job linked to the original. */
type Outcome = Result<CallResponse<'printer:print'>>;
const done = (jobId: string): Outcome => ({ ok: true, value: { jobId, outcome: 'done', status: { state: 'ready' } } });
const failed = (jobId: string): Outcome => ({ ok: true, value: { jobId, outcome: 'failed', reason: { code: 'printer-offline', message: 'unplugged' }, status: { state: 'offline' } } });
const model: LabelModel = { widthDots: 400, heightDots: 200, dpi: 203, elements: [{ type: 'pdf417', x: 20, y: 20, moduleWidth: 2, rowHeight: 6, securityLevel: 3, value: 'RACK;R-1' }] };

const journals: Journal[] = [];
afterEach(() => {
  for (const j of journals.splice(0)) j.close();
});

async function setup(answer: (jobId: string) => Outcome = failed) {
  const bridge = new FakeBridge().handle('printer:print', (req) => answer(req.jobId));
  const journal = await Journal.open(uniqueTerminalId());
  journals.push(journal);
  const queue = createPrintQueue({ store: journal.printJobStore(), bridge, clock: fixedClock() });
  return { bridge, queue };
}

const rackPrinted = (jobId: string): NewEvent[] => [
  { type: 'LabelPrinted', operatorId: 'op-anna', payload: { jobId, templateId: 'jis-rack', containerId: 'R-1', copies: 1 } },
];

describe('print queue reprint', () => {
  it('reprints a JIS rack label as a new job: same bar codes with a duplicate mark, linked, LabelReprinted by the asking operator for the same rack', async () => {
    const { bridge, queue } = await setup();
    await queue.print({ jobId: 'R-1-label', templateId: 'jis-rack', model, onDone: rackPrinted('R-1-label') });
    bridge.handle('printer:print', (req) => done(req.jobId));
    let changes = 0;
    queue.subscribe(() => changes++);

    const r = await queue.reprint('R-1-label', ' rack label lost ', { operatorId: 'op-petra' });
    if (!r.ok) throw new Error(r.error.message);
    const { job, result } = r.value;
    expect(result).toMatchObject({ ok: true, value: { outcome: 'done' } });
    expect(job.id).not.toBe('R-1-label');
    // The same label with the duplicate mark on it (shared/labels/duplicate-mark.ts).
    const marked = markDuplicate(model, 'jis-rack');
    expect(marked.elements.slice(0, model.elements.length)).toEqual(model.elements);
    expect(job).toMatchObject({ state: 'done', templateId: 'jis-rack', model: marked, reprintOf: 'R-1-label', reprintReason: 'rack label lost' });
    expect(job.onDone).toEqual([{ type: 'LabelReprinted', operatorId: 'op-petra', payload: { jobId: job.id, templateId: 'jis-rack', reason: 'rack label lost', containerId: 'R-1' } }]);
    expect(bridge.callsTo('printer:print').at(-1)).toEqual({ jobId: job.id, model: marked, copies: 1, reprintOf: 'R-1-label', reprintReason: 'rack label lost' });
    expect(await queue.jobs.awaitingReprint()).toEqual([]);
    expect(changes).toBeGreaterThan(0);
  });

  it('a label printed without a label fact (shipping) still books one LabelReprinted', async () => {
    const { bridge, queue } = await setup(done);
    await queue.print({ jobId: 'SHIP-1', templateId: 'gs1-logistic', model, sscc: '106141411234567897' });
    const r = await queue.reprint('SHIP-1', 'label-damaged', { jobId: 'SHIP-1-R1' });
    expect(r).toMatchObject({ ok: true, value: { job: { id: 'SHIP-1-R1', sscc: '106141411234567897', reprintOf: 'SHIP-1' } } });
    expect(r.ok && r.value.job.onDone).toEqual([{ type: 'LabelReprinted', payload: { jobId: 'SHIP-1-R1', templateId: 'gs1-logistic', reason: 'label-damaged' } }]);
    expect(bridge.callsTo('printer:print')).toHaveLength(2);
  });

  it('refuses without a reason, for an unknown job, and for one not sent yet; nothing is printed', async () => {
    const { bridge, queue } = await setup();
    await queue.print({ jobId: 'J1', templateId: 'vda-4902', model });
    bridge.handle('printer:print', () => ({ ok: false, error: { code: 'printer-not-configured', message: 'no printer' } }));
    await queue.print({ jobId: 'J2', templateId: 'vda-4902', model }); // refused by the host: stays queued
    const before = bridge.callsTo('printer:print').length;
    expect(await queue.reprint('J1', '   ')).toMatchObject({ ok: false, error: { code: 'print-reprint-reason-missing' } });
    expect(await queue.reprint('nope', 'label-lost')).toMatchObject({ ok: false, error: { code: 'print-job-unknown' } });
    expect(await queue.reprint('J2', 'label-lost')).toMatchObject({ ok: false, error: { code: 'print-job-transition' } });
    expect(await queue.reprint('J1', 'label-lost', { jobId: 'J2' })).toMatchObject({ ok: false, error: { code: 'print-duplicate' } });
    expect(bridge.callsTo('printer:print')).toHaveLength(before);
  });

  it('a double tap reprints once', async () => {
    const { bridge, queue } = await setup();
    await queue.print({ jobId: 'J3', templateId: 'vda-4902', model });
    bridge.handle('printer:print', (req) => done(req.jobId));
    const [a, b] = await Promise.all([queue.reprint('J3', 'label-lost'), queue.reprint('J3', 'label-lost')]);
    expect(a.ok && b.ok && a.value.job.id === b.value.job.id).toBe(true);
    expect(bridge.callsTo('printer:print')).toHaveLength(2); // the original and one reprint
  });

  it('a reprint held by the printer stays queued and is printed by retry, never twice', async () => {
    const { bridge, queue } = await setup();
    await queue.print({ jobId: 'J4', templateId: 'vda-4902', model });
    bridge.handle('printer:print', (req) => ({ ok: true, value: { jobId: req.jobId, outcome: 'held', reason: { code: 'printer-paper-out', message: 'out' }, status: { state: 'error' } } }));
    const r = await queue.reprint('J4', 'label-lost', { jobId: 'J4-R' });
    expect(r).toMatchObject({ ok: true, value: { job: { id: 'J4-R', state: 'queued', heldBecause: { code: 'printer-paper-out' } }, result: { ok: true, value: { outcome: 'held' } } } });
    bridge.handle('printer:print', (req) => done(req.jobId));
    expect(await queue.retry('J4-R')).toMatchObject({ ok: true, value: { job: { state: 'done' } } });
    expect(await queue.retry('J4-R')).toMatchObject({ ok: false, error: { code: 'print-duplicate' } });
  });
});
