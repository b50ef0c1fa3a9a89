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

/** The longest a notify request waits for a new revision before it answers "nothing new". */
export const NOTIFY_MAX_WAIT_SECONDS = 25;

/** GET /api/v1/sync/notify: wait until the terminal's line has a revision above `since`. */
export const NotifyQuery = z.object({
  since: z.coerce.number().int().nonnegative(),
  /** Seconds to wait at most (default and ceiling NOTIFY_MAX_WAIT_SECONDS); 0 answers at once. */
  wait: z.coerce.number().int().nonnegative().max(NOTIFY_MAX_WAIT_SECONDS).default(NOTIFY_MAX_WAIT_SECONDS),
});
export type NotifyQuery = z.infer<typeof NotifyQuery>;

export const NotifyResponse = z.object({
  /** The newest revision of the line, or `since` again when nothing changed within the wait. */
  rev: z.number().int().nonnegative(),
  changed: z.boolean(),
});
export type NotifyResponse = z.infer<typeof NotifyResponse>;

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
