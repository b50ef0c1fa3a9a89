import { z } from 'zod';
import { ShipmentItem } from '../shipping/shipment';

/**
 * Loading a truck, fact by fact, so that a reload (or a crash) in the middle
 * of loading keeps what is on it: a delivery is started for a customer and
 * unloading point, each container or rack loaded onto it is booked with
 * what the dispatch screen checked, and ShipmentDispatched closes it.
 */

const id = z.string().min(1).max(200);

export const DeliveryStartedPayload = z.object({
  shipmentId: id,
  customerId: id,
  unloadingPoint: z.string().max(25).optional(),
});

/** One container (one item) or one JIS rack (an item per customer part in it). */
export const ShipmentContainerLoadedPayload = z.object({
  shipmentId: id,
  items: z.array(ShipmentItem).min(1),
});

/** Spread into EVENT_PAYLOADS (index.ts). */
export const SHIPPING_EVENT_PAYLOADS = {
  DeliveryStarted: DeliveryStartedPayload,
  ShipmentContainerLoaded: ShipmentContainerLoadedPayload,
} as const;
