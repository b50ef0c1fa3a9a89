import { z } from 'zod';
import { count, id, reason } from './fields';

/**
 * Just-in-sequence building (DESIGN §7): each position of the customer's
 * call-off verified, mismatched, overridden or deliberately broken, the
 * call-off's revisions, and the racks the positions go into. Every payload
 * names its sequence, so a terminal running several keeps them apart.
 */

const sequenceNumber = z.number().int().nonnegative();

export const SequencePartVerifiedPayload = z.object({
  sequenceId: id,
  sequenceNumber,
  customerPartNumber: z.string().min(1),
  serial: id.optional(),
});
export const SequenceMismatchPayload = z.object({
  sequenceId: id,
  sequenceNumber,
  expected: z.string().min(1),
  scanned: z.string().min(1),
});
/** The operator saw the red screen of a SequenceMismatch; the same position may be scanned again. */
export const SequenceMismatchAcknowledgedPayload = z.object({ sequenceId: id, sequenceNumber });
/** A mismatch accepted anyway; `approvedBy` is the operator id of the PIN-verified approver. */
export const SequenceOverridePayload = z.object({
  sequenceId: id,
  sequenceNumber,
  reason: z.string().min(1),
  approvedBy: id,
});

/**
 * A deliberate deviation from the customer's order: a position skipped (e.g. a
 * quality hold; it is not built now) or pulled ahead (built before its turn).
 */
export const SequenceBreakPayload = z.object({
  sequenceId: id,
  sequenceNumber,
  kind: z.enum(['skipped', 'pulled-ahead']),
  reason,
  approvedBy: id,
});

/** Sequence numbers `from`..`to` are missing from the call-off; the operator saw it before building past it. */
export const SequenceGapAcknowledgedPayload = z.object({ sequenceId: id, from: sequenceNumber, to: sequenceNumber });

export const PositionData = z.object({
  sequenceNumber,
  vehicleNumber: z.string().min(1),
  customerPartNumber: z.string().min(1),
  variant: z.string(),
  quantity: count,
  dueTime: z.string().min(1),
  unloadingPoint: z.string(),
  rack: z.string(),
  slot: z.number().int().positive().optional(),
  status: z.enum(['open', 'cancelled']),
});
export type PositionData = z.infer<typeof PositionData>;

/**
 * The terminal switched to a newer call-off revision. Added and changed
 * positions are carried in full so the journal alone replays the sequence;
 * `builtChanged` lists built positions the revision touched (a quality alert).
 */
export const SequenceRevisionAppliedPayload = z.object({
  sequenceId: id,
  fromRevision: z.number().int().nonnegative(),
  toRevision: z.number().int().nonnegative(),
  added: z.array(PositionData),
  changed: z.array(PositionData),
  cancelled: z.array(sequenceNumber),
  builtChanged: z.array(sequenceNumber),
});

export const RackOpenedPayload = z.object({ rackId: id, sequenceId: id, slots: count });
/** A built position's part went into this slot. */
export const RackSlotFilledPayload = z.object({ rackId: id, sequenceId: id, slot: count, sequenceNumber });
export const RackClosedPayload = z.object({ rackId: id, sequenceId: id, filledSlots: z.number().int().nonnegative() });
/** The final check before goods-out: rack label scanned and, where configured, every slot again. */
export const RackCheckedPayload = z.object({
  rackId: id,
  sequenceId: id,
  result: z.enum(['passed', 'failed']),
  slotsRechecked: z.number().int().nonnegative(),
  failedSlot: count.optional(),
});

export const JIS_EVENT_PAYLOADS = {
  SequencePartVerified: SequencePartVerifiedPayload,
  SequenceMismatch: SequenceMismatchPayload,
  SequenceMismatchAcknowledged: SequenceMismatchAcknowledgedPayload,
  SequenceOverride: SequenceOverridePayload,
  SequenceBreak: SequenceBreakPayload,
  SequenceGapAcknowledged: SequenceGapAcknowledgedPayload,
  SequenceRevisionApplied: SequenceRevisionAppliedPayload,
  RackOpened: RackOpenedPayload,
  RackSlotFilled: RackSlotFilledPayload,
  RackClosed: RackClosedPayload,
  RackChecked: RackCheckedPayload,
} as const;
