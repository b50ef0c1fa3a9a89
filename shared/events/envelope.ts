import { z } from 'zod';
import { isoTime } from './fields';

/**
 * Facts are events (DESIGN §3). The envelope is shared by every event; each
 * type has its own payload schema in its domain's file beside this one.
 */

export const SCHEMA_VERSION = 1;

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
