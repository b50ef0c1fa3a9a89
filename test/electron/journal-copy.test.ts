import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { journalCopyFile, openJournalCopy } from '../../electron/host/journal-copy';
import type { EventEnvelope } from '../../shared/events';
import { toCodedError } from '../../shared/errors';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'takt-journal-copy-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const quiet = () => undefined;

function envelope(seq: number, type = 'OperatorLoggedOut'): EventEnvelope {
  return {
    id: `0190a000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    terminalId: 'T-1',
    seq,
    type,
    occurredAt: '2025-03-01T06:00:00.000Z',
    payload: { reason: 'manual' },
    schemaVersion: 1,
  };
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => envelope(from + i));

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    return toCodedError(err);
  }
  throw new Error('expected a throw');
}

describe('the host journal copy (SQLite, WAL, synchronous=FULL)', () => {
  it('is reported missing the first time, then present, and keeps every append across reopen', () => {
    const file = journalCopyFile(tempDir(), 'T-1');
    const first = openJournalCopy(file, quiet);
    expect(first.head()).toMatchObject({ state: 'ok', created: true, head: 0, firstSeq: 1 });
    expect(first.append(range(1, 3), { lastSeq: 3 })).toEqual({ head: 3 });
    expect(first.append(range(4, 4))).toEqual({ head: 4 });
    first.close();

    const again = openJournalCopy(file, quiet);
    expect(again.head()).toMatchObject({ state: 'ok', created: false, head: 4, firstSeq: 1, headId: envelope(4).id });
    expect(again.read(0, 10)).toEqual(range(1, 4));
    expect(again.side().state).toEqual({ lastSeq: 3 });
    again.close();
  });

  it('keeps its file in WAL mode (each commit appends to the WAL, synced under synchronous=FULL)', async () => {
    const file = journalCopyFile(tempDir(), 'T-1');
    openJournalCopy(file, quiet).close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a gap or a different event at a held seq, and takes a resend of the same events as a no-op', () => {
    const copy = openJournalCopy(':memory:', quiet);
    copy.append(range(1, 2));
    expect(thrown(() => copy.append(range(4, 4))).code).toBe('journal-copy-conflict');
    expect(thrown(() => copy.append([{ ...envelope(2), id: '0190a000-0000-7000-8000-999999999999' }])).code).toBe('journal-copy-conflict');
    expect(copy.append(range(1, 2))).toEqual({ head: 2 });
    expect(copy.read(0, 10)).toEqual(range(1, 2));
  });

  it('an empty copy takes its first append at any seq (IndexedDB had pruned its start)', () => {
    const copy = openJournalCopy(':memory:', quiet);
    expect(copy.append(range(40, 42))).toEqual({ head: 42 });
    expect(copy.head()).toMatchObject({ head: 42, firstSeq: 40 });
  });

  it('prunes only what the server acknowledged and a snapshot covers', () => {
    const copy = openJournalCopy(':memory:', quiet);
    copy.append(range(1, 10));
    copy.mirror({ pruneThrough: 8 });
    expect(copy.head().firstSeq).toBe(1); // nothing acknowledged, no snapshot
    copy.acknowledged(6);
    copy.mirror({ pruneThrough: 8 });
    expect(copy.head().firstSeq).toBe(1); // acknowledged, but no snapshot
    copy.mirror({ snapshot: { seq: 5, version: 1 }, pruneThrough: 8 });
    expect(copy.head()).toMatchObject({ firstSeq: 6, ackedSeq: 6, snapshotSeq: 5, head: 10 });
    expect(copy.side().snapshot).toEqual({ seq: 5, version: 1 });
  });

  it('discards an unsynced tail the renderer could not write, never what the server holds', () => {
    const copy = openJournalCopy(':memory:', quiet);
    copy.append(range(1, 5));
    copy.acknowledged(3);
    copy.mirror({ discardFrom: 2 });
    expect(copy.head().head).toBe(5);
    copy.mirror({ discardFrom: 4 });
    expect(copy.head().head).toBe(3);
    expect(copy.append(range(4, 4))).toEqual({ head: 4 });
  });

  it('keeps print jobs by id, the latest state winning, and pages them', () => {
    const copy = openJournalCopy(':memory:', quiet);
    copy.mirror({ printJobs: [{ id: 'J-2', state: 'queued' }, { id: 'J-1', state: 'queued' }] });
    copy.mirror({ printJobs: [{ id: 'J-2', state: 'sent' }] });
    expect(copy.printJobs('', 10)).toEqual([{ id: 'J-1', state: 'queued' }, { id: 'J-2', state: 'sent' }]);
    expect(copy.printJobs('J-1', 10)).toEqual([{ id: 'J-2', state: 'sent' }]);
    expect(copy.head().printJobs).toBe(2);
  });

  it('reports a file that is not a database as corrupt, refuses to write, and leaves the file alone', () => {
    const dir = tempDir();
    const file = journalCopyFile(dir, 'T-1');
    openJournalCopy(file, quiet).close();
    const garbage = Buffer.alloc(8192, 0x41);
    writeFileSync(file, garbage);
    const copy = openJournalCopy(file, quiet);
    expect(copy.head()).toMatchObject({ state: 'corrupt', created: false });
    expect(copy.head().message).toContain(file);
    expect(thrown(() => copy.append(range(1, 1))).code).toBe('journal-copy-corrupt');
    expect(copy.holdsThrough(1)).toBe(false);
  });
});
