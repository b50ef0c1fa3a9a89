import { EventEnvelope, SCHEMA_VERSION, type NewEvent } from '../../shared/events';
import type { CodedError, Result } from '../../shared/errors';
import { applyEvent, type TerminalState } from '../../shared/terminal-state';

/** The pure half of an append: envelopes with their seqs and the state folded over them, and how a failed write is told. */

export interface AppendContext {
  /** The terminal clock; `occurredAt` is its ISO string. */
  clock: () => Date;
  newId?: () => string;
}

/** What an append writes besides events, in the same transaction. */
export interface AppendAlso {
  /** Print-job records the events complete (a job's `done` with its LabelPrinted). */
  printJobs?: readonly { id: string; state: string }[];
}

export interface AppendResult {
  events: EventEnvelope[];
  state: TerminalState;
}

export interface PendingAppend {
  events: readonly NewEvent[];
  /** Print-job records written in the same transaction as these events (a job's `done` with its LabelPrinted). */
  printJobs?: readonly { id: string; state: string }[];
  occurredAt: string;
  makeId: () => string;
}

/** Envelopes for one caller's events from `seq` on, and the state folded over them; pure. */
export function buildEnvelopes(item: PendingAppend, terminalId: string, firstSeq: number, before: TerminalState): Result<AppendResult> {
  let state = before;
  let seq = firstSeq;
  const events: EventEnvelope[] = [];
  for (const e of item.events) {
    const parsed = EventEnvelope.safeParse({
      id: item.makeId(),
      terminalId,
      seq,
      type: e.type,
      occurredAt: item.occurredAt,
      ...(e.operatorId ? { operatorId: e.operatorId } : {}),
      ...(e.orderId ? { orderId: e.orderId } : {}),
      payload: e.payload,
      schemaVersion: SCHEMA_VERSION,
    });
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid-event', message: `${e.type}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` } };
    }
    events.push(parsed.data);
    state = applyEvent(state, parsed.data);
    seq += 1;
  }
  return { ok: true, value: { events, state } };
}

/** A failed write: a full disk or quota is `storage-low`, anything else `journal-write-failed`. */
export function writeFailure(err: unknown): CodedError {
  const name = (err as { name?: unknown; inner?: { name?: unknown } } | null)?.name;
  const inner = (err as { inner?: { name?: unknown } } | null)?.inner?.name;
  const message = err instanceof Error ? err.message : String(err);
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return { code: 'storage-low', message: `The terminal's storage is full; nothing was booked (${message})` };
  }
  return { code: 'journal-write-failed', message };
}
