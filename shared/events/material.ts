import { z } from 'zod';
import { id, reason } from './fields';

/**
 * Batches on the line (DESIGN §8): what was loaded for an order, what was
 * consumed, and a blocked batch kept in use on a shift lead's word.
 */

/** A batch scanned for a BOM item: from now on parts of the order are made from it (a batch window). */
export const MaterialLoadedPayload = z.object({
  materialId: id,
  batch: id,
  supplier: z.string().min(1).optional(),
  quantity: z.number().positive().optional(),
  /** Expiry from the batch label (GS1 AI 17), `YYYY-MM-DD` or an ISO time. */
  expiresAt: z.string().min(1).optional(),
});
export const MaterialConsumedPayload = z.object({ materialId: id, batch: id, quantity: z.number().positive() });

/**
 * A batch that was loaded on the order and then blocked by quality keeps
 * being used, on a shift lead's word: their reason and who they are (the
 * operator id whose badge and PIN the terminal checked).
 */
export const BlockedBatchOverriddenPayload = z.object({
  materialId: id,
  batch: id,
  /** Why quality blocked it, as the terminal's master data said when it was overridden. */
  blockReason: z.string().max(500).optional(),
  reason,
  approvedBy: id,
});

export const MATERIAL_EVENT_PAYLOADS = {
  MaterialLoaded: MaterialLoadedPayload,
  MaterialConsumed: MaterialConsumedPayload,
  BlockedBatchOverridden: BlockedBatchOverriddenPayload,
} as const;
