import type { ParseResult } from '../barcode';
import type { Approval } from '../production/override';
import { toMillis } from '../production/time';
import { accept, nok, type Nok, type Verdict } from '../production/verdict';
import { describePart, matchesPosition, readPartLabel, type PartIdentity } from './part-label';
import { placeInRack } from './racks';
import { currentPosition, unacknowledgedGapBefore, type JisState, type PositionState } from './state';

/**
 * Verification at the current position, the poka-yoke: the right
 * part advances and takes its rack slot; a wrong part is recorded
 * (SequenceMismatch) and blocks until acknowledged, after which the same
 * position can be scanned again or a shift lead overrides with a reason.
 */

interface Placed {
  sequenceNumber: number;
  rackId: string;
  slot: number;
  /** A rack filled up: print its label. */
  rackLabelRequired: boolean;
  closedRackId: string | null;
}

export type VerifyVerdict = Verdict<Placed & {
  /** The position was due before `now`. */
  late: boolean;
}>;

/** Why the current position cannot take a scan right now, or the position. */
function buildable(state: JisState): PositionState | Nok {
  if (state.mode === 'awaiting-ack') {
    return nok('awaiting-ack', 'Acknowledge the wrong part first.', { sequenceNumber: state.lastMismatch?.sequenceNumber });
  }
  const position = currentPosition(state);
  if (!position) return nok('sequence-complete', 'No open positions are left in this sequence.', { sequenceId: state.sequenceId });
  const gap = state.pulledAhead === position.data.sequenceNumber ? undefined : unacknowledgedGapBefore(state, position.data.sequenceNumber);
  if (gap) {
    return nok('sequence-gap', `Sequence numbers ${gap.from}–${gap.to} are missing from the call-off.`, {
      from: gap.from,
      to: gap.to,
      before: gap.before,
    });
  }
  return position;
}

const isNok = (x: PositionState | Nok): x is Nok => 'ok' in x;

export function verifyScan(state: JisState, scan: ParseResult | PartIdentity, now: number): VerifyVerdict {
  const position = buildable(state);
  if (isNok(position)) return position;
  const part = readPartLabel(scan, state.config.partLabel);
  if (!part) return nok('part-label-unreadable', 'This label names no part number.', {});
  const n = position.data.sequenceNumber;
  if (!matchesPosition(part, position.data)) {
    const expected = describePart(position.data);
    const scanned = describePart(part);
    return nok('sequence-mismatch', `Wrong part: position ${n} needs ${expected}, scanned ${scanned}.`, { sequenceNumber: n, expected, scanned }, [
      { type: 'SequenceMismatch', payload: { sequenceId: state.sequenceId, sequenceNumber: n, expected, scanned } },
    ]);
  }
  const placement = placeInRack(state, n);
  const late = Number.isFinite(toMillis(position.data.dueTime)) && toMillis(position.data.dueTime) < now;
  return accept(
    [
      {
        type: 'SequencePartVerified',
        payload: {
          sequenceId: state.sequenceId,
          sequenceNumber: n,
          customerPartNumber: position.data.customerPartNumber,
          ...(part.serial !== undefined ? { serial: part.serial } : {}),
        },
      },
      ...placement.events,
    ],
    { sequenceNumber: n, rackId: placement.rackId, slot: placement.slot, rackLabelRequired: placement.closedRackId !== null, closedRackId: placement.closedRackId, late },
  );
}

export function acknowledgeMismatch(state: JisState): Verdict {
  if (state.mode !== 'awaiting-ack' || !state.lastMismatch) return nok('nothing-to-acknowledge', 'There is no wrong part to acknowledge.', {});
  return accept([{ type: 'SequenceMismatchAcknowledged', payload: { sequenceId: state.sequenceId, sequenceNumber: state.lastMismatch.sequenceNumber } }]);
}

/**
 * Accepts the last wrong part at the current position anyway, with a shift
 * lead's approval (approveOverride) and a reason. Acknowledges the block.
 */
export function override(state: JisState, approval: Approval, reason: string = approval.reason): Verdict<Placed> {
  const position = currentPosition(state);
  const mismatch = state.lastMismatch;
  if (!position || !mismatch || mismatch.sequenceNumber !== position.data.sequenceNumber) {
    return nok('override-without-mismatch', 'An override accepts a wrong part just scanned at the current position.', {});
  }
  const why = reason.trim();
  if (why === '') return nok('override-reason-required', 'An override needs a reason.', {});
  const n = position.data.sequenceNumber;
  const placement = placeInRack(state, n);
  return accept(
    [{ type: 'SequenceOverride', payload: { sequenceId: state.sequenceId, sequenceNumber: n, reason: why, approvedBy: approval.approvedBy } }, ...placement.events],
    { sequenceNumber: n, rackId: placement.rackId, slot: placement.slot, rackLabelRequired: placement.closedRackId !== null, closedRackId: placement.closedRackId },
  );
}

/** The operator has seen the missing numbers before the current position; building goes on. */
export function acknowledgeGap(state: JisState): Verdict {
  const position = currentPosition(state);
  const gap = position ? unacknowledgedGapBefore(state, position.data.sequenceNumber) : undefined;
  if (!gap) return nok('no-gap', 'There is no gap before the current position.', {});
  return accept([{ type: 'SequenceGapAcknowledged', payload: { sequenceId: state.sequenceId, from: gap.from, to: gap.to } }]);
}
