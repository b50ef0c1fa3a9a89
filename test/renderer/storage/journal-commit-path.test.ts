import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../renderer/storage/journal';
import type { JournalCopyClient } from '../../../renderer/storage/journal-copy-client';
import { SCAN_STAGE_PREFIX } from '../../../renderer/lib/scan-stages';
import { fixedClock, uniqueTerminalId } from '../support/fixtures';

/**
 * The booking path's order inside one group commit: IndexedDB's writes are
 * issued before the host copy's request is prepared (so IndexedDB works while
 * this thread serialises the copy), and the bench's stage marks name each step.
 */

const login = { type: 'OperatorLoggedIn' as const, operatorId: 'op-anna', payload: { badge: 'B1001', role: 'operator', method: 'badge' as const } };

let open: Journal[] = [];
afterEach(() => {
  for (const j of open) j.close();
  open = [];
  delete (globalThis as { taktScanTrace?: boolean }).taktScanTrace;
  performance.clearMarks();
});

function recordingCopy(steps: string[]): JournalCopyClient {
  return {
    async append(events) {
      steps.push(`copy ${events.map((e) => e.seq).join(',')}`);
      return { ok: true, value: { head: events[events.length - 1]!.seq } };
    },
    async mirror() {
      return { ok: true, value: { head: 0 } };
    },
  };
}

describe('the journal commit path', () => {
  it('issues the IndexedDB writes before it hands the events to the host copy', async () => {
    const journal = await Journal.open(uniqueTerminalId());
    open.push(journal);
    const steps: string[] = [];
    journal.setCopy(recordingCopy(steps));
    (journal as unknown as { events: { hook(name: 'creating', fn: (key: number) => void): void } }).events.hook('creating', (key) => void steps.push(`idb ${key}`));
    const res = await journal.append([login, login], { clock: fixedClock() });
    expect(res.ok).toBe(true);
    expect(steps).toEqual(['idb 1', 'idb 2', 'copy 1,2']);
    expect((await journal.eventsAfter(0, 10)).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('sends a later group to the host copy before IndexedDB is touched, from the head its last commit left', async () => {
    const journal = await Journal.open(uniqueTerminalId());
    open.push(journal);
    const steps: string[] = [];
    journal.setCopy(recordingCopy(steps));
    (journal as unknown as { events: { hook(name: 'creating', fn: (key: number) => void): void } }).events.hook('creating', (key) => void steps.push(`idb ${key}`));
    await journal.append([login], { clock: fixedClock() });
    const res = await journal.append([login], { clock: fixedClock() });
    expect(res.ok && res.value.state.lastSeq).toBe(2);
    expect(steps).toEqual(['idb 1', 'copy 1', 'copy 2', 'idb 2']);
    expect(await journal.head()).toBe(2);
  });

  it('refuses a group built from a head another writer moved, keeps nothing of it, and books the next one right', async () => {
    const terminalId = uniqueTerminalId();
    const mine = await Journal.open(terminalId);
    const other = await Journal.open(terminalId);
    open.push(mine, other);
    const copied: number[] = [];
    const discarded: number[] = [];
    const copy: JournalCopyClient = {
      async append(events) {
        copied.push(...events.map((e) => e.seq));
        return { ok: true, value: { head: events[events.length - 1]!.seq } };
      },
      async mirror(request) {
        if (request.discardFrom !== undefined) discarded.push(request.discardFrom);
        return { ok: true, value: { head: 0 } };
      },
    };
    mine.setCopy(copy);
    expect((await mine.append([login], { clock: fixedClock() })).ok).toBe(true);
    expect((await other.append([login], { clock: fixedClock() })).ok).toBe(true);
    const stale = await mine.append([login], { clock: fixedClock() });
    expect(stale.ok ? 'booked' : stale.error.code).toBe('journal-write-failed');
    // The host copy was told at once that seq 2 from this connection is not booked.
    expect(discarded).toEqual([2]);
    expect((await mine.eventsAfter(0, 10)).map((e) => e.seq)).toEqual([1, 2]);
    const next = await mine.append([login], { clock: fixedClock() });
    expect(next.ok && next.value.events.map((e) => e.seq)).toEqual([3]);
    expect(copied).toEqual([1, 2, 3]);
  });

  it('marks the commit steps for the scan bench when tracing is on', async () => {
    (globalThis as { taktScanTrace?: boolean }).taktScanTrace = true;
    const journal = await Journal.open(uniqueTerminalId());
    open.push(journal);
    journal.setCopy(recordingCopy([]));
    await journal.append([login], { clock: fixedClock() });
    const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith(SCAN_STAGE_PREFIX)).map((m) => m.name.slice(SCAN_STAGE_PREFIX.length));
    expect(marks.sort()).toEqual(['commit-started', 'copy-answered', 'idb-committed', 'idb-written']);
    const at = (name: string) => performance.getEntriesByName(`${SCAN_STAGE_PREFIX}${name}`)[0]!.startTime;
    expect(at('commit-started')).toBeLessThanOrEqual(at('idb-written'));
    expect(at('idb-written')).toBeLessThanOrEqual(at('idb-committed'));
  });
});
