import { z } from 'zod';
import { EventEnvelope } from './events';

/**
 * Bridge calls of the journal's second durable copy in the host (DESIGN §4):
 * Chromium may delete an origin's whole IndexedDB after a kill, so every
 * journal append is written by the host too, with its seq, and at boot the
 * shorter copy is filled from the longer. Records the copy keeps besides
 * events (print jobs, the latest snapshot, the folded state) travel as
 * opaque JSON objects: the renderer owns their shape.
 */

const Record = z.record(z.string(), z.unknown());
const seq = z.number().int().nonnegative();

/** `corrupt`: the host's file cannot be read (bookings are refused, IndexedDB is kept as it is). */
export const JournalCopyHead = z.object({
  state: z.enum(['ok', 'corrupt']),
  /** The copy's file did not exist before this launch: "missing", as opposed to present and empty. */
  created: z.boolean(),
  head: seq,
  /** Lowest seq still held (head + 1 when it holds none). */
  firstSeq: z.number().int().positive(),
  /** The id of the event at `head`, when the copy still holds it. */
  headId: z.string().optional(),
  ackedSeq: seq,
  snapshotSeq: seq,
  printJobs: seq,
  message: z.string().optional(),
});
export type JournalCopyHead = z.infer<typeof JournalCopyHead>;

export const PrintJobRow = z.object({ id: z.string().min(1).max(64), state: z.string() }).passthrough();

export const JournalCopyAppend = z
  .object({
    /** Gap-free, starting right after the copy's head (or anywhere when the copy is empty). */
    events: z.array(EventEnvelope).min(1).max(2000),
    /** The folded TerminalState after these events. */
    state: Record.optional(),
    /** Print-job records these events complete (a `done` job with its LabelPrinted): written in the same transaction. */
    printJobs: z.array(PrintJobRow).max(500).optional(),
  })
  .strict();

export const SnapshotRow = z.object({ seq: z.number().int().positive(), version: z.number().int().positive() }).passthrough();

export const JournalCopyMirror = z
  .object({
    printJobs: z.array(PrintJobRow).max(500).optional(),
    snapshot: SnapshotRow.optional(),
    /** Retention ran: events up to here may go (the copy still bounds by its own cursor and snapshot). */
    pruneThrough: seq.optional(),
    /** The renderer's write of these seqs failed after the copy's succeeded: they were never booked. */
    discardFrom: z.number().int().positive().optional(),
    /** The sync cursor as the renderer knows it (only ever moves forward). */
    ackedSeq: seq.optional(),
  })
  .strict();

/** What a mirror call may change besides events (JournalCopyMirror checks it at the host); one declaration for host and renderer. */
export interface MirrorRequest {
  printJobs?: { id: string; state: string }[];
  snapshot?: { seq: number; version: number };
  pruneThrough?: number;
  discardFrom?: number;
  ackedSeq?: number;
}

export const JournalCopySide = z.object({
  ackedSeq: seq,
  state: Record.nullable(),
  snapshot: SnapshotRow.nullable(),
});
export type JournalCopySide = z.infer<typeof JournalCopySide>;

export const JOURNAL_COPY_CALLS = {
  'journal:head': { request: z.object({}).strict(), response: JournalCopyHead },
  'journal:append': { request: JournalCopyAppend, response: z.object({ head: seq }) },
  'journal:read': {
    request: z.object({ after: seq, limit: z.number().int().min(1).max(2000) }).strict(),
    response: z.object({ events: z.array(EventEnvelope) }),
  },
  'journal:side': { request: z.object({}).strict(), response: JournalCopySide },
  'journal:print-jobs': {
    request: z.object({ after: z.string().max(64), limit: z.number().int().min(1).max(500) }).strict(),
    response: z.object({ jobs: z.array(PrintJobRow) }),
  },
  'journal:mirror': { request: JournalCopyMirror, response: z.object({ head: seq }) },
} as const;
