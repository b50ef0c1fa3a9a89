import { z } from 'zod';
import { count, id, reason } from './fields';

/**
 * What the order made: good parts, serialised parts, scrap, and the
 * corrections that put counts right after the fact (DESIGN §3: facts are
 * never rewritten; a correction is a new event that names what it corrects).
 */

export const GoodQuantityBookedPayload = z.object({ quantity: count });

/** One serialised part made; `components` lists batches scanned for this very part (otherwise batch windows apply). */
export const PartProducedPayload = z.object({
  serial: id,
  materialId: id.optional(),
  components: z.array(z.object({ materialId: id, batch: id })).optional(),
});

export const ScrapBookedPayload = z.object({ quantity: count, reasonId: id, serial: id.optional(), note: z.string().optional() });

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

export const QUANTITY_EVENT_PAYLOADS = {
  GoodQuantityBooked: GoodQuantityBookedPayload,
  GoodQuantityCorrected: GoodQuantityCorrectedPayload,
  PartProduced: PartProducedPayload,
  ScrapBooked: ScrapBookedPayload,
  ScrapApproved: ScrapApprovedPayload,
  ScrapUndone: ScrapUndonePayload,
} as const;
