import type { Table } from 'dexie';
import type { CodedError, ErrorCode, Result } from '../../shared/errors';
import type { NewEvent } from '../../shared/events';
import { newPrintJob, reprint, transition, type PrintJob, type PrintJobEvent } from '../../shared/labels/print-job';
import { markDuplicate } from '../../shared/labels/duplicate-mark';
import type { LabelModel } from '../../shared/labels/model';
import type { AppendAlso, AppendContext, AppendResult } from './envelopes';
import type { JournalCopyClient } from './journal-copy-client';

/**
 * Print jobs as journal records (DESIGN §7), in the journal database's
 * `printJobs` store (schema v3): queued → sent → done | failed(reason), every
 * change through the pure state machine of shared/labels/print-job.ts and
 * written before the next step is taken. A job is stored with the label model
 * it prints and the journal events to append once it is printed, so a job
 * left queued by a restart can still be printed and booked.
 *
 * A job id is printed at most once: a job that is not queued is never sent
 * again; printing the label once more is a reprint, a new job that names the
 * original and carries the operator's reason.
 */

export interface PrintJobRecord extends PrintJob {
  model: LabelModel;
  /** Appended to the journal once the job is done (LabelPrinted / LabelReprinted). */
  onDone: NewEvent[];
}

export interface NewPrintJobInput {
  id: string;
  templateId: string;
  model: LabelModel;
  copies?: number;
  sscc?: string;
  onDone?: NewEvent[];
  reprintOf?: string;
  reprintReason?: string;
}

/** The storage a print queue needs: the journal's printJobs store (Journal.printJobStore). */
export interface PrintJobStore {
  get(id: string): Promise<PrintJobRecord | undefined>;
  put(job: PrintJobRecord): Promise<void>;
  /** The job's new record and the events it books, in one journal transaction: both are written or neither. */
  putWithEvents(job: PrintJobRecord, events: readonly NewEvent[], ctx: AppendContext): Promise<Result<AppendResult>>;
  inState(state: PrintJob['state']): Promise<PrintJobRecord[]>;
}

export const OUTCOME_UNKNOWN: CodedError = {
  code: 'outcome-unknown',
  message: 'the terminal restarted while the label was with the printer; whether it printed is unknown – reprint with a reason',
};

const fail = (code: ErrorCode, message: string): { ok: false; error: CodedError } => ({ ok: false, error: { code, message } });

/** The job operations on top of a store; `now` is the caller's clock. */
export class PrintJobs {
  constructor(
    private readonly store: PrintJobStore,
    private readonly now: () => Date,
  ) {}

  get(id: string): Promise<PrintJobRecord | undefined> {
    return this.store.get(id);
  }

  /**
   * A new queued job, or the existing one when it is still queued (retry after
   * a hold). A job that was already sent is refused (`print-duplicate`); a
   * reprint needs a reason and names a job that was sent.
   */
  async enqueue(input: NewPrintJobInput): Promise<Result<PrintJobRecord>> {
    const existing = await this.store.get(input.id);
    if (existing) {
      if (existing.state !== 'queued') return fail('print-duplicate', `print job ${input.id} was already sent (${existing.state}); print again only as a reprint with a reason`);
      return { ok: true, value: existing };
    }
    const now = this.now().toISOString();
    let job: PrintJob;
    if (input.reprintOf !== undefined) {
      const reason = input.reprintReason?.trim() ?? '';
      if (reason === '') return fail('print-reprint-reason-missing', 'a reprint needs a reason');
      const original = await this.store.get(input.reprintOf);
      if (original) {
        const r = reprint(original, { id: input.id, reason, now });
        if (!r.ok) return r;
        job = { ...r.value, copies: input.copies ?? r.value.copies };
      } else {
        // The original predates the print-job store (or was printed elsewhere): the reprint still names it.
        job = { ...newPrintJob({ id: input.id, templateId: input.templateId, now, ...(input.copies ? { copies: input.copies } : {}), ...(input.sscc ? { sscc: input.sscc } : {}) }), reprintOf: input.reprintOf, reprintReason: reason };
      }
    } else {
      job = newPrintJob({ id: input.id, templateId: input.templateId, now, ...(input.copies ? { copies: input.copies } : {}), ...(input.sscc ? { sscc: input.sscc } : {}) });
    }
    // A second label for the same package says so on its face; its bar codes stay the same.
    const model = job.reprintOf !== undefined ? markDuplicate(input.model, job.templateId) : input.model;
    const record: PrintJobRecord = { ...job, model, onDone: input.onDone ?? [] };
    await this.store.put(record);
    return { ok: true, value: record };
  }

