import { z } from 'zod';

/**
 * What a dispatched shipment carries beyond its container list, so that the
 * server can write the despatch advice (DESADV, VDA 4913) from the event
 * alone, offline-booked or not: the delivery note number the terminal
 * allocated, the customer (master-data id) and unloading point, and per
 * container or JIS rack the customer part, quantity, SSCC and the batches
 * inside. All optional, so events booked before this detail existed stay
 * valid; the server says why it cannot write a DESADV for one without them.
 */

const id = z.string().min(1).max(200);

export const ShipmentItem = z.object({
  containerId: id,
  sscc: z.string().regex(/^\d{18}$/).optional(),
  materialId: id,
  customerPartNumber: z.string().min(1).max(35),
  quantity: z.number().int().positive(),
  batches: z.array(z.object({ materialId: id.optional(), batch: id })).default([]),
  /** The customer's packaging type (e.g. a KLT or rack type number). */
  packagingType: z.string().min(1).max(17).optional(),
  /** A JIS rack: its sequence and the positions in it, in slot order. */
  sequenceId: id.optional(),
  sequenceNumbers: z.array(z.number().int().nonnegative()).optional(),
});
export type ShipmentItem = z.infer<typeof ShipmentItem>;

export const SHIPMENT_DETAIL_FIELDS = {
  /** Lieferschein-Nr.: digits, at most 8 as VDA 4913 field 713/03 allows (DESADV BGM 1004 takes 35). */
  deliveryNoteNumber: z.string().regex(/^\d{1,8}$/).optional(),
  customerId: id.optional(),
  unloadingPoint: z.string().max(25).optional(),
  carrier: z.string().max(35).optional(),
  vehicleId: z.string().max(25).optional(),
  items: z.array(ShipmentItem).optional(),
  /** The SSCC of the master label a mixed load got (several containers or racks), from the terminal's SSCC range. */
  masterSscc: z.string().regex(/^\d{18}$/).optional(),
};
