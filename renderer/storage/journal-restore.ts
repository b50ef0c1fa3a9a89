import Dexie from 'dexie';
import type { BridgeClient } from '../../shared/bridge';
import type { JournalCopyHead } from '../../shared/bridge-journal';
import type { CodedError } from '../../shared/errors';
import type { EventEnvelope } from '../../shared/events';
import { copyFailure, hostJournalCopy } from './journal-copy-client';
import type { PrintJobRecord } from './print-jobs';
import { applyVersions, journalDbName, JOURNAL_VERSIONS } from './schema';
import { logger } from '../lib/log';

/**
 * Boot's reconciliation of the journal's two copies (DESIGN §4), before the
 * UI opens: IndexedDB (which Chromium may have silently deleted and recreated
 * empty: its first open is never trusted) and the host's copy. The heads are
 * compared: IndexedDB behind → its events, seq counter, folded state, sync
 * cursor, snapshot and print jobs are rebuilt from the host; the host behind
 * → it is filled from IndexedDB; equal → nothing. A host copy that cannot be
 * read, or two copies that disagree on an event, refuse bookings and change
 * nothing, so IT finds both as they were.
 */

/** Whether the journal database was listed before it was opened (`indexedDB.databases()`); `unknown` where the API is missing. */
export type IndexedDbPresence = 'missing' | 'present' | 'unknown';

export type RestoreOutcome = 'equal' | 'restored' | 'host-filled' | 'host-corrupt' | 'host-unavailable' | 'diverged' | 'fill-failed';

export interface RestoreReport {
  outcome: RestoreOutcome;
  /** What IndexedDB held: missing (no database), empty (database, no events), behind or present. */
  indexedDb: 'missing' | 'empty' | 'behind' | 'present';
  idbHead: number;
  hostHead: number;
  /** Events written into IndexedDB from the host's copy. */
  restored: number;
  /** Events written into the host's copy from IndexedDB. */
  filled: number;
  /** The host's file did not exist before this launch. */
  hostCreated: boolean;
  /** Set when bookings must be refused. */
  error?: CodedError;
}

/** What the reconciliation reads of the journal (Journal implements it). */
export interface JournalHeads {
  head(): Promise<number>;
  firstSeq(): Promise<number>;
  ackedSeq(): Promise<number>;
  eventsAfter(seq: number, limit: number): Promise<EventEnvelope[]>;
  loadState(): Promise<object>;
  latestSnapshot(): Promise<object | null>;
  snapshotSeq(): Promise<number>;
}

export interface ReconcileOptions {
  terminalId: string;
  bridge: Pick<BridgeClient, 'call'>;
  journal: JournalHeads;
  presence: IndexedDbPresence;
  log?: (message: string) => void;
  /** Events per bridge call. */
  page?: number;
}

const JOB_RANK: Record<string, number> = { queued: 0, sent: 1, done: 2, failed: 2 };

/** Lists the origin's databases before anything opens the journal: tells a missing journal from an empty one. */
export async function journalPresence(terminalId: string, factory: Pick<IDBFactory, 'databases'> | undefined = globalThis.indexedDB): Promise<IndexedDbPresence> {
  if (!factory || typeof factory.databases !== 'function') return 'unknown';
  try {
    const names = (await factory.databases()).map((d) => d.name);
    return names.includes(journalDbName(terminalId)) ? 'present' : 'missing';
  } catch {
    return 'unknown';
  }
}

