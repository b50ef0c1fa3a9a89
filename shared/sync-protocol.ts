import { z } from 'zod';
import { EventEnvelope } from './events';
import { MasterKindName } from './master-data';

/** Sync protocol (DESIGN §5): push events by seq, pull master data by revision. */

export const PUSH_MAX_EVENTS = 2000;
export const PULL_MAX_LIMIT = 1000;

export const PushRequest = z.object({
  terminalId: z.string().min(1),
  events: z.array(EventEnvelope).max(PUSH_MAX_EVENTS),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const PushResponse = z.object({
  /** Highest seq the server holds with no gap below it: the terminal's new cursor. */
  ackSeq: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(PULL_MAX_LIMIT).default(500),
});
export type PullQuery = z.infer<typeof PullQuery>;

/** One master-data change; `deleted` rows are tombstones and carry no data. */
export const MasterChange = z.object({
  kind: MasterKindName,
  id: z.string().min(1),
  rev: z.number().int().positive(),
  deleted: z.boolean(),
  data: z.unknown().optional(),
});
export type MasterChange = z.infer<typeof MasterChange>;

export const PullResponse = z.object({
  changes: z.array(MasterChange),
  /** The checkpoint to send as `after` next time. */
  rev: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
