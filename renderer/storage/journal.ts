import Dexie, { type Table } from 'dexie';
import { EventEnvelope, SCHEMA_VERSION, validatePayload, type NewEvent } from '../../shared/events';
import type { Result } from '../../shared/errors';
import { newId as defaultNewId } from '../../shared/ids';
import { applyEvent, initialTerminalState, type TerminalState } from '../../shared/terminal-state';
import type { MetaRow } from './meta';
import { applyVersions, journalDbName, JOURNAL_VERSIONS } from './schema';

/**
 * The terminal's journal (DESIGN §4): every fact the operator creates, in
 * one Dexie database opened with strict durability, so a transaction counts
 * as committed only once it is on disk. An event, its gap-free `seq`, the
 * next seq counter and the folded TerminalState are written in one
 * transaction; append resolves after that transaction committed.
 *
 * Sync keeps one cursor (`ackedSeq`), never a flag per event, and the pending
 * count comes from counters, never from `count()`.
 */

export interface AppendContext {
  /** The terminal clock; `occurredAt` is its ISO string. */
  clock: () => Date;
  newId?: () => string;
}

export interface AppendResult {
  events: EventEnvelope[];
  state: TerminalState;
}

export interface SyncInfo {
  head: number;
  ackedSeq: number;
  pending: number;
  oldestPendingAt?: string;
}

class InvalidEvent extends Error {}

const META = { nextSeq: 'nextSeq', ackedSeq: 'ackedSeq', state: 'state' } as const;

export class Journal {
  private readonly events: Table<EventEnvelope, number>;
  private readonly meta: Table<MetaRow, string>;

  private constructor(
    private readonly db: Dexie,
    readonly terminalId: string,
  ) {
    this.events = db.table('events');
    this.meta = db.table('meta');
  }

  static async open(terminalId: string): Promise<Journal> {
    const db = new Dexie(journalDbName(terminalId), { chromeTransactionDurability: 'strict' });
    applyVersions(db, JOURNAL_VERSIONS);
    await db.open();
    return new Journal(db, terminalId);
  }

  close(): void {
    this.db.close();
  }

  async append(newEvents: readonly NewEvent[], ctx: AppendContext): Promise<Result<AppendResult>> {
    if (newEvents.length === 0) return { ok: false, error: { code: 'invalid-event', message: 'Nothing to append' } };
    for (const e of newEvents) {
      const check = validatePayload(e.type, e.payload);
      if (!check.ok) return { ok: false, error: { code: 'invalid-event', message: `${e.type}: ${check.message}` } };
    }
    const makeId = ctx.newId ?? defaultNewId;
    try {
      const result = await this.db.transaction('rw', this.events, this.meta, async () => {
        let seq = await this.readNumber(META.nextSeq, 1);
        let state = await this.loadState();
        const occurredAt = ctx.clock().toISOString();
        const written: EventEnvelope[] = [];
        for (const e of newEvents) {
          const parsed = EventEnvelope.safeParse({
            id: makeId(),
            terminalId: this.terminalId,
            seq,
            type: e.type,
            occurredAt,
            ...(e.operatorId ? { operatorId: e.operatorId } : {}),
            ...(e.orderId ? { orderId: e.orderId } : {}),
            payload: e.payload,
            schemaVersion: SCHEMA_VERSION,
          });
          if (!parsed.success) throw new InvalidEvent(`${e.type}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
          const envelope = parsed.data;
          written.push(envelope);
          state = applyEvent(state, envelope);
          seq += 1;
        }
        await this.events.bulkAdd(written);
        await this.meta.bulkPut([
          { key: META.nextSeq, value: seq },
          { key: META.state, value: state },
        ]);
        return { events: written, state };
      });
      return { ok: true, value: result };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const code = err instanceof InvalidEvent ? 'invalid-event' : 'journal-write-failed';
      return { ok: false, error: { code, message } };
    }
  }

  /** The folded state as of the last committed append. */
  async loadState(): Promise<TerminalState> {
    const row = await this.meta.get(META.state);
    return (row?.value as TerminalState | undefined) ?? initialTerminalState;
  }

  /** Highest seq written (0 when empty). */
  async head(): Promise<number> {
    return (await this.readNumber(META.nextSeq, 1)) - 1;
  }

  async ackedSeq(): Promise<number> {
    return this.readNumber(META.ackedSeq, 0);
  }

  async pendingCount(): Promise<number> {
    return (await this.syncInfo()).pending;
  }

  async syncInfo(): Promise<SyncInfo> {
    return this.db.transaction('r', this.events, this.meta, async () => {
      const head = (await this.readNumber(META.nextSeq, 1)) - 1;
      const ackedSeq = await this.readNumber(META.ackedSeq, 0);
      const pending = Math.max(0, head - ackedSeq);
      if (pending === 0) return { head, ackedSeq, pending };
      const oldest = await this.events.get(ackedSeq + 1);
      return oldest ? { head, ackedSeq, pending, oldestPendingAt: oldest.occurredAt } : { head, ackedSeq, pending };
    });
  }

  /** Events with seq > `seq`, in seq order. */
  async eventsAfter(seq: number, limit: number): Promise<EventEnvelope[]> {
    return this.events.where('seq').above(seq).limit(limit).toArray();
  }

  /** Moves the sync cursor forward to `ackSeq`, never back and never past the head; returns the cursor. */
  async advanceCursor(ackSeq: number): Promise<number> {
    return this.db.transaction('rw', this.meta, async () => {
      const current = await this.readNumber(META.ackedSeq, 0);
      const head = (await this.readNumber(META.nextSeq, 1)) - 1;
      const next = Math.min(head, Math.max(current, Math.floor(ackSeq)));
      if (next !== current) await this.meta.put({ key: META.ackedSeq, value: next });
      return next;
    });
  }

  private async readNumber(key: string, fallback: number): Promise<number> {
    const row = await this.meta.get(key);
    return typeof row?.value === 'number' ? row.value : fallback;
  }
}
