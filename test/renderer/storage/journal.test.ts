import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { isUuidV7 } from '../../../shared/ids';
import { SCHEMA_VERSION } from '../../../shared/events';
import { Journal } from '../../../renderer/storage/journal';
import { journalDbName } from '../../../renderer/storage/schema';
import { fixedClock, uniqueTerminalId } from '../support/fixtures';

const login = (badge = 'B1001') => ({ type: 'OperatorLoggedIn' as const, operatorId: 'op-anna', payload: { badge, role: 'operator', method: 'badge' as const } });
const started = (orderId: string) => ({ type: 'OrderStarted' as const, operatorId: 'op-anna', orderId, payload: { orderNumber: `PO-${orderId}`, materialId: 'm-1', quantity: 5 } });

let open: Journal[] = [];
async function openJournal(terminalId = uniqueTerminalId()): Promise<Journal> {
  const j = await Journal.open(terminalId);
  open.push(j);
  return j;
}
afterEach(() => {
  for (const j of open) j.close();
  open = [];
});

describe('Journal.append', () => {
  it('assigns gap-free seqs from 1 across appends and builds full envelopes', async () => {
    const journal = await openJournal('T-envelope');
    const clock = fixedClock('2025-03-01T06:00:00.000Z');
    const a = await journal.append([login()], { clock });
    const b = await journal.append([started('o-1'), started('o-2')], { clock });
    expect(a.ok && b.ok).toBe(true);
    const events = await journal.eventsAfter(0, 100);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    const first = events[0]!;
    expect(isUuidV7(first.id)).toBe(true);
    expect(first).toMatchObject({
      terminalId: 'T-envelope',
      type: 'OperatorLoggedIn',
      occurredAt: '2025-03-01T06:00:00.000Z',
      operatorId: 'op-anna',
      schemaVersion: SCHEMA_VERSION,
      payload: { badge: 'B1001', role: 'operator', method: 'badge' },
    });
    expect(await journal.head()).toBe(3);
  });

  it('writes the folded state in the same transaction and returns it', async () => {
    const journal = await openJournal();
    const res = await journal.append([login(), started('o-1')], { clock: fixedClock() });
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value.state.operator?.id).toBe('op-anna');
    expect(res.value.state.activeOrderId).toBe('o-1');
    expect(res.value.state.lastSeq).toBe(2);
    expect(await journal.loadState()).toEqual(res.value.state);
  });

  it('survives a reopen: state snapshot and counters are on disk', async () => {
    const id = uniqueTerminalId();
    const first = await Journal.open(id);
    await first.append([login()], { clock: fixedClock() });
    first.close();
    const again = await openJournal(id);
    expect((await again.loadState()).operator?.badge).toBe('B1001');
    const res = await again.append([started('o-9')], { clock: fixedClock() });
    expect(res.ok && res.value.events[0]!.seq).toBe(2);
  });

  it('rejects an invalid payload with a coded error and writes nothing', async () => {
    const journal = await openJournal();
    await journal.append([login()], { clock: fixedClock() });
    const bad = { type: 'OrderStarted', orderId: 'o-1', payload: { orderNumber: '', materialId: 'm-1', quantity: -1 } } as never;
    const res = await journal.append([started('o-2'), bad], { clock: fixedClock() });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('invalid-event');
    expect(await journal.head()).toBe(1);
    expect((await journal.eventsAfter(0, 10)).map((e) => e.seq)).toEqual([1]);
    expect((await journal.loadState()).activeOrderId).toBeNull();
  });

  it('rolls back everything when the envelope is invalid inside the transaction', async () => {
    const journal = await openJournal();
    const res = await journal.append([login()], { clock: fixedClock(), newId: () => 'not-a-uuid' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('invalid-event');
    expect(await journal.head()).toBe(0);
    expect(await journal.eventsAfter(0, 10)).toEqual([]);
  });

  it('serialises concurrent appends without gaps or duplicates', async () => {
    const journal = await openJournal();
    await Promise.all(Array.from({ length: 10 }, (_, i) => journal.append([started(`o-${i}`)], { clock: fixedClock() })));
    expect((await journal.eventsAfter(0, 100)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('opens the journal with strict durability', async () => {
    const journal = await openJournal('T-durability');
    const db = new Dexie(journalDbName('T-durability'));
    await db.open();
    db.close();
    // Dexie keeps the option on the instance; read it through the private handle.
    const inner = (journal as unknown as { db: Dexie }).db;
    expect((inner as unknown as { _options: { chromeTransactionDurability?: string } })._options.chromeTransactionDurability).toBe('strict');
  });
});

describe('Journal sync cursor', () => {
  it('pendingCount is head minus acked cursor', async () => {
    const journal = await openJournal();
    expect(await journal.pendingCount()).toBe(0);
    await journal.append([login(), started('a'), started('b')], { clock: fixedClock() });
    expect(await journal.pendingCount()).toBe(3);
    await journal.advanceCursor(2);
    expect(await journal.pendingCount()).toBe(1);
    const info = await journal.syncInfo();
    expect(info).toMatchObject({ head: 3, ackedSeq: 2, pending: 1, oldestPendingAt: '2025-03-01T06:00:00.000Z' });
  });

  it('moves only forward and never beyond the head', async () => {
    const journal = await openJournal();
    await journal.append([login(), started('a'), started('b')], { clock: fixedClock() });
    expect(await journal.advanceCursor(2)).toBe(2);
    expect(await journal.advanceCursor(1)).toBe(2);
    expect(await journal.ackedSeq()).toBe(2);
    expect(await journal.advanceCursor(99)).toBe(3);
    expect(await journal.ackedSeq()).toBe(3);
    expect(await journal.pendingCount()).toBe(0);
  });

  it('eventsAfter returns events above a seq, in order, up to the limit', async () => {
    const journal = await openJournal();
    await journal.append([login(), started('a'), started('b'), started('c')], { clock: fixedClock() });
    expect((await journal.eventsAfter(1, 2)).map((e) => e.seq)).toEqual([2, 3]);
    expect(await journal.eventsAfter(4, 10)).toEqual([]);
  });
});
