import fc from 'fast-check';
import {
  acknowledgeGap,
  acknowledgeMismatch,
  applyCallOffRevision,
  closeRack,
  currentPosition,
  override,
  positionStatus,
  pullAhead,
  skipPosition,
  verifyScan,
  type JisState,
  type PartIdentity,
} from '../../../shared/jis';
import { JisSequence } from '../../../shared/master-data';
import type { Nok, Ok } from '../../../shared/production';
import { T0 } from '../production/journal';
import { leadApproval } from './harness';

/** Random call-offs and operator streams for the engine's properties (and the snapshot properties). */

const PARTS = ['P-A', 'P-B', 'P-C'];
const VARIANTS = ['', 'V1', 'V2'];
const partArb = fc.record({ customerPartNumber: fc.constantFrom(...PARTS), variant: fc.constantFrom(...VARIANTS) });

export const sequenceArb = fc
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

export type PositionRow = { sequenceNumber: number; status: string };

export type Op =
  | { kind: 'right' }
  | { kind: 'scan'; part: PartIdentity }
  | { kind: 'ack' | 'override' | 'ack-gap' | 'skip' | 'close-rack' }
  | { kind: 'pull-ahead'; offset: number }
  | { kind: 'revision'; edits: { pick: number; part: { customerPartNumber: string; variant: string }; cancel: boolean }[]; add: number[] };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
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

export function step(state: JisState, op: Op): { verdict: Ok | Nok; scanned?: PartIdentity } {
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

