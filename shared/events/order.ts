import { z } from 'zod';
import { count, id } from './fields';

/**
 * An order's life on the line: started, paused, resumed, handed over,
 * completed. The order travels in the envelope (`orderId`), the acting
 * operator in `operatorId`; payloads carry only what is specific to the fact.
 */

export const OrderStartedPayload = z.object({
  orderNumber: z.string().min(1),
  materialId: z.string().min(1),
  quantity: z.number().int().positive(),
});
export const OrderPausedPayload = z.object({ reason: z.string().min(1).optional() });
export const OrderResumedPayload = z.object({});
export const OrderCompletedPayload = z.object({
  /** The operator closed the order below its planned quantity. */
  short: z.boolean().optional(),
  /** Good parts left in no container, and where the operator said they are (e.g. `rework`). */
  unpacked: z.object({ quantity: count, where: z.string().trim().min(1).max(100) }).optional(),
});

/** The order keeps running; only the responsible operator changes (shift change). */
export const OrderHandedOverPayload = z.object({
  fromOperatorId: id.optional(),
  toOperatorId: id,
});

export const ORDER_EVENT_PAYLOADS = {
  OrderStarted: OrderStartedPayload,
  OrderPaused: OrderPausedPayload,
  OrderResumed: OrderResumedPayload,
  OrderCompleted: OrderCompletedPayload,
  OrderHandedOver: OrderHandedOverPayload,
} as const;
