import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createJisState,
  currentPosition,
  findGaps,
  findPosition,
  findRack,
  foldJisEvents,
  matchesPosition,
  nextPositions,
  positionStatus,
  unacknowledgedGapBefore,
  type JisState,
} from '../../../shared/jis';
import { Station } from './harness';
import { opArb, sequenceArb, step, type PositionRow } from './ops';

/**
 * For any call-off and any stream of scans, acknowledgements, overrides,
 * breaks and revisions: no position is marked built with a part that did not
 * match it unless an override event exists for it; no position leaves the
 * open set without an event; no rack slot is used twice; the journal alone
 * replays the state.
 */

describe('sequence engine properties', () => {
  it('never builds a wrong part without an override, never drops a position silently, never reuses a slot', () => {
    // What the random streams exercised, so the property cannot pass vacuously.
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(sequenceArb, fc.array(opArb, { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), fc.boolean(), (sequence, ops, rackSlots, recheckSlots) => {
        const s = new Station(sequence, { rackSlots, recheckSlots });
        const initial = s.state;
        for (const op of ops) {
          const before = s.state;
          const { verdict, scanned } = step(before, op);
          s.run(verdict); // validates every payload against its schema
          for (const e of verdict.events ?? []) seen.set(e.type, (seen.get(e.type) ?? 0) + 1);
          if (verdict.ok && verdict.events.some((e) => e.type === 'SequenceRevisionApplied' && e.payload.builtChanged.length > 0)) seen.set('builtChanged', 1);
          if (!verdict.ok) {
            expect(s.state.positions.map(positionStatus)).toEqual(before.positions.map(positionStatus));
            continue;
          }
          for (const event of verdict.events) {
            if (event.type !== 'SequencePartVerified' && event.type !== 'SequenceOverride') continue;
            const n = event.payload.sequenceNumber;
            const position = before.positions.find((p) => p.data.sequenceNumber === n);
            expect(position && positionStatus(position)).toBe('open');
            // The poka-yoke: a verified part matched its position when it was built …
            if (event.type === 'SequencePartVerified') expect(scanned && position && matchesPosition(scanned, position.data)).toBe(true);
            // … an override needs the mismatch it accepts, at that very position.
            if (event.type === 'SequenceOverride') expect(before.lastMismatch?.sequenceNumber).toBe(n);
            // … and nothing before it was passed over without a record (break, gap acknowledgement).
            if (before.pulledAhead !== n) {
              expect(before.positions.filter((p) => p.data.sequenceNumber < n && positionStatus(p) === 'open')).toEqual([]);
              expect(unacknowledgedGapBefore(before, n)).toBeUndefined();
            }
          }
        }

        const journal = s.events;
        const has = (type: string, n: number) => journal.some((e) => e.type === type && e.payload['sequenceNumber'] === n);
        const cancelledByRevision = (n: number) =>
          journal.some((e) => {
            if (e.type !== 'SequenceRevisionApplied') return false;
            const p = e.payload as { cancelled: number[]; added: PositionRow[]; changed: PositionRow[] };
            return p.cancelled.includes(n) || [...p.added, ...p.changed].some((c) => c.sequenceNumber === n && c.status === 'cancelled');
          });
        for (const p of s.state.positions) {
          const n = p.data.sequenceNumber;
          const status = positionStatus(p);
          if (status === 'verified') expect(has('SequencePartVerified', n)).toBe(true);
          if (status === 'overridden') expect(has('SequenceOverride', n)).toBe(true);
          if (status === 'skipped') expect(journal.some((e) => e.type === 'SequenceBreak' && e.payload['kind'] === 'skipped' && e.payload['sequenceNumber'] === n)).toBe(true);
          if (status === 'cancelled' && initial.positions.find((q) => q.data.sequenceNumber === n)?.data.status !== 'cancelled') expect(cancelledByRevision(n)).toBe(true);
          // A built position sits in exactly one slot; an unbuilt one in none.
          expect(p.rackSlot !== null).toBe(status === 'verified' || status === 'overridden');
        }

        const slots = s.state.racks.flatMap((r) => r.filled.map((f) => ({ ...f, rackId: r.rackId, size: r.slots })));
        expect(new Set(slots.map((f) => `${f.rackId}#${f.slot}`)).size).toBe(slots.length);
        expect(new Set(slots.map((f) => f.sequenceNumber)).size).toBe(slots.length);
        for (const f of slots) expect(f.slot).toBeLessThanOrEqual(f.size);
        expect(s.state.racks.filter((r) => r.status === 'open').length).toBeLessThanOrEqual(1);

        // The journal alone reproduces the state.
        expect(foldJisEvents(createJisState(sequence, { rackSlots, recheckSlots }), journal)).toEqual(s.state);
        // A batch fold reuses only arrays it made itself: the state it starts from is left as it was.
        const half = foldJisEvents(createJisState(sequence, { rackSlots, recheckSlots }), journal.slice(0, journal.length >> 1));
        const halfBefore = JSON.stringify(half);
        expect(foldJisEvents(half, journal.slice(journal.length >> 1))).toEqual(s.state);
        expect(JSON.stringify(half)).toBe(halfBefore);
      }),
      { numRuns: 300 },
    );
    for (const type of ['SequencePartVerified', 'SequenceMismatch', 'SequenceOverride', 'SequenceBreak', 'SequenceGapAcknowledged', 'SequenceRevisionApplied', 'builtChanged', 'RackClosed']) {
      expect(seen.get(type) ?? 0, type).toBeGreaterThan(0);
    }
  });

  it('indexed lookups (position by number, cursor, neighbour gap, rack by id) agree with a plain scan of the state', () => {
    // The reference: the definitions before the index and the cursor existed.
    const naiveCurrent = (st: JisState) => {
      const ahead = st.pulledAhead !== null ? st.positions.find((p) => p.data.sequenceNumber === st.pulledAhead) : undefined;
      return ahead && positionStatus(ahead) === 'open' ? ahead : st.positions.find((p) => positionStatus(p) === 'open');
    };
    const naiveGap = (st: JisState, n: number) => {
      const gap = findGaps(st).find((g) => g.before === n);
      return gap && !st.acknowledgedGaps.includes(`${gap.from}-${gap.to}`) ? gap : undefined;
    };
    fc.assert(
      fc.property(sequenceArb, fc.array(opArb, { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (sequence, ops, rackSlots) => {
        const s = new Station(sequence, { rackSlots });
        for (const op of ops) {
          s.run(step(s.state, op).verdict);
          const st = s.state;
          expect(currentPosition(st)).toBe(naiveCurrent(st));
          const current = naiveCurrent(st);
          expect(nextPositions(st, 5)).toEqual(st.positions.filter((p) => p !== current && positionStatus(p) === 'open').slice(0, 5));
          for (const n of [0, ...st.positions.map((p) => p.data.sequenceNumber), 99]) {
            expect(findPosition(st, n)).toBe(st.positions.find((p) => p.data.sequenceNumber === n));
            expect(unacknowledgedGapBefore(st, n)).toEqual(naiveGap(st, n));
          }
          for (const r of st.racks) expect(findRack(st, r.rackId)).toBe(r);
          // A JSON round trip (a snapshot) loses the index memo, never the answers.
          const copy = JSON.parse(JSON.stringify(st)) as JisState;
          expect(copy).toEqual(st);
          expect(currentPosition(copy)?.data.sequenceNumber).toBe(current?.data.sequenceNumber);
        }
      }),
      { numRuns: 200 },
    );
  });
});
