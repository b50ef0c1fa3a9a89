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
