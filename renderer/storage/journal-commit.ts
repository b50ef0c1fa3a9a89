import Dexie, { type Table } from 'dexie';
import type { Result } from '../../shared/errors';
import type { EventEnvelope } from '../../shared/events';
import { initialTerminalState, type TerminalState } from '../../shared/terminal-state';
import { buildEnvelopes, type AppendResult, type PendingAppend } from './envelopes';
import type { JournalCopyClient, PrintJobRow } from './journal-copy-client';
import type { MetaRow } from './meta';
import { markScanStage } from '../lib/scan-stages';

/**
 * One group commit of the journal (DESIGN §4): the events of every caller in
 * the group, their gap-free seqs, the folded state and the print-job records
 * the events complete, in one strict-durability IndexedDB transaction; the
 * host's copy writes the same in one SQLite transaction, in parallel. The
 * group counts as booked only when both are durable; when one side fails, the
 * other side's write is undone, so neither copy keeps what the operator was
 * told is not booked, and a print job never reads `done` without its event.
 */

export const META = { nextSeq: 'nextSeq', ackedSeq: 'ackedSeq', state: 'state' } as const;

export interface JournalTables {
  db: Dexie;
  events: Table<EventEnvelope, number>;
  meta: Table<MetaRow, string>;
  printJobs: Table<PrintJobRow, string>;
}

interface Undo {
  firstSeq: number;
  state: TerminalState;
  seqs: number[];
  /** The print-job rows as they were before the group (undefined: the job did not exist). */
  jobsBefore: { id: string; row: PrintJobRow | undefined }[];
}

export async function readNumber(meta: Table<MetaRow, string>, key: string, fallback: number): Promise<number> {
  const row = await meta.get(key);
  return typeof row?.value === 'number' ? row.value : fallback;
}

export async function readState(meta: Table<MetaRow, string>): Promise<TerminalState> {
  const row = await meta.get(META.state);
  return (row?.value as TerminalState | undefined) ?? initialTerminalState;
}

/**
 * The journal's head as the last commit of this connection left it. With it
 * a group's envelopes are built and sent to the host's copy before IndexedDB
 * is touched, so the copy's round trip overlaps IndexedDB's entirely. The
 * commit still reads the head in its transaction and aborts when it moved
 * (another writer): the cache is then dropped and that group refused.
 */
export interface HeadCache {
  value: { nextSeq: number; state: TerminalState } | null;
}

interface Prepared {
  firstSeq: number;
  nextSeq: number;
  state: TerminalState;
  before: TerminalState;
  written: EventEnvelope[];
  jobs: PrintJobRow[];
  results: Result<AppendResult>[];
}

function prepare(items: readonly PendingAppend[], terminalId: string, firstSeq: number, before: TerminalState): Prepared {
  let seq = firstSeq;
  let state = before;
  const written: EventEnvelope[] = [];
  const jobs: PrintJobRow[] = [];
  const results: Result<AppendResult>[] = [];
  for (const item of items) {
    const built = buildEnvelopes(item, terminalId, seq, state);
    results.push(built);
    if (!built.ok) continue; // this caller's events are refused; the others of the group still commit
    for (const e of built.value.events) written.push(e);
    for (const j of item.printJobs ?? []) jobs.push(j);
    seq += built.value.events.length;
    state = built.value.state;
  }
  return { firstSeq, nextSeq: seq, state, before, written, jobs, results };
}