export async function reconcileJournal(o: ReconcileOptions): Promise<RestoreReport> {
  const log = o.log ?? ((m: string) => logger('journal-restore').info(m));
  const page = o.page ?? 500;
  const [idbHead, idbFirst] = await Promise.all([o.journal.head(), o.journal.firstSeq()]);
  const headRes = await o.bridge.call('journal:head', {});
  const idbKind = (hostHead: number): RestoreReport['indexedDb'] =>
    o.presence === 'missing' ? 'missing' : idbHead === 0 ? 'empty' : idbHead < hostHead ? 'behind' : 'present';
  const base = (outcome: RestoreOutcome, host: Partial<JournalCopyHead>, extra: Partial<RestoreReport> = {}): RestoreReport => ({
    outcome,
    indexedDb: idbKind(host.head ?? 0),
    idbHead,
    hostHead: host.head ?? 0,
    restored: 0,
    filled: 0,
    hostCreated: host.created ?? false,
    ...extra,
  });
  const report = (r: RestoreReport): RestoreReport => {
    log(
      `[journal] IndexedDB ${o.presence === 'missing' ? 'missing' : 'present'} (head ${r.idbHead}, first ${idbFirst}); host copy ${r.hostCreated ? 'missing (created empty)' : 'present'} (head ${r.hostHead}): ${r.outcome}` +
        (r.restored ? `, ${r.restored} restored` : '') +
        (r.filled ? `, ${r.filled} copied to the host` : '') +
        (r.error ? ` – ${r.error.code}: ${r.error.message}` : ''),
    );
    return r;
  };

  if (!headRes.ok) return report(base('host-unavailable', {}, { error: copyFailure(headRes.error) }));
  const host = headRes.value;
  if (host.state === 'corrupt') {
    return report(base('host-corrupt', host, { error: { code: 'journal-copy-corrupt', message: host.message ?? "the host's journal copy cannot be read" } }));
  }
  const diverged = (seq: number, hostId: string | undefined, idbId: string | undefined) =>
    report(base('diverged', host, { error: { code: 'journal-copy-conflict', message: `the two journal copies hold different events at seq ${seq} (${idbId} / ${hostId}); nothing was changed` } }));

  if (host.head > idbHead) {
    if (idbHead > 0) {
      const [mine] = await o.journal.eventsAfter(idbHead - 1, 1);
      const theirs = await o.bridge.call('journal:read', { after: idbHead - 1, limit: 1 });
      const hostId = theirs.ok ? theirs.value.events[0]?.id : undefined;
      if (mine?.seq === idbHead && hostId !== undefined && mine.id !== hostId) return diverged(idbHead, hostId, mine.id);
    }
    const restored = await restoreFromHost(o, host, idbHead, page);
    if (!restored.ok) return report(base('host-unavailable', host, { error: restored.error }));
    return report(base('restored', host, { restored: restored.count }));
  }
  if (host.head < idbHead) {
    if (host.head > 0 && host.headId !== undefined) {
      const [mine] = await o.journal.eventsAfter(host.head - 1, 1);
      if (mine?.seq === host.head && mine.id !== host.headId) return diverged(host.head, host.headId, mine.id);
    }
    // At least the newest event goes over, so the copy's head says how far it is and can hold the snapshot.
    const filled = await fillHost(o, Math.max(host.head, idbFirst - 1, Math.min(await coveredSeq(o.journal), idbHead - 1)), page);
    if (!filled.ok) return report(base('fill-failed', host, { error: filled.error }));
    return report(base('host-filled', host, { filled: filled.count }));
  }
  if (idbHead > 0 && host.headId !== undefined) {
    const [mine] = await o.journal.eventsAfter(idbHead - 1, 1);
    if (mine?.seq === idbHead && mine.id !== host.headId) return diverged(idbHead, host.headId, mine.id);
  }
  return report(base('equal', host));
}

type Counted = { ok: true; count: number } | { ok: false; error: CodedError };

/**
 * Up to here the host's copy need not hold events: the server has them
 * (acknowledged) and the snapshot the fill mirrors folds them — the rule the
 * copy's retention prunes by. A terminal updated to a version with the copy
 * then fills only its recent tail instead of its whole history before the
 * login screen shows.
 */
async function coveredSeq(journal: JournalHeads): Promise<number> {
  const [acked, snapshot] = await Promise.all([journal.ackedSeq(), journal.snapshotSeq()]);
  return Math.min(acked, snapshot);
}

