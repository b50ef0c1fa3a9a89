import Dexie, { type Table } from 'dexie';
import type { CodedError, Result } from '../../shared/errors';
import type { NewEvent } from '../../shared/events';
import { newPrintJob, reprint, transition, type PrintJob, type PrintJobEvent } from '../../shared/labels/print-job';
import { markDuplicate } from '../../shared/labels/duplicate-mark';
import type { LabelModel } from '../../shared/labels/model';
import type { JournalCopyClient } from './journal-copy-client';
import { applyVersions, journalDbName, JOURNAL_VERSIONS } from './schema';

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

/** The storage a print queue needs; Dexie in the app, a Map in store tests that bring no database. */
export interface PrintJobStore {
  get(id: string): Promise<PrintJobRecord | undefined>;
  put(job: PrintJobRecord): Promise<void>;
  inState(state: PrintJob['state']): Promise<PrintJobRecord[]>;
}

export const OUTCOME_UNKNOWN: CodedError = {
  code: 'outcome-unknown',
  message: 'the terminal restarted while the label was with the printer; whether it printed is unknown – reprint with a reason',
};

const fail = (code: string, message: string): { ok: false; error: CodedError } => ({ ok: false, error: { code, message } });

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
 * The journal database's printJobs store (its own connection, strict
 * durability like the journal's). With the host's journal copy, every change
 * is written there too, in parallel, and a change counts only once both
 * hold it: a job marked sent before its label goes out stays sent even if
 * Chromium loses its database, so that label never prints again unasked.
 */
export class DexiePrintJobStore implements PrintJobStore {
  private constructor(
    private readonly db: Dexie,
    private readonly table: Table<PrintJobRecord, string>,
    private readonly copy: JournalCopyClient | null,
  ) {}

  static async open(terminalId: string, copy: JournalCopyClient | null = null): Promise<DexiePrintJobStore> {
    const db = new Dexie(journalDbName(terminalId), { chromeTransactionDurability: 'strict' });
    applyVersions(db, JOURNAL_VERSIONS);
    await db.open();
    return new DexiePrintJobStore(db, db.table('printJobs'), copy);
  }

  get(id: string): Promise<PrintJobRecord | undefined> {
    return this.table.get(id);
  }

  async put(job: PrintJobRecord): Promise<void> {
    const [, copied] = await Promise.all([this.table.put(job), this.copy?.mirror({ printJobs: [job] }) ?? null]);
    if (copied && !copied.ok) throw Object.assign(new Error(copied.error.message), { code: copied.error.code });
  }

  inState(state: PrintJob['state']): Promise<PrintJobRecord[]> {
    return this.table.where('state').equals(state).toArray();
  }

  close(): void {
    this.db.close();
  }
}

/** For stores built without a database (tests, tools): the same rules, kept for the life of the process. */
export class MemoryPrintJobStore implements PrintJobStore {
  private readonly rows = new Map<string, PrintJobRecord>();

  get(id: string): Promise<PrintJobRecord | undefined> {
    const row = this.rows.get(id);
    return Promise.resolve(row ? structuredClone(row) : undefined);
  }

  put(job: PrintJobRecord): Promise<void> {
    this.rows.set(job.id, structuredClone(job));
    return Promise.resolve();
  }

  inState(state: PrintJob['state']): Promise<PrintJobRecord[]> {
    return Promise.resolve([...this.rows.values()].filter((j) => j.state === state).map((j) => structuredClone(j)));
  }
}
