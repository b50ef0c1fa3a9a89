import type Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Journal } from '../../../renderer/storage/journal';
import { emptySnapshot } from '../../../shared/journal-snapshot';
import { uniqueTerminalId } from '../support/fixtures';

/**
 * A snapshot at a million events is many megabytes: while the sync worker
 * stores it, the operator goes on scanning. IndexedDB runs a write
 * transaction only after every earlier one whose stores overlap it, so the
 * save must hold no store a booking writes (events, meta, print jobs), or
 * each scan waits for the whole put.
 */
const journals: Journal[] = [];
afterEach(() => {
  for (const j of journals.splice(0)) j.close();
});

type TxArgs = [mode: string, ...rest: unknown[]];
const storeNames = (args: TxArgs) => args.slice(1).flatMap((a) => (Array.isArray(a) ? a : [a])).flatMap((a) => (typeof a === 'string' ? [a] : a && typeof a === 'object' && 'name' in a ? [String((a as { name: unknown }).name)] : []));

describe('storing a journal snapshot', () => {
  it('writes in a transaction over the snapshots alone, so bookings never queue behind it', async () => {
    const journal = await Journal.open(uniqueTerminalId());
    journals.push(journal);
    const booked = await journal.append([{ type: 'OperatorLoggedOut', operatorId: 'op-anna', payload: { reason: 'manual' } }], { clock: () => new Date('2025-04-01T00:00:00.000Z') });
    expect(booked.ok).toBe(true);
    const db = (journal as unknown as { db: Dexie }).db;
    const transaction = vi.spyOn(db, 'transaction');
    await journal.saveSnapshot({ ...emptySnapshot('2025-04-01T00:00:00.000Z'), seq: 1 }, { toHostCopy: false });
    const writes = transaction.mock.calls.map((c) => c as unknown as TxArgs).filter(([mode]) => mode.startsWith('rw') || mode === 'readwrite');
    expect(writes.length).toBeGreaterThan(0);
    for (const call of writes) expect(storeNames(call)).toEqual(['snapshots']);
    expect((await journal.latestSnapshot())?.seq).toBe(1);
  });

  it('still refuses a snapshot beyond the head', async () => {
    const journal = await Journal.open(uniqueTerminalId());
    journals.push(journal);
    await expect(journal.saveSnapshot({ ...emptySnapshot('2025-04-01T00:00:00.000Z'), seq: 5 }, { toHostCopy: false })).rejects.toThrow(/beyond the journal's head 0/);
  });
});
