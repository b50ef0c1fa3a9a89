import type { z } from 'zod';
import { CONTAINER_EVENT_PAYLOADS } from './container';
import { SCHEMA_VERSION, type EventEnvelope } from './envelope';
import { JIS_EVENT_PAYLOADS } from './jis';
import { MACHINE_EVENT_PAYLOADS } from './machine';
import { MATERIAL_EVENT_PAYLOADS } from './material';
import { ORDER_EVENT_PAYLOADS } from './order';
import { QUANTITY_EVENT_PAYLOADS } from './quantity';
import { SESSION_EVENT_PAYLOADS } from './session';
import { SHIPPING_EVENT_PAYLOADS } from './shipping';

export * from './container';
export * from './envelope';
export * from './jis';
export * from './machine';
export * from './material';
export * from './order';
export * from './quantity';
export * from './session';

/**
 * Every event type the code knows, by domain (one file each beside this one).
 * Types are derived from the schemas; `parseEvent` is the one way an opaque
 * envelope becomes a typed event, for the folds, the trace and the server's
 * projection alike.
 */
export const EVENT_DOMAINS = {
  session: SESSION_EVENT_PAYLOADS,
  order: ORDER_EVENT_PAYLOADS,
  material: MATERIAL_EVENT_PAYLOADS,
  quantity: QUANTITY_EVENT_PAYLOADS,
  container: CONTAINER_EVENT_PAYLOADS,
  jis: JIS_EVENT_PAYLOADS,
  machine: MACHINE_EVENT_PAYLOADS,
  shipping: SHIPPING_EVENT_PAYLOADS,
} as const;

export const EVENT_PAYLOADS = {
  ...SESSION_EVENT_PAYLOADS,
  ...ORDER_EVENT_PAYLOADS,
  ...MATERIAL_EVENT_PAYLOADS,
  ...QUANTITY_EVENT_PAYLOADS,
  ...CONTAINER_EVENT_PAYLOADS,
  ...JIS_EVENT_PAYLOADS,
  ...MACHINE_EVENT_PAYLOADS,
  ...SHIPPING_EVENT_PAYLOADS,
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];

export function isKnownEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_PAYLOADS, type);
}

export type PayloadOf<T extends EventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;

/** A known event with its payload typed by `type`. */
export type TaktEvent = {
  [T in EventType]: Omit<EventEnvelope, 'type' | 'payload'> & { type: T; payload: PayloadOf<T> };
}[EventType];

/** A known event of one type. */
export type EventOf<T extends EventType> = Extract<TaktEvent, { type: T }>;

/** What a caller supplies; the journal adds id, terminalId, seq and the time. */
export type NewEvent = {
  [T in EventType]: { type: T; payload: PayloadOf<T>; operatorId?: string; orderId?: string };
}[EventType];

const describeIssues = (error: z.ZodError): string => error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');

/** Validates a known type's payload before it is journalled; unknown types are reported, not thrown. */
export function validatePayload(
  type: string,
  payload: unknown,
): { ok: true; known: boolean } | { ok: false; message: string } {
  if (!isKnownEventType(type)) return { ok: true, known: false };
  const parsed = EVENT_PAYLOADS[type].safeParse(payload);
  if (parsed.success) return { ok: true, known: true };
  return { ok: false, message: describeIssues(parsed.error) };
}

/**
 * Why an envelope is not a `TaktEvent`. The first two are not faults: a newer
 * terminal's types and versions are stored as they are and left unprojected.
 */
export type EventRejection = 'unknown-event-type' | 'newer-schema-version' | 'invalid-payload';

export type EventCheck = { ok: true; event: TaktEvent } | { ok: false; code: EventRejection; message: string };

/**
 * Whether the code understands the event: a known type at a schema version it
 * knows (the payload is not looked at). A newer terminal's events (new type or
 * newer payload version) are stored by the server with known=false rather
 * than refused, since a fact is never rejected.
 */
export function isUnderstood(event: Pick<EventEnvelope, 'type' | 'schemaVersion'>): boolean {
  return isKnownEventType(event.type) && !(event.schemaVersion > SCHEMA_VERSION);
}

/**
 * An envelope as a typed event, its payload parsed by its type's schema
 * (schema defaults applied), or a coded reason why not. Never throws.
 */
export function checkEvent(raw: EventEnvelope): EventCheck {
  if (!isKnownEventType(raw.type)) return { ok: false, code: 'unknown-event-type', message: `event type ${raw.type} is unknown` };
  if (!isUnderstood(raw)) {
    return { ok: false, code: 'newer-schema-version', message: `${raw.type} at schema version ${raw.schemaVersion} (known: ${SCHEMA_VERSION})` };
  }
  const parsed = EVENT_PAYLOADS[raw.type].safeParse(raw.payload);
  if (!parsed.success) return { ok: false, code: 'invalid-payload', message: describeIssues(parsed.error) };
  return { ok: true, event: { ...raw, payload: parsed.data } as TaktEvent };
}

/** The typed event, or null for one the code does not understand; a fold skips those rather than break on them. */
export function parseEvent(raw: EventEnvelope): TaktEvent | null {
  const checked = checkEvent(raw);
  return checked.ok ? checked.event : null;
}
