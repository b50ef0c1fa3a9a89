import { z } from 'zod';

/**
 * Payloads of the events that put counts and blocked material right after
 * the fact (DESIGN §3: facts are never rewritten, corrections are new
 * events). The order travels in the envelope; the approver, where one was
 * needed, is the operator id whose badge and PIN the terminal checked.
 */

const id = z.string().min(1).max(200);
const reason = z.string().trim().min(1).max(500);

/**
 * The good quantity of the order changes by `delta` (never 0): the count at
 * completion differed from the bookings, or a booking was wrong. Above the
 * line's threshold a shift lead approved it.
 */
export const GoodQuantityCorrectedPayload = z.object({
  delta: z
    .number()
    .int()
    .refine((n) => n !== 0, { message: 'a correction changes the quantity' }),
  /** `count`: counted at completion; `booking`: a wrong booking put right. */
  kind: z.enum(['count', 'booking']),
  /** The good quantity the order has after the correction (what was counted). */
  correctedTo: z.number().int().nonnegative(),
  approvedBy: id.optional(),
  reason: reason.optional(),
  /** Parts taken back out of the open container with a correction downwards (they were packed by the wrong booking). */
  fromContainer: z.object({ containerId: id, quantity: z.number().int().positive() }).optional(),
});

/**
 * A batch that was loaded on the order and then blocked by quality keeps
 * being used, on a shift lead's word: their reason and who they are.
 */
export const BlockedBatchOverriddenPayload = z.object({
  materialId: id,
  batch: id,
  /** Why quality blocked it, as the terminal's master data said when it was overridden. */
  blockReason: z.string().max(500).optional(),
  reason,
  approvedBy: id,
});

/** Spread into EVENT_PAYLOADS (shared/events.ts). */
export const CORRECTION_EVENT_PAYLOADS = {
  GoodQuantityCorrected: GoodQuantityCorrectedPayload,
  BlockedBatchOverridden: BlockedBatchOverriddenPayload,
} as const;