  /** One state-machine step, persisted before it is returned. */
  async step(id: string, event: PrintJobEvent): Promise<Result<PrintJobRecord>> {
    const job = await this.store.get(id);
    if (!job) return fail('print-job-unknown', `no print job ${id}`);
    const next = transition(job, event, this.now().toISOString());
    if (!next.ok) return next;
    const record: PrintJobRecord = { ...next.value, model: job.model, onDone: job.onDone };
    await this.store.put(record);
    return { ok: true, value: record };
  }

  /**
   * The job printed: `done` and the events it books (its `onDone`, each
   * naming `operatorId` when it names nobody yet) commit in one transaction.
   * When that commit fails nothing of it is written: the job stays `sent`, so
   * the next start settles it as outcome-unknown for a reprint with a reason.
   */
  async complete(id: string, operatorId?: string): Promise<Result<{ job: PrintJobRecord; booked: AppendResult | null }>> {
    const job = await this.store.get(id);
    if (!job) return fail('print-job-unknown', `no print job ${id}`);
    const next = transition(job, { type: 'done' }, this.now().toISOString());
    if (!next.ok) return next;
    const record: PrintJobRecord = { ...next.value, model: job.model, onDone: job.onDone };
    if (record.onDone.length === 0) {
      await this.store.put(record);
      return { ok: true, value: { job: record, booked: null } };
    }
    const events = record.onDone.map((e) => (e.operatorId || !operatorId ? e : { ...e, operatorId }));
    const booked = await this.store.putWithEvents(record, events, { clock: this.now });
    return booked.ok ? { ok: true, value: { job: record, booked: booked.value } } : booked;
  }

  queued(): Promise<PrintJobRecord[]> {
    return this.store.inState('queued').then(byCreation);
  }

  /** Failed jobs (including outcome-unknown) that no later job reprints yet. */
  async awaitingReprint(): Promise<PrintJobRecord[]> {
    const all = [...(await this.store.inState('queued')), ...(await this.store.inState('sent')), ...(await this.store.inState('done')), ...(await this.store.inState('failed'))];
    const reprinted = new Set(all.flatMap((j) => (j.reprintOf ? [j.reprintOf] : [])));
    return byCreation(all.filter((j) => j.state === 'failed' && !reprinted.has(j.id)));
  }

  /**
   * After a restart: a job that was `sent` when the terminal stopped may or
   * may not have printed; it becomes failed(outcome-unknown) and only a
   * reprint with a reason may follow. Returns those jobs.
   */
  async settleAfterRestart(): Promise<PrintJobRecord[]> {
    const settled: PrintJobRecord[] = [];
    for (const job of byCreation(await this.store.inState('sent'))) {
      const r = await this.step(job.id, { type: 'failed', reason: OUTCOME_UNKNOWN });
      if (r.ok) settled.push(r.value);
    }
    return settled;
  }
}

function byCreation(jobs: PrintJobRecord[]): PrintJobRecord[] {
  return jobs.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}

/**
 * The journal database's printJobs store, on the journal's own connection
 * (strict durability). With the host's journal copy, every change is written
 * there too, in parallel, and a change counts only once both hold it: a job
 * marked sent before its label goes out stays sent even if Chromium loses its
 * database, so that label never prints again unasked. A change that books
 * events goes through the journal's append, so both land in one transaction.
 */
export class JournalPrintJobStore implements PrintJobStore {
  constructor(
    private readonly table: Table<PrintJobRecord, string>,
    private readonly journal: {
      copy(): JournalCopyClient | null;
      append(events: readonly NewEvent[], ctx: AppendContext, also: AppendAlso): Promise<Result<AppendResult>>;
    },
  ) {}

  get(id: string): Promise<PrintJobRecord | undefined> {
    return this.table.get(id);
  }

  async put(job: PrintJobRecord): Promise<void> {
    const [, copied] = await Promise.all([this.table.put(job), this.journal.copy()?.mirror({ printJobs: [job] }) ?? null]);
    if (copied && !copied.ok) throw Object.assign(new Error(copied.error.message), { code: copied.error.code });
  }

  putWithEvents(job: PrintJobRecord, events: readonly NewEvent[], ctx: AppendContext): Promise<Result<AppendResult>> {
    return this.journal.append(events, ctx, { printJobs: [job] });
  }

  inState(state: PrintJob['state']): Promise<PrintJobRecord[]> {
    return this.table.where('state').equals(state).toArray();
  }
}
