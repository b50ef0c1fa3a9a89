import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acknowledgeGap,
  acknowledgeMismatch,
  applyCallOffRevision,
  closeRack,
  createJisState,
  currentPosition,
  foldJisEvents,
  matchesPosition,
  override,
  positionStatus,
  pullAhead,
  skipPosition,
  unacknowledgedGapBefore,
  verifyScan,
  type JisState,
  type PartIdentity,
} from '../../../shared/jis';
import { JisSequence } from '../../../shared/master-data';
import type { Nok, Ok } from '../../../shared/production';
import { T0 } from '../production/journal';
import { leadApproval, Station } from './harness';

/**
 * For any call-off and any stream of scans, acknowledgements, overrides,
 * breaks and revisions: no position is marked built with a part that did not
 * match it unless an override event exists for it; no position leaves the
 * open set without an event; no rack slot is used twice; the journal alone
 * replays the state.
 */

const PARTS = ['P-A', 'P-B', 'P-C'];
const VARIANTS = ['', 'V1', 'V2'];
const partArb = fc.record({ customerPartNumber: fc.constantFrom(...PARTS), variant: fc.constantFrom(...VARIANTS) });

const sequenceArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 })
  .chain((numbers) => fc.tuple(fc.constant(numbers), fc.array(partArb, { minLength: numbers.length, maxLength: numbers.length })))
  .map(([numbers, parts]) =>
    JisSequence.parse({
      id: 'SEQ-P',
      lineId: 'L1',
      customer: 'OEM',
      callOffRevision: 1,
      positions: numbers.map((n, i) => ({ sequenceNumber: n, vehicleNumber: `V${n}`, dueTime: '2026-11-25T08:00:00.000Z', ...parts[i]! })),
    }),
  );

type PositionRow = { sequenceNumber: number; status: string };

type Op =
  | { kind: 'right' }
  | { kind: 'scan'; part: PartIdentity }
  | { kind: 'ack' | 'override' | 'ack-gap' | 'skip' | 'close-rack' }
  | { kind: 'pull-ahead'; offset: number }
  | { kind: 'revision'; edits: { pick: number; part: { customerPartNumber: string; variant: string }; cancel: boolean }[]; add: number[] };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'right' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('scan' as const), part: fc.record({ partNumber: fc.constantFrom(...PARTS), variant: fc.constantFrom(...VARIANTS) }) }) },
  { weight: 3, arbitrary: fc.constantFrom({ kind: 'ack' as const }, { kind: 'ack-gap' as const }) },
  { weight: 1, arbitrary: fc.constantFrom({ kind: 'override' as const }, { kind: 'skip' as const }, { kind: 'close-rack' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pull-ahead' as const), offset: fc.integer({ min: 1, max: 4 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('revision' as const),
      edits: fc.array(fc.record({ pick: fc.nat(), part: partArb, cancel: fc.boolean() }), { maxLength: 3 }),
      add: fc.array(fc.integer({ min: 1, max: 45 }), { maxLength: 3 }),
    }),
  },
);

function revisionOf(state: JisState, op: Extract<Op, { kind: 'revision' }>): JisSequence {
  const positions = state.positions.map((p) => ({ ...p.data }));
  for (const edit of op.edits) {
    const target = positions[edit.pick % positions.length];
    if (target) Object.assign(target, edit.part, edit.cancel ? { status: 'cancelled' } : {});
  }
  for (const n of op.add) {
    if (!positions.some((p) => p.sequenceNumber === n)) positions.push({ ...positions[0]!, sequenceNumber: n, vehicleNumber: `V${n}`, status: 'open' });
  }
  return JisSequence.parse({ id: state.sequenceId, lineId: 'L1', customer: 'OEM', callOffRevision: state.revision + 1, positions });
}

function step(state: JisState, op: Op): { verdict: Ok | Nok; scanned?: PartIdentity } {
  const current = currentPosition(state);
  switch (op.kind) {
    case 'right': {
      const part = current ? { partNumber: current.data.customerPartNumber, variant: current.data.variant } : { partNumber: 'P-A' };
      return { verdict: verifyScan(state, part, T0), scanned: part };
    }
    case 'scan':
      return { verdict: verifyScan(state, op.part, T0), scanned: op.part };
    case 'ack':
      return { verdict: acknowledgeMismatch(state) };
    case 'ack-gap':
      return { verdict: acknowledgeGap(state) };
    case 'override':
      return { verdict: override(state, leadApproval) };
    case 'skip':
      return { verdict: skipPosition(state, leadApproval, 'quality hold') };
    case 'close-rack':
      return { verdict: closeRack(state) };
    case 'pull-ahead': {
      const open = state.positions.filter((p) => positionStatus(p) === 'open');
      const target = open[op.offset % Math.max(open.length, 1)];
      return { verdict: pullAhead(state, target?.data.sequenceNumber ?? 0, leadApproval, 're-sequenced') };
    }
    case 'revision':
      return { verdict: applyCallOffRevision(state, revisionOf(state, op)) };
  }
}

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
      }),
      { numRuns: 300 },
    );
    for (const type of ['SequencePartVerified', 'SequenceMismatch', 'SequenceOverride', 'SequenceBreak', 'SequenceGapAcknowledged', 'SequenceRevisionApplied', 'builtChanged', 'RackClosed']) {
      expect(seen.get(type) ?? 0, type).toBeGreaterThan(0);
    }
  });
});
