import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../../renderer/storage/journal';
import { applyVersions, journalDbName, journalEventV2, JOURNAL_VERSIONS } from '../../../renderer/storage/schema';
import { uniqueTerminalId } from '../support/fixtures';

/** Journal schema v1 → v2 as data: a pure row transform with fixtures, and a real v1 database upgraded without loss. */

const V1_ROWS = [
  {
    seq: 1,
    id: '0195A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B',
    terminalId: 'T-1',
    type: 'OperatorLoggedIn',
    occurredAt: '2025-03-01T06:00:00.000Z',
    operatorId: 'op-anna',
    payload: { badge: 'B1001', role: 'operator', method: 'badge' },
  },
  {
    seq: 2,
    id: '0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
    terminalId: 'T-1',
    type: 'OperatorLoggedOut',
    occurredAt: '2025-03-01T07:00:00.000Z',
    operatorId: 'op-anna',
    payload: { reason: 'manual' },
    schemaVersion: 1,
  },
];

describe('journal v2 row transform (pure)', () => {
  it.each([
    { name: 'legacy row without schemaVersion, upper-case id', input: V1_ROWS[0]!, output: { ...V1_ROWS[0]!, id: '0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', schemaVersion: 1 } },
    { name: 'current row passes unchanged', input: V1_ROWS[1]!, output: V1_ROWS[1]! },
    { name: 'a later schemaVersion is kept', input: { ...V1_ROWS[1]!, schemaVersion: 3 }, output: { ...V1_ROWS[1]!, schemaVersion: 3 } },
    { name: 'garbage schemaVersion becomes 1', input: { ...V1_ROWS[1]!, schemaVersion: 'x' }, output: V1_ROWS[1]! },
  ])('$name', ({ input, output }) => {
    const before = structuredClone(input);
    expect(journalEventV2(input)).toEqual(output);
    expect(input).toEqual(before); // pure: the input row is not touched
  });

  it('is the declared upgrade of version 2', () => {
    const v2 = JOURNAL_VERSIONS.find((v) => v.version === 2)!;
    expect(v2.upgrade?.events).toBe(journalEventV2);
    expect(v2.stores.events).toContain('occurredAt');
  });
});

describe('a terminal updated while offline loses nothing', () => {
  it('opens a v1 database with events, cursor and state, upgrades it and keeps every row', async () => {
    const terminalId = uniqueTerminalId();
    const v1 = new Dexie(journalDbName(terminalId));
    applyVersions(v1, JOURNAL_VERSIONS.filter((v) => v.version === 1));
    await v1.open();
    const rows = Array.from({ length: 1200 }, (_, i) => ({ ...V1_ROWS[i % 2]!, seq: i + 1, id: `0195a1b2-c3d4-7e5f-8a9b-${String(i).padStart(12, '0')}`, terminalId }));
    await v1.table('events').bulkAdd(rows);
    await v1.table('meta').bulkPut([
      { key: 'nextSeq', value: 1201 },
      { key: 'ackedSeq', value: 700 },
      { key: 'state', value: { operator: null, activeOrderId: null, startedOrderIds: [], lastSeq: 1200 } },
    ]);
    expect(v1.verno).toBe(1);
    v1.close();

    const journal = await Journal.open(terminalId);
    try {
      const inner = (journal as unknown as { db: Dexie }).db;
      expect(inner.verno).toBe(JOURNAL_VERSIONS.at(-1)!.version);
      const events = await journal.eventsAfter(0, 5000);
      expect(events).toHaveLength(1200);
      expect(events.map((e) => e.seq)).toEqual(rows.map((r) => r.seq));
      expect(events.every((e) => e.schemaVersion === 1)).toBe(true);
      expect(events.map((e) => e.payload)).toEqual(rows.map((r) => r.payload));
      expect(await journal.syncInfo()).toMatchObject({ head: 1200, ackedSeq: 700, pending: 500 });
      // The new index works on the upgraded rows.
      expect(await inner.table('events').where('occurredAt').equals('2025-03-01T07:00:00.000Z').count()).toBe(600);
      // And the journal goes on from the old head.
      const res = await journal.append([{ type: 'OperatorLoggedOut', operatorId: 'op-anna', payload: { reason: 'manual' } }], { clock: () => new Date() });
      expect(res.ok && res.value.events[0]!.seq).toBe(1201);
    } finally {
      journal.close();
    }
  });
});

describe('journal v3: print jobs', () => {
  it('declares a printJobs store indexed by state and keeps the events store as v2 left it', () => {
    const v3 = JOURNAL_VERSIONS.find((v) => v.version === 3)!;
    expect(v3.stores).toEqual({ printJobs: 'id, state, createdAt' });
    expect(v3.upgrade).toBeUndefined();
  });

  it('a v2 database with events opens as v3 with every event and an empty printJobs store', async () => {
    const terminalId = uniqueTerminalId();
    const v2 = new Dexie(journalDbName(terminalId));
    applyVersions(v2, JOURNAL_VERSIONS.filter((v) => v.version <= 2));
    await v2.open();
    const rows = V1_ROWS.map((r, i) => journalEventV2({ ...r, seq: i + 1, terminalId }));
    await v2.table('events').bulkAdd(rows);
    await v2.table('meta').bulkPut([{ key: 'nextSeq', value: 3 }, { key: 'ackedSeq', value: 0 }]);
    expect(v2.verno).toBe(2);
    v2.close();

    const journal = await Journal.open(terminalId);
    try {
      const inner = (journal as unknown as { db: Dexie }).db;
      expect(inner.verno).toBe(JOURNAL_VERSIONS.at(-1)!.version); // opens at the newest version (4: snapshots)
      expect((await journal.eventsAfter(0, 10)).map((e) => e.id)).toEqual(rows.map((r) => r.id));
      expect(await inner.table('printJobs').count()).toBe(0);
      expect(await journal.syncInfo()).toMatchObject({ head: 2, pending: 2 });
    } finally {
      journal.close();
    }
  });
});
