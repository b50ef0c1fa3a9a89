import { z } from 'zod';
import { id, isoTime } from './fields';

/**
 * Payloads of the machine and downtime events (DESIGN §9). Machine events
 * carry the machine's own timestamps (`at`, `from`, `to`): the envelope's
 * `occurredAt` is when the terminal journalled them, which after an outage of
 * the renderer can be much later. `signalId` is derived by the host from the
 * machine's sequence number or timestamp, so the same signal handed over
 * twice is recognised and never counted twice.
 */

export const MACHINE_STATES = ['running', 'stopped', 'fault', 'no-signal'] as const;
export type MachineState = (typeof MACHINE_STATES)[number];

/** Parts the machine counted in [from, to] (one batch per host interval). */
export const MachineCyclePayload = z.object({
  machineId: id,
  count: z.number().int().positive(),
  from: isoTime,
  to: isoTime,
  /** The first and last signal of the batch, for deduplication and audit. */
  firstSignalId: id,
  lastSignalId: id,
});

/**
 * The machine's state from `at` on. `no-signal` is the host's: no signal for
 * longer than the configured gap, from the last signal heard on (unqualified
 * downtime until someone classifies it). `derived` marks a state the host
 * inferred (a cycle after a gap means the machine runs again).
 */
export const MachineStateChangedPayload = z.object({
  machineId: id,
  state: z.enum(MACHINE_STATES),
  at: isoTime,
  alarmCode: z.string().min(1).max(100).optional(),
  signalId: id,
  derived: z.boolean().optional(),
});

/**
 * A stop the operator books: by hand (the line has no machine signals, or the
 * machine did not see it), or to give a machine stop its reason (then `from`
 * and `to` are the machine stop's). `to` absent: the stop is still going on,
 * ended later by DowntimeEnded. Time inside a booked stop takes its reason.
 */
export const DowntimeBookedPayload = z.object({
  stopId: id,
  from: isoTime,
  to: isoTime.optional(),
  reasonId: id.optional(),
  note: z.string().max(500).optional(),
});
export const DowntimeEndedPayload = z.object({ stopId: id, to: isoTime });

/**
 * The operator gives a machine stop its reason: the stop that began at `from`
 * (the machine's own time of its first not-running state). The stop keeps the
 * machine's extent, however long it still goes on; `stopId` names this
 * classification for a later split or reclassification.
 */
export const DowntimeClassifiedPayload = z.object({ stopId: id, from: isoTime, reasonId: id, machineId: id.optional() });

/** A shift lead splits a stop at `at`: the part from `at` on becomes `newStopId` with its own reason. */
export const DowntimeSplitPayload = z.object({ stopId: id, at: isoTime, newStopId: id, reasonId: id.optional() });
/** A shift lead gives a stop another reason (the booking stays, this event says what it is now). */
export const DowntimeReclassifiedPayload = z.object({ stopId: id, reasonId: id, note: z.string().max(500).optional() });

export const MACHINE_EVENT_PAYLOADS = {
  MachineCycle: MachineCyclePayload,
  MachineStateChanged: MachineStateChangedPayload,
  DowntimeBooked: DowntimeBookedPayload,
  DowntimeEnded: DowntimeEndedPayload,
  DowntimeClassified: DowntimeClassifiedPayload,
  DowntimeSplit: DowntimeSplitPayload,
  DowntimeReclassified: DowntimeReclassifiedPayload,
} as const;
