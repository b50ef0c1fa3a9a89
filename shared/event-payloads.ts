import { z } from 'zod';
import { SHIPMENT_DETAIL_FIELDS } from './shipping/shipment';

/**
 * Payloads of the production events (DESIGN §3) that the server projects into
 * order progress, genealogy and quality flags. The order an event belongs to
 * travels in the envelope (`orderId`), the operator in `operatorId`; payloads
 * carry only what is specific to the fact. Times are the envelope's
 * `occurredAt` unless a payload says otherwise.
 */

const id = z.string().min(1).max(200);
const quantity = z.number().positive();
const count = z.number().int().positive();

export const OrderPausedPayload = z.object({ reason: z.string().min(1).optional() });
export const OrderResumedPayload = z.object({});
export const OrderCompletedPayload = z.object({
  /** The operator closed the order below its planned quantity. */
  short: z.boolean().optional(),
  /** Good parts left in no container, and where the operator said they are (e.g. `rework`). */
  unpacked: z.object({ quantity: count, where: z.string().trim().min(1).max(100) }).optional(),
});

/** A batch scanned for a BOM item: from now on parts of the order are made from it (a batch window). */
export const MaterialLoadedPayload = z.object({
  materialId: id,
  batch: id,
  supplier: z.string().min(1).optional(),
  quantity: quantity.optional(),
  /** Expiry from the batch label (GS1 AI 17), `YYYY-MM-DD` or an ISO time. */
  expiresAt: z.string().min(1).optional(),
});
export const MaterialConsumedPayload = z.object({ materialId: id, batch: id, quantity });

export const GoodQuantityBookedPayload = z.object({ quantity: count });
export const ScrapBookedPayload = z.object({ quantity: count, reasonId: id, serial: id.optional(), note: z.string().optional() });

/** One serialised part made; `components` lists batches scanned for this very part (otherwise batch windows apply). */
export const PartProducedPayload = z.object({
  serial: id,
  materialId: id.optional(),
  components: z.array(z.object({ materialId: id, batch: id })).optional(),
});

export const ContainerOpenedPayload = z.object({
  containerId: id,
  sscc: z.string().regex(/^\d{18}$/).optional(),
  materialId: id.optional(),
  capacity: count.optional(),
});
/** A serial part, or `quantity` unserialised parts of the envelope's order, into a container. */
export const PartPackedPayload = z.object({ containerId: id, serial: id.optional(), quantity: count.default(1) });
export const ContainerClosedPayload = z.object({ containerId: id, quantity: z.number().int().nonnegative().optional() });
export const ShipmentDispatchedPayload = z.object({
  shipmentId: id,
  containerIds: z.array(id).min(1),
  customer: z.string().min(1).optional(),
  ...SHIPMENT_DETAIL_FIELDS,
});

export const SequencePartVerifiedPayload = z.object({
  sequenceId: id,
  sequenceNumber: z.number().int().nonnegative(),
  customerPartNumber: z.string().min(1),
  serial: id.optional(),
});
export const SequenceMismatchPayload = z.object({
  sequenceId: id,
  sequenceNumber: z.number().int().nonnegative(),
  expected: z.string().min(1),
  scanned: z.string().min(1),
});
/** A mismatch accepted anyway; `approvedBy` is the operator id of the PIN-verified approver. */
export const SequenceOverridePayload = z.object({
  sequenceId: id,
  sequenceNumber: z.number().int().nonnegative(),
  reason: z.string().min(1),
  approvedBy: id,
});

export const LabelPrintedPayload = z.object({
  jobId: id,
  templateId: id,
  containerId: id.optional(),
  sscc: z.string().regex(/^\d{18}$/).optional(),
  copies: count.default(1),
});
export const LabelReprintedPayload = z.object({ jobId: id, templateId: id, reason: z.string().min(1), containerId: id.optional() });

/** Spread into EVENT_PAYLOADS (shared/events.ts). */
export const PRODUCTION_EVENT_PAYLOADS = {
  OrderPaused: OrderPausedPayload,
  OrderResumed: OrderResumedPayload,
  OrderCompleted: OrderCompletedPayload,
  MaterialLoaded: MaterialLoadedPayload,
  MaterialConsumed: MaterialConsumedPayload,
  GoodQuantityBooked: GoodQuantityBookedPayload,
  ScrapBooked: ScrapBookedPayload,
  PartProduced: PartProducedPayload,
  ContainerOpened: ContainerOpenedPayload,
  PartPacked: PartPackedPayload,
  ContainerClosed: ContainerClosedPayload,
  ShipmentDispatched: ShipmentDispatchedPayload,
  SequencePartVerified: SequencePartVerifiedPayload,
  SequenceMismatch: SequenceMismatchPayload,
  SequenceOverride: SequenceOverridePayload,
  LabelPrinted: LabelPrintedPayload,
  LabelReprinted: LabelReprintedPayload,
} as const;
