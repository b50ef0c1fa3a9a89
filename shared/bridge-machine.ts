import { z } from 'zod';
import { MachineCyclePayload, MachineStateChangedPayload } from './events';

/**
 * Bridge calls and events of the machine connection (DESIGN §9). The host
 * keeps every machine signal durably until the renderer has journalled it:
 * the renderer takes pending items (`machine:take`), appends them as
 * MachineCycle / MachineStateChanged events, then acknowledges them
 * (`machine:ack`). Ids come from the machine's own counter and timestamps,
 * so an item handed over twice (the renderer died between append and ack) is
 * the same fact and the OEE fold counts it once.
 */

export const MachineItem = z.discriminatedUnion('type', [
  z.object({ id: z.string().min(1).max(300), type: z.literal('MachineCycle'), payload: MachineCyclePayload }),
  z.object({ id: z.string().min(1).max(300), type: z.literal('MachineStateChanged'), payload: MachineStateChangedPayload }),
]);
export type MachineItem = z.infer<typeof MachineItem>;

export const MACHINE_LINK_STATES = ['connected', 'disconnected', 'not-configured'] as const;

/** The broker link and what came over it, for the Status screen and the device tile. */
export const MachineStatus = z.object({
  state: z.enum(MACHINE_LINK_STATES),
  broker: z.string().optional(),
  format: z.enum(['json', 'sparkplug']).optional(),
  message: z.string().optional(),
  /** Signals taken in, and payloads refused: malformed (not parseable) and unknown (parseable, but nothing Takt reads). */
  received: z.number().int().nonnegative(),
  malformed: z.number().int().nonnegative(),
  unknown: z.number().int().nonnegative(),
  /** Items waiting for the renderer to journal them. */
  pending: z.number().int().nonnegative(),
  lastSignalAt: z.string().optional(),
  lastProblem: z.string().optional(),
  /** Next reconnect attempt while the broker is down (backoff). */
  retryInMs: z.number().int().nonnegative().optional(),
});
export type MachineStatus = z.infer<typeof MachineStatus>;

/** What the terminal tells the plant about its line (published retained under the line's ISA-95 topic). */
export const LineState = z
  .object({
    order: z.object({ orderId: z.string().min(1).max(200), orderNumber: z.string().max(200).optional(), materialId: z.string().max(200).optional() }).nullable(),
    counts: z.object({ good: z.number().int().nonnegative(), scrap: z.number().int().nonnegative(), machine: z.number().int().nonnegative().optional() }),
    stopReason: z.object({ reasonId: z.string().min(1).max(200), since: z.string().datetime({ offset: true }) }).nullable(),
    shiftOee: z
      .object({ shiftId: z.string().max(40), availability: z.number().nullable(), performance: z.number().nullable(), quality: z.number().nullable(), oee: z.number().nullable() })
      .nullable(),
    jisPosition: z.number().int().nonnegative().nullable().optional(),
  })
  .strict();
export type LineState = z.infer<typeof LineState>;

const Empty = z.object({}).strict();

export const MACHINE_CALLS = {
  'machine:status': { request: Empty, response: MachineStatus },
  'machine:take': { request: z.object({ limit: z.number().int().min(1).max(5000).default(500) }).strict(), response: z.object({ items: z.array(MachineItem) }) },
  'machine:ack': { request: z.object({ ids: z.array(z.string().min(1).max(300)).max(5000) }).strict(), response: z.object({ acknowledged: z.number().int().nonnegative() }) },
  'machine:line-state': { request: LineState, response: z.object({ published: z.boolean() }) },
} as const;

export const MACHINE_EVENTS = {
  'machine:status': MachineStatus,
} as const;
