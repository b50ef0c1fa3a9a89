import { z } from 'zod';
import { CORRECTION_EVENT_PAYLOADS } from './correction-event-payloads';
import { PRODUCTION_EVENT_PAYLOADS } from './event-payloads';
import { WORKFLOW_EVENT_PAYLOADS } from './workflow-event-payloads';
import { MACHINE_EVENT_PAYLOADS } from './machine-event-payloads';
import { SHIPPING_EVENT_PAYLOADS } from './shipping-event-payloads';

/**
 * Facts are events (DESIGN §3). The envelope is shared by every event; each
 * type has its own payload schema. Types are derived from the schemas.
 */

export const SCHEMA_VERSION = 1;

export const OperatorLoggedInPayload = z.object({
  badge: z.string().min(1),
  role: z.string().min(1),
  method: z.enum(['badge', 'badge+pin']),
});

export const OperatorLoggedOutPayload = z.object({
  reason: z.enum(['manual', 'inactivity', 'handover']),
});

export const OrderStartedPayload = z.object({
  orderNumber: z.string().min(1),
  materialId: z.string().min(1),
  quantity: z.number().int().positive(),
});

/** The terminal rebuilt its journal from the host's copy at boot (IndexedDB was missing, empty or behind). */
export const JournalRestoredPayload = z.object({
  restored: z.number().int().nonnegative(),
  fromSeq: z.number().int().nonnegative(),
  toSeq: z.number().int().nonnegative(),
  indexedDb: z.enum(['missing', 'empty', 'behind']),
});

export const EVENT_PAYLOADS = {
  OperatorLoggedIn: OperatorLoggedInPayload,
  OperatorLoggedOut: OperatorLoggedOutPayload,
  OrderStarted: OrderStartedPayload,
  JournalRestored: JournalRestoredPayload,
  ...PRODUCTION_EVENT_PAYLOADS,
  ...WORKFLOW_EVENT_PAYLOADS,
  ...MACHINE_EVENT_PAYLOADS,
  ...CORRECTION_EVENT_PAYLOADS,
  ...SHIPPING_EVENT_PAYLOADS,
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];

export function isKnownEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_PAYLOADS, type);
}

const isoTime = z.string().datetime({ offset: true });

/** The envelope as it travels: payload still opaque so a newer terminal's types survive. */
export const EventEnvelope = z.object({
  id: z.string().uuid(),
  terminalId: z.string().min(1).max(64),
  seq: z.number().int().positive(),
  type: z.string().min(1).max(64),
  occurredAt: isoTime,
  operatorId: z.string().min(1).optional(),
  orderId: z.string().min(1).optional(),
  payload: z.record(z.string(), z.unknown()),
  schemaVersion: z.number().int().positive(),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

export type PayloadOf<T extends EventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

/** A known event with its payload typed by `type`. */
export type TaktEvent = {
  [T in EventType]: Omit<EventEnvelope, 'type' | 'payload'> & { type: T; payload: PayloadOf<T> };
}[EventType];

/** What a caller supplies; the journal adds id, terminalId, seq and the time. */
export type NewEvent = {
  [T in EventType]: { type: T; payload: PayloadOf<T>; operatorId?: string; orderId?: string };
}[EventType];

/** Validates a known type's payload; unknown types are reported, not thrown. */
export function validatePayload(
  type: string,
  payload: unknown,
): { ok: true; known: boolean } | { ok: false; message: string } {
  if (!isKnownEventType(type)) return { ok: true, known: false };
  const parsed = EVENT_PAYLOADS[type].safeParse(payload);
  if (parsed.success) return { ok: true, known: true };
  return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ') };
}
