import { z } from 'zod';

/**
 * Payloads of the operator-workflow and JIS events (issues 8 and 9) that
 * event-payloads.ts does not declare. Same conventions: the order travels in
 * the envelope (`orderId`), the acting operator in `operatorId`; payloads
 * carry only what is specific to the fact. Corrections are new events that
 * reference the event they correct by its envelope id (DESIGN §3).
 */

const id = z.string().min(1).max(200);
const count = z.number().int().positive();
const sequenceNumber = z.number().int().nonnegative();
const reason = z.string().trim().min(1).max(500);

/** The order keeps running; only the responsible operator changes (shift change). */
export const OrderHandedOverPayload = z.object({
  fromOperatorId: id.optional(),
  toOperatorId: id,
});

/** A shift lead confirmed a scrap booking above the line's threshold; written right before its ScrapBooked. */
export const ScrapApprovedPayload = z.object({
  reasonId: id,
  quantity: count,
  approvedBy: id,
  reason,
});

/** Compensates one ScrapBooked (by envelope id); quantity and reason are repeated so projections need no lookup. */
export const ScrapUndonePayload = z.object({
  scrapEventId: id,
  reasonId: id,
  quantity: count,
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

/** The operator saw the red screen of a SequenceMismatch; the same position may be scanned again. */
export const SequenceMismatchAcknowledgedPayload = z.object({
  sequenceId: id,
  sequenceNumber,
});

/** Sequence numbers `from`..`to` are missing from the call-off; the operator saw it before building past it. */
export const SequenceGapAcknowledgedPayload = z.object({
  sequenceId: id,
  from: sequenceNumber,
  to: sequenceNumber,
});

const PositionData = z.object({
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

/** Spread into EVENT_PAYLOADS (shared/events.ts) by the lead. */
export const WORKFLOW_EVENT_PAYLOADS = {
  OrderHandedOver: OrderHandedOverPayload,
  ScrapApproved: ScrapApprovedPayload,
  ScrapUndone: ScrapUndonePayload,
  SequenceBreak: SequenceBreakPayload,
  SequenceMismatchAcknowledged: SequenceMismatchAcknowledgedPayload,
  SequenceGapAcknowledged: SequenceGapAcknowledgedPayload,
  SequenceRevisionApplied: SequenceRevisionAppliedPayload,
  RackOpened: RackOpenedPayload,
  RackSlotFilled: RackSlotFilledPayload,
  RackClosed: RackClosedPayload,
  RackChecked: RackCheckedPayload,
} as const;

export type WorkflowEventType = keyof typeof WORKFLOW_EVENT_PAYLOADS;
export type WorkflowPayloadOf<T extends WorkflowEventType> = z.infer<(typeof WORKFLOW_EVENT_PAYLOADS)[T]>;

/** A new workflow event as commands return it; the journal adds id, terminalId, seq and the time. */
export type NewWorkflowEvent = {
  [T in WorkflowEventType]: { type: T; payload: WorkflowPayloadOf<T>; operatorId?: string; orderId?: string };
}[WorkflowEventType];
