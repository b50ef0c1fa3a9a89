import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../../renderer/storage/journal';
import { applyVersions, journalDbName, JOURNAL_VERSIONS } from '../../../renderer/storage/schema';
import { uniqueTerminalId } from '../support/fixtures';

/** Journal v3 → v4 as data: a new, empty `snapshots` store; a terminal updated with old synced events prunes none until its first snapshot. */

const DAY = 24 * 3600_000;
const V3_EVENTS = [1, 2, 3].map((seq) => ({
  seq,
  id: `0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5${seq}`,
  terminalId: 'T-1',
  type: 'OperatorLoggedOut',
  occurredAt: '2025-01-01T06:00:00.000Z',
  operatorId: 'op-anna',
  payload: { reason: 'manual' },
  schemaVersion: 1,
}));

describe('journal v4: snapshots', () => {
  it('declares the snapshots store keyed by seq with a version index, and no row transform', () => {
    const v4 = JOURNAL_VERSIONS.find((v) => v.version === 4);
    expect(v4?.stores).toEqual({ snapshots: 'seq, version' });
    expect(v4?.upgrade).toBeUndefined();
  });

  it('a v3 journal opens as v4 with its events untouched, no snapshot, and retention blocked', async () => {
    const terminalId = uniqueTerminalId();
    const v3 = new Dexie(journalDbName(terminalId));
    applyVersions(v3, JOURNAL_VERSIONS.filter((v) => v.version <= 3));
    await v3.table('events').bulkAdd(V3_EVENTS);
    await v3.table('meta').bulkPut([
      { key: 'nextSeq', value: 4 },
      { key: 'ackedSeq', value: 3 },
    ]);
    v3.close();

    const journal = await Journal.open(terminalId);
    try {
      expect(await journal.eventsAfter(0, 10)).toEqual(V3_EVENTS);
      expect(await journal.latestSnapshot()).toBeNull();
      expect(await journal.snapshotSeq()).toBe(0);
      expect(await journal.pruneSynced(new Date(Date.parse('2025-01-01T06:00:00.000Z') + 60 * DAY), 30 * DAY, 100)).toBe(0);
    } finally {
      journal.close();
    }
  });
});