export async function commitGroup(
  t: JournalTables,
  terminalId: string,
  copy: JournalCopyClient | null,
  items: readonly PendingAppend[],
  head: HeadCache = { value: null },
): Promise<Result<AppendResult>[]> {
  markScanStage('commit-started');
  let copyWrite: Promise<Result<unknown>> | null = null;
  let undo: Undo | null = null;
  let done: Prepared | null = null;
  const sendCopy = (p: Prepared) => {
    // Outside Dexie's transaction zone: the host's answer arrives after this transaction is gone.
    if (!copy || p.written.length === 0) return;
    copyWrite = Dexie.ignoreTransaction(() => copy.append(p.written, p.state, p.jobs));
    void copyWrite.then(() => markScanStage('copy-answered'));
  };
  const jobIds = items.flatMap((item) => (item.printJobs ?? []).map((j) => j.id));
  // A group that completes print jobs reads their rows first (the undo needs them before the host may change them).
  let early = head.value && jobIds.length === 0 ? prepare(items, terminalId, head.value.nextSeq, head.value.state) : null;
  if (early) sendCopy(early);
  head.value = null;
  try {
    await t.db.transaction('rw', t.events, t.meta, t.printJobs, async () => {
      // One round trip for what the group reads: the counter, the state and the print jobs it completes as they were.
      const reads = Promise.all([
        readNumber(t.meta, META.nextSeq, 1),
        readState(t.meta),
        jobIds.length > 0 ? t.printJobs.bulkGet(jobIds) : Promise.resolve([] as (PrintJobRow | undefined)[]),
      ]);
      if (!early) {
        const [firstSeq, before] = await reads;
        early = prepare(items, terminalId, firstSeq, before);
      }
      const p: Prepared = early;
      done = p;
      if (p.written.length === 0) {
        await reads;
        return;
      }
      undo = { firstSeq: p.firstSeq, state: p.before, seqs: p.written.map((e) => e.seq), jobsBefore: [] };
      // The writes go out at once, in one round trip: IndexedDB works on them while this thread prepares the host's copy.
      const writes = Promise.all([
        t.events.bulkAdd(p.written),
        t.meta.bulkPut([
          { key: META.nextSeq, value: p.nextSeq },
          { key: META.state, value: p.state },
        ]),
        p.jobs.length > 0 ? t.printJobs.bulkPut(p.jobs) : Promise.resolve(),
      ]);
      if (!copyWrite) sendCopy(p);
      const [firstSeq, , jobRows] = await reads;
      const rowBefore = new Map(jobIds.map((id, i) => [id, jobRows[i]]));
      undo.jobsBefore = p.jobs.map((j) => ({ id: j.id, row: rowBefore.get(j.id) }));
      await writes;
      // Another writer moved the head since this connection's last commit: abort, nothing of this group stays.
      if (firstSeq !== p.firstSeq) throw new Error(`the journal's head moved (next seq ${firstSeq}, this group built from ${p.firstSeq})`);
      markScanStage('idb-written');
    });
  } catch (err) {
    const pending = copyWrite as Promise<Result<unknown>> | null;
    const undone = undo as Undo | null;
    if (pending && (await pending).ok) {
      const from = undone?.firstSeq ?? (early as Prepared | null)?.firstSeq;
      const jobsBack = (undone?.jobsBefore ?? []).flatMap((j) => (j.row ? [j.row] : []));
      if (from !== undefined) await copy?.mirror({ discardFrom: from, ...(jobsBack.length > 0 ? { printJobs: jobsBack } : {}) }).catch(() => undefined);
    }
    throw err;
  }
  markScanStage('idb-committed');
  const p = done as Prepared | null;
  if (!p) return [];
  const pending = copyWrite as Promise<Result<unknown>> | null;
  const copied = pending ? await pending : { ok: true as const, value: null };
  if (copied.ok) {
    head.value = { nextSeq: p.nextSeq, state: p.state };
    return p.results;
  }
  await rollBack(t, undo!);
  const error = copied.error;
  return p.results.map((o) => (o.ok ? { ok: false, error } : o));
}

/** Takes back a group IndexedDB committed but the host's copy refused: its seqs are free again, its print jobs as they were. */
async function rollBack(t: JournalTables, undo: Undo): Promise<void> {
  await t.db.transaction('rw', t.events, t.meta, t.printJobs, async () => {
    await t.events.bulkDelete(undo.seqs);
    await t.meta.bulkPut([
      { key: META.nextSeq, value: undo.firstSeq },
      { key: META.state, value: undo.state },
    ]);
    const back = undo.jobsBefore.flatMap((j) => (j.row ? [j.row] : []));
    const absent = undo.jobsBefore.flatMap((j) => (j.row ? [] : [j.id]));
    if (back.length > 0) await t.printJobs.bulkPut(back);
    if (absent.length > 0) await t.printJobs.bulkDelete(absent);
  });
}