/** IndexedDB from the host: events first (bulkPut, so an interrupted restore simply runs again), the counters last. */
async function restoreFromHost(o: ReconcileOptions, host: JournalCopyHead, idbHead: number, page: number): Promise<Counted> {
  const db = new Dexie(journalDbName(o.terminalId), { chromeTransactionDurability: 'strict' });
  applyVersions(db, JOURNAL_VERSIONS);
  await db.open();
  try {
    let after = Math.max(idbHead, host.firstSeq - 1);
    let count = 0;
    while (after < host.head) {
      const res = await o.bridge.call('journal:read', { after, limit: page });
      if (!res.ok) return { ok: false, error: copyFailure(res.error) };
      const events = res.value.events.filter((e) => e.seq <= host.head);
      if (events.length === 0) break;
      await db.transaction('rw', db.table('events'), () => db.table('events').bulkPut(events));
      count += events.length;
      after = events[events.length - 1]!.seq;
    }
    const side = await o.bridge.call('journal:side', {});
    if (!side.ok) return { ok: false, error: copyFailure(side.error) };
    const idbAcked = await o.journal.ackedSeq();
    const idbSnapshotSeq = await o.journal.snapshotSeq();
    await db.transaction('rw', db.table('meta'), db.table('snapshots'), async () => {
      await db.table('meta').bulkPut([
        { key: 'nextSeq', value: host.head + 1 },
        { key: 'ackedSeq', value: Math.min(host.head, Math.max(idbAcked, side.value.ackedSeq)) },
        ...(side.value.state ? [{ key: 'state', value: side.value.state }] : []),
      ]);
      if (side.value.snapshot && side.value.snapshot.seq > idbSnapshotSeq) await db.table('snapshots').put(side.value.snapshot);
    });
    await restorePrintJobs(o, db);
    return { ok: true, count };
  } finally {
    db.close();
  }
}

/** A job the host holds in a later state than IndexedDB (or IndexedDB lacks) comes back, so a sent label is never sent again. */
async function restorePrintJobs(o: ReconcileOptions, db: Dexie): Promise<void> {
  const table = db.table<PrintJobRecord, string>('printJobs');
  let after = '';
  for (;;) {
    const res = await o.bridge.call('journal:print-jobs', { after, limit: 200 });
    if (!res.ok || res.value.jobs.length === 0) return;
    const jobs = res.value.jobs as unknown as PrintJobRecord[];
    const mine = await table.bulkGet(jobs.map((j) => j.id));
    const newer = jobs.filter((j, i) => !mine[i] || (JOB_RANK[j.state] ?? 0) > (JOB_RANK[mine[i]!.state] ?? 0));
    if (newer.length > 0) await table.bulkPut(newer);
    after = jobs[jobs.length - 1]!.id;
  }
}

/** The host's copy from IndexedDB: events after `from`, then cursor, snapshot and print jobs. */
async function fillHost(o: ReconcileOptions, from: number, page: number): Promise<Counted> {
  const copy = hostJournalCopy(o.bridge);
  const state = await o.journal.loadState();
  let after = from;
  let count = 0;
  for (;;) {
    const events = await o.journal.eventsAfter(after, page);
    if (events.length === 0) break;
    const res = await copy.append(events, state);
    if (!res.ok) return res;
    count += events.length;
    after = events[events.length - 1]!.seq;
  }
  const snapshot = (await o.journal.latestSnapshot()) as { seq: number; version: number } | null;
  const side = await copy.mirror({ ackedSeq: await o.journal.ackedSeq(), ...(snapshot && snapshot.seq > 0 ? { snapshot } : {}) });
  if (!side.ok) return side;
  const db = new Dexie(journalDbName(o.terminalId), { chromeTransactionDurability: 'strict' });
  applyVersions(db, JOURNAL_VERSIONS);
  await db.open();
  try {
    let jobAfter = '';
    for (;;) {
      const jobs = await db.table<PrintJobRecord, string>('printJobs').where('id').above(jobAfter).limit(200).toArray();
      if (jobs.length === 0) break;
      const res = await copy.mirror({ printJobs: jobs });
      if (!res.ok) return res;
      jobAfter = jobs[jobs.length - 1]!.id;
    }
  } finally {
    db.close();
  }
  return { ok: true, count };
}
