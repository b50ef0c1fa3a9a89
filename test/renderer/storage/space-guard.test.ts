import { afterEach, describe, expect, it } from 'vitest';
import { Journal, writeFailure } from '../../../renderer/storage/journal';
import { assessSpace, DEFAULT_SPACE_POLICY, SpaceGuard } from '../../../renderer/storage/space-guard';
import { fixedClock, uniqueTerminalId } from '../support/fixtures';
import { ManualTimers } from '../support/manual-timers';

const MB = 1024 * 1024;
const ev = () => ({ type: 'OperatorLoggedOut' as const, operatorId: 'op-anna', payload: { reason: 'manual' as const } });

describe('assessSpace (pure)', () => {
  it.each([
    { name: 'plenty of disk and quota', f: { hostFreeBytes: 5000 * MB, quotaBytes: 1000 * MB, usageBytes: 10 * MB }, ok: true },
    { name: 'disk below 200 MB', f: { hostFreeBytes: 150 * MB, quotaBytes: 1000 * MB, usageBytes: 10 * MB }, ok: false },
    { name: 'disk exactly at the threshold is fine', f: { hostFreeBytes: 200 * MB }, ok: true },
    { name: 'quota above 95 %', f: { hostFreeBytes: 5000 * MB, quotaBytes: 1000 * MB, usageBytes: 960 * MB }, ok: false },
    { name: 'unknown figures never refuse', f: {}, ok: true },
  ])('$name', ({ f, ok }) => {
    const verdict = assessSpace(f, DEFAULT_SPACE_POLICY);
    expect(verdict.ok).toBe(ok);
    if (!verdict.ok) {
      expect(verdict.error.code).toBe('storage-low');
      expect(verdict.error.message).toMatch(/Storage almost full.*Nothing was booked/);
    }
  });

  it('thresholds are configurable', () => {
    expect(assessSpace({ hostFreeBytes: 150 * MB }, { ...DEFAULT_SPACE_POLICY, minFreeBytes: 100 * MB }).ok).toBe(true);
  });
});

const journals: Journal[] = [];
afterEach(() => {
  for (const j of journals.splice(0)) j.close();
});

describe('the journal refuses bookings when storage is low', () => {
  it('storage-low before anything is written; bookings resume once space is back', async () => {
    const journal = await Journal.open(uniqueTerminalId());
    journals.push(journal);
    let free = 5000 * MB;
    const guard = new SpaceGuard({ hostDisk: async () => ({ freeBytes: free }), estimate: async () => ({ quota: 1000 * MB, usage: 1 * MB }) }, new ManualTimers());
    journal.setAppendGuard(guard.check);
    await guard.start();
    expect((await journal.append([ev()], { clock: fixedClock() })).ok).toBe(true);

    free = 100 * MB;
    await guard.refresh();
    const refused = await journal.append([ev(), ev()], { clock: fixedClock() });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('storage-low');
    expect(await journal.head()).toBe(1);
    expect((await journal.eventsAfter(0, 10)).length).toBe(1);

    free = 1000 * MB;
    await guard.refresh();
    const again = await journal.append([ev()], { clock: fixedClock() });
    expect(again.ok && again.value.events[0]!.seq).toBe(2);
    guard.stop();
  });

  it('a quota error inside the transaction is storage-low, and nothing of the group is written', async () => {
    expect(writeFailure(Object.assign(new Error('quota'), { name: 'QuotaExceededError' })).code).toBe('storage-low');
    expect(writeFailure({ name: 'AbortError', inner: { name: 'QuotaExceededError' }, message: 'x' }).code).toBe('storage-low');
    expect(writeFailure(new Error('boom')).code).toBe('journal-write-failed');

    const journal = await Journal.open(uniqueTerminalId());
    journals.push(journal);
    await journal.append([ev()], { clock: fixedClock() });
    // Make the events table throw a quota error mid-transaction.
    const table = (journal as unknown as { events: { bulkAdd: (...a: unknown[]) => Promise<unknown> } }).events;
    const original = table.bulkAdd.bind(table);
    table.bulkAdd = async () => {
      throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    };
    const res = await journal.append([ev(), ev()], { clock: fixedClock() });
    table.bulkAdd = original;
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('storage-low');
    expect(await journal.head()).toBe(1);
    expect((await journal.loadState()).lastSeq).toBe(1);
  });

  it('a refresh that cannot reach the host still uses the browser estimate', async () => {
    const guard = new SpaceGuard({ hostDisk: async () => Promise.reject(new Error('host down')), estimate: async () => ({ quota: 100, usage: 99 }) }, new ManualTimers());
    const verdict = await guard.refresh();
    expect(verdict.ok).toBe(false);
    expect(guard.check()?.code).toBe('storage-low');
  });
});
