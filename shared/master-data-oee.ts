import { z } from 'zod';

/**
 * Master data for downtime and OEE (DESIGN §9): when a line is planned to
 * produce (shift model), how fast a part ideally takes (routing), and what a
 * stop on the line can be (downtime reasons with their OEE loss).
 */

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a wall-clock time HH:MM');

/** A planned stop inside a shift (breaks do not count as downtime). */
export const ShiftBreak = z.object({ start: clock, end: clock });

export const Shift = z.object({
  id: z.string().min(1).max(40),
  name: z.string().min(1).max(60),
  /** Wall-clock start and end in the model's time zone; an end at or before the start ends the next day. */
  start: clock,
  end: clock,
  breaks: z.array(ShiftBreak).default([]),
  /** ISO weekdays the shift is worked (1 = Monday … 7 = Sunday); absent = every day. */
  days: z.array(z.number().int().min(1).max(7)).min(1).optional(),
});
export type Shift = z.infer<typeof Shift>;

/** One per line: its shifts; planned production time = shift time − breaks. */
export const ShiftModel = z.object({
  id: z.string().min(1),
  lineId: z.string().min(1),
  /** IANA zone the wall-clock times are in (so a shift stays 06:00 across daylight saving). */
  timeZone: z.string().min(1).default('UTC'),
  shifts: z.array(Shift).min(1),
});
export type ShiftModel = z.infer<typeof ShiftModel>;

/** Ideal cycle time of a material at an operation (the routing's standard). */
export const Routing = z.object({
  id: z.string().min(1),
  materialId: z.string().min(1),
  /** Absent = the material's cycle time whatever the operation. */
  operation: z.string().min(1).optional(),
  idealCycleSeconds: z.number().positive().max(86_400),
});
export type Routing = z.infer<typeof Routing>;

/** Which OEE factor a stop's time is lost to. */
export const LOSS_CATEGORIES = ['availability', 'performance', 'quality'] as const;
export type LossCategory = (typeof LOSS_CATEGORIES)[number];

export const DowntimeReason = z.object({
  id: z.string().min(1),
  lineId: z.string().min(1),
  code: z.string().min(1).max(40),
  loss: z.enum(LOSS_CATEGORIES),
  label: z.object({ de: z.string().min(1), en: z.string().min(1) }),
});
export type DowntimeReason = z.infer<typeof DowntimeReason>;

/** Spread into MASTER_KINDS (shared/master-data.ts). */
export const OEE_MASTER_KINDS = {
  'shift-model': ShiftModel,
  routing: Routing,
  'downtime-reason': DowntimeReason,
} as const;

export interface OeeMasterRowByKind {
  'shift-model': ShiftModel;
  routing: Routing;
  'downtime-reason': DowntimeReason;
}
