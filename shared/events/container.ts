import { z } from 'zod';
import { SHIPMENT_DETAIL_FIELDS } from '../shipping/shipment';
import { count, id, sscc } from './fields';

/** Packing and goods-out: containers, their labels and the shipment that takes them. */

export const ContainerOpenedPayload = z.object({
  containerId: id,
  sscc: sscc.optional(),
  materialId: id.optional(),
  capacity: count.optional(),
});
/** A serial part, or `quantity` unserialised parts of the envelope's order, into a container. */
export const PartPackedPayload = z.object({ containerId: id, serial: id.optional(), quantity: count.default(1) });
export const ContainerClosedPayload = z.object({ containerId: id, quantity: z.number().int().nonnegative().optional() });

export const LabelPrintedPayload = z.object({
  jobId: id,
  templateId: id,
  containerId: id.optional(),
  sscc: sscc.optional(),
  copies: count.default(1),
});
export const LabelReprintedPayload = z.object({ jobId: id, templateId: id, reason: z.string().min(1), containerId: id.optional() });

export const ShipmentDispatchedPayload = z.object({
  shipmentId: id,
  containerIds: z.array(id).min(1),
  customer: z.string().min(1).optional(),
  ...SHIPMENT_DETAIL_FIELDS,
});

export const CONTAINER_EVENT_PAYLOADS = {
  ContainerOpened: ContainerOpenedPayload,
  PartPacked: PartPackedPayload,
  ContainerClosed: ContainerClosedPayload,
  LabelPrinted: LabelPrintedPayload,
  LabelReprinted: LabelReprintedPayload,
  ShipmentDispatched: ShipmentDispatchedPayload,
} as const;
