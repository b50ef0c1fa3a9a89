import { describe, expect, it } from 'vitest';
import { newPrintJob, reprint, transition, type PrintJob } from '../../../shared/labels';
import type { CodedError } from '../../../shared/errors';

const T0 = '2026-01-12T08:00:00.000Z';
const T1 = '2026-01-12T08:00:01.000Z';
const paperOut: CodedError = { code: 'printer-paper-out', message: 'out of labels' };
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('print job state machine', () => {
  const job = newPrintJob({ id: 'J1', templateId: 'gs1-logistic', now: T0, sscc: '106141411234567897' });

  it('queued → sent → done', () => {
    const sent = unwrap(transition(job, { type: 'sent' }, T1));
    expect(sent).toMatchObject({ state: 'sent', attempts: 1, updatedAt: T1 });
    expect(unwrap(transition(sent, { type: 'done' }, T1)).state).toBe('done');
  });

  it('a held job stays queued with its reason and may be sent later', () => {
    const held = unwrap(transition(job, { type: 'hold', reason: paperOut }, T1));
    expect(held).toMatchObject({ state: 'queued', heldBecause: paperOut });
    const sent = unwrap(transition(held, { type: 'sent' }, T1));
    expect(sent.heldBecause).toBeUndefined();
  });

  it('sent, then the host answers it sent nothing (paper out): queued and held again, may be sent later', () => {
    const sent = unwrap(transition(job, { type: 'sent' }, T1));
    const back = unwrap(transition(sent, { type: 'not-sent', reason: paperOut }, T1));
    expect(back).toMatchObject({ state: 'queued', heldBecause: paperOut, attempts: 1 });
    expect(unwrap(transition(back, { type: 'sent' }, T1))).toMatchObject({ state: 'sent', attempts: 2 });
    expect(transition(job, { type: 'not-sent', reason: paperOut }, T1)).toMatchObject({ ok: false, error: { code: 'print-job-transition' } });
    const done = unwrap(transition(sent, { type: 'done' }, T1));
    expect(transition(done, { type: 'not-sent', reason: paperOut }, T1)).toMatchObject({ ok: false, error: { code: 'print-job-transition' } });
  });

  it('sent → failed(reason); a sent or finished job is never sent again', () => {
    const sent = unwrap(transition(job, { type: 'sent' }, T1));
    const failed = unwrap(transition(sent, { type: 'failed', reason: { code: 'printer-offline', message: 'unplugged' } }, T1));
    expect(failed).toMatchObject({ state: 'failed', failure: { code: 'printer-offline' } });
    for (const j of [sent, failed, unwrap(transition(sent, { type: 'done' }, T1))] as PrintJob[]) {
      expect(transition(j, { type: 'sent' }, T1)).toMatchObject({ ok: false, error: { code: 'print-job-transition' } });
    }
    expect(transition(job, { type: 'done' }, T1)).toMatchObject({ ok: false, error: { code: 'print-job-transition' } });
  });

  it('a reprint needs a reason and becomes a new job naming the original', () => {
    const done = unwrap(transition(unwrap(transition(job, { type: 'sent' }, T1)), { type: 'done' }, T1));
    expect(reprint(done, { id: 'J2', reason: '  ', now: T1 })).toMatchObject({ ok: false, error: { code: 'print-reprint-reason-missing' } });
    expect(reprint(job, { id: 'J2', reason: 'torn', now: T1 })).toMatchObject({ ok: false, error: { code: 'print-job-transition' } });
    expect(unwrap(reprint(done, { id: 'J2', reason: 'label torn', now: T1 }))).toMatchObject({
      id: 'J2', state: 'queued', reprintOf: 'J1', reprintReason: 'label torn', sscc: '106141411234567897', attempts: 0,
    });
  });
});
