import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JisSequence } from '../../shared/master-data';
import { advanceSnapshot, emptySnapshot, restoreJis, restoreProduction, SNAPSHOT_VERSION, type JournalSnapshot } from '../../shared/journal-snapshot';
import { readableSnapshotVersions, readSnapshot, snapshotV1ToV2, upgradeSnapshotRow, type SnapshotUpgrade } from '../../shared/journal-snapshot-upgrade';
import { Station } from './jis/harness';
import { opArb, sequenceArb, step } from './jis/ops';
import { journalOf, productionArb } from './support/snapshot-journal';

/**
 * Snapshots written by an older app survive the update: each version's step
 * is a pure row transform (fixture in, fixture out), the chain refuses what
 * it cannot bring up to date, and an upgraded old snapshot plus the events
 * after it restores exactly what a fresh fold of the whole journal does.
 */

/** What version 1 of the app stored: the same folds, without `foldedFrom` (its advanceSnapshot differed only there). */
function writtenByVersion1(snapshot: JournalSnapshot): Record<string, unknown> {
  const { foldedFrom: _dropped, ...rest } = JSON.parse(JSON.stringify(snapshot)) as JournalSnapshot;
  return { ...rest, version: 1 };
}

const V1_ROW = {
  version: 1,
  seq: 7,
  takenAt: '2026-11-30T06:00:00.000Z',
  production: { orders: {}, containers: {}, scrap: {}, scrapReasonUse: { 'r-1': 2 }, lastSeq: 7 },
  printedJobs: { 'C-1': 'J-1' },
  jis: {},
  unfoldedJis: [],
};

describe('snapshot upgrades', () => {
  it('version 1 → 2 adds foldedFrom 1 and changes nothing else', () => {
    expect(snapshotV1ToV2(V1_ROW)).toEqual({ ...V1_ROW, version: 2, foldedFrom: 1 });
    expect(V1_ROW.version).toBe(1);
  });

  it.each([
    ['the current version as it is', { ...V1_ROW, version: 2, foldedFrom: 4 }, { ...V1_ROW, version: 2, foldedFrom: 4 }],
    ['version 1, upgraded', V1_ROW, { ...V1_ROW, version: 2, foldedFrom: 1 }],
    ['a newer version (after a downgrade): not read', { ...V1_ROW, version: 3 }, null],
    ['version 0: not read', { ...V1_ROW, version: 0 }, null],
    ['a version that is not a number: not read', { ...V1_ROW, version: '1' }, null],
    ['no version: not read', { ...V1_ROW, version: undefined }, null],
    ['version 1 without its production part: not read', { ...V1_ROW, production: undefined }, null],
    ['version 2 without foldedFrom: not read', { ...V1_ROW, version: 2 }, null],
    ['a negative seq: not read', { ...V1_ROW, seq: -1 }, null],
    ['not a record: not read', [V1_ROW], null],
  ])('reads %s', (_name, row, expected) => {
    expect(readSnapshot(row)).toEqual(expected);
  });

  it('a chain with a step missing, refusing, or not moving exactly one version up reads nothing', () => {
    const refuses: SnapshotUpgrade = () => null;
    const jumps: SnapshotUpgrade = (row) => ({ ...row, version: 3 });
    const stays: SnapshotUpgrade = (row) => ({ ...row });
    const chains: Record<number, SnapshotUpgrade>[] = [{}, { 1: refuses }, { 1: jumps }, { 1: stays }];
    for (const upgrades of chains) expect(readSnapshot(V1_ROW, upgrades)).toBeNull();
    expect(readableSnapshotVersions({})).toEqual([SNAPSHOT_VERSION]);
  });

  it('steps are applied in order up to the target, each seeing the row the step before returned', () => {
    const seen: number[] = [];
    const up = (to: number): SnapshotUpgrade => (row) => {
      seen.push(row['version'] as number);
      return { ...row, version: to, [`v${to}`]: true };
    };
    expect(upgradeSnapshotRow({ version: 1 }, { 1: up(2), 2: up(3), 3: up(4) }, 4)).toEqual({ version: 4, v2: true, v3: true, v4: true });
    expect(seen).toEqual([1, 2, 3]);
    expect(readableSnapshotVersions({ 1: up(2), 3: up(4) }, 4)).toEqual([4, 3]);
    expect(readableSnapshotVersions()).toEqual([2, 1]);
  });

  it('an upgraded version-1 snapshot at any cut + the events after it == a fresh fold of the whole journal', () => {
    fc.assert(
      fc.property(sequenceArb, fc.array(opArb, { maxLength: 30 }), fc.array(productionArb, { maxLength: 40 }), fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true }), (sequence, ops, production, undo, cutAt) => {
        const station = new Station(sequence, { rackSlots: 3 });
        for (const op of ops) station.run(step(station.state, op).verdict);
        const journal = journalOf(station.events, production, undo);
        const other = JisSequence.parse({ ...sequence, id: 'SEQ-Q' });
        const callOff = (id: string) => (id === 'SEQ-P' ? sequence : id === 'SEQ-Q' ? other : undefined);
        const cut = Math.floor(cutAt * (journal.length + 1));

        const old = writtenByVersion1(advanceSnapshot(emptySnapshot('t1'), journal.slice(0, cut), callOff, 't1'));
        const upgraded = readSnapshot(old);
        expect(upgraded).not.toBeNull();
        const rest = journal.slice(cut);

        const fresh = advanceSnapshot(emptySnapshot('t2'), journal, callOff, 't2');
        expect(advanceSnapshot(upgraded as JournalSnapshot, rest, callOff, 't2')).toEqual(fresh);
        expect(restoreProduction(upgraded, rest)).toEqual(restoreProduction(null, journal));
        for (const row of [sequence, other]) expect(restoreJis(upgraded, row, rest, { rackSlots: 3 })).toEqual(restoreJis(null, row, journal, { rackSlots: 3 }));
      }),
      { numRuns: 150 },
    );
  });
});
