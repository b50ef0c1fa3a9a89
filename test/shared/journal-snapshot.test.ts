import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JisSequence } from '../../shared/master-data';
import { advanceSnapshot, emptySnapshot, forgetFinishedBefore, restoreJis, restoreProduction, SNAPSHOT_VERSION, type JournalSnapshot } from '../../shared/journal-snapshot';
import { readSnapshot } from '../../shared/journal-snapshot-upgrade';
import { journalOf, productionArb } from './support/snapshot-journal';
import { Station } from './jis/harness';
import { opArb, sequenceArb, step } from './jis/ops';

/**
 * Snapshot + fold equivalence: for any journal and any cut(s),
 * the snapshot at the cut (after a JSON round trip, as stored) plus the
 * events after it restores exactly the state the whole journal folds to,
 * for the production state, the printed jobs and every JIS sequence; also
 * when a sequence's call-off was unknown when the snapshot was taken.
 */

/** What the store keeps: a snapshot goes through storage as plain data. */
const stored = (s: JournalSnapshot) => JSON.parse(JSON.stringify(s)) as JournalSnapshot;

describe('journal snapshots', () => {
  it('snapshot at any cut(s) + the events after it == folding the whole journal (production, printed jobs, JIS)', () => {
    fc.assert(
      fc.property(
        sequenceArb,
        fc.array(opArb, { maxLength: 40 }),
        fc.array(productionArb, { maxLength: 40 }),
        fc.boolean(),
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
        fc.boolean(),
        (sequence, ops, production, undo, cuts, otherKnownAtFirstCut) => {
          const station = new Station(sequence, { rackSlots: 3 });
          for (const op of ops) station.run(step(station.state, op).verdict);
          const journal = journalOf(station.events, production, undo);
          const other = JisSequence.parse({ ...sequence, id: 'SEQ-Q' });
          const [c1, c2] = cuts.map((c) => Math.floor(c * (journal.length + 1))).sort((a, b) => a - b) as [number, number];

          const first = advanceSnapshot(emptySnapshot('t1'), journal.slice(0, c1), (id) => (id === 'SEQ-P' || otherKnownAtFirstCut ? (id === 'SEQ-P' ? sequence : other) : undefined), 't1');
          const second = advanceSnapshot(stored(first), journal.slice(c1, c2), (id) => (id === 'SEQ-P' ? sequence : id === 'SEQ-Q' ? other : undefined), 't2');
          const snapshot = stored(second);
          expect(snapshot.seq).toBe(journal.slice(0, c2).at(-1)?.seq ?? 0);
          // The restore gets every event still in the journal; those the snapshot covers are skipped.
          const rest = journal.slice(c2);

          expect(restoreProduction(snapshot, rest)).toEqual(restoreProduction(null, journal));
          for (const row of [sequence, other]) {
            expect(restoreJis(snapshot, row, rest, { rackSlots: 3 })).toEqual(restoreJis(null, row, journal, { rackSlots: 3 }));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the events of a sequence whose call-off is unknown, and folds them once it is known', () => {
    const row = JisSequence.parse({ id: 'SEQ-P', lineId: 'L1', customer: 'OEM', callOffRevision: 1, positions: [{ sequenceNumber: 1, vehicleNumber: 'V1', customerPartNumber: 'P', dueTime: '2026-01-01T00:00:00.000Z' }] });
    const station = new Station(row);
    const verified = step(station.state, { kind: 'right' }).verdict;
    station.run(verified);
    const unknown = advanceSnapshot(emptySnapshot('t'), station.events, () => undefined, 't');
    expect(unknown.jis).toEqual({});
    expect(unknown.unfoldedJis.map((e) => e.type)).toEqual(['SequencePartVerified', 'RackOpened', 'RackSlotFilled']);
    expect(restoreJis(unknown, row, station.events).positions[0]?.build?.kind).toBe('verified');
    const known = advanceSnapshot(unknown, [], (id) => (id === 'SEQ-P' ? row : undefined), 't');
    expect(known.unfoldedJis).toEqual([]);
    expect(known.jis['SEQ-P']?.positions[0]?.build?.kind).toBe('verified');
  });

  it('forgets only orders completed before the cutoff; a snapshot with none that old comes back unchanged', () => {
    const events = journalOf([], [
      { type: 'OrderStarted', orderId: 'O-1', payload: { orderNumber: 'N', materialId: 'M', quantity: 10 } },
      { type: 'ContainerOpened', orderId: 'O-1', payload: { containerId: 'C-1', capacity: 4 } },
      { type: 'OrderCompleted', orderId: 'O-1', payload: {} },
      { type: 'OrderStarted', orderId: 'O-2', payload: { orderNumber: 'N', materialId: 'M', quantity: 10 } },
      { type: 'ContainerOpened', orderId: 'O-2', payload: { containerId: 'C-2', capacity: 4 } },
    ], false);
    const snapshot = advanceSnapshot(emptySnapshot('2026-02-01T00:00:00.000Z'), events, () => undefined, '2026-02-01T00:00:00.000Z');
    // O-1 completed at 00:02 on 1 January (one minute per event).
    expect(forgetFinishedBefore(snapshot, new Date(Date.UTC(2026, 0, 1, 0, 2)))).toBe(snapshot);
    const forgotten = forgetFinishedBefore(snapshot, new Date(Date.UTC(2026, 0, 1, 0, 3)));
    expect(Object.keys(forgotten.production.orders)).toEqual(['O-2']);
    expect(Object.keys(forgotten.production.containers)).toEqual(['C-2']);
    expect(forgotten.seq).toBe(snapshot.seq);
    // The started order stays however old the cutoff.
    expect(Object.keys(forgetFinishedBefore(snapshot, new Date(Date.UTC(2030, 0, 1))).production.orders)).toEqual(['O-2']);
  });

  it('reads snapshots of its own version and none of a newer one', () => {
    const snapshot = emptySnapshot('t');
    expect(readSnapshot(stored(snapshot))).toEqual(snapshot);
    expect(readSnapshot({ ...snapshot, version: SNAPSHOT_VERSION + 1 })).toBeNull();
    expect(readSnapshot({ ...snapshot, production: undefined })).toBeNull();
    expect(readSnapshot({ ...snapshot, seq: -1 })).toBeNull();
    expect(readSnapshot(null)).toBeNull();
  });
});
