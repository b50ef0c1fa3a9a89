import { z } from 'zod';

/** Who works at the terminal, and the terminal's own housekeeping facts. */

export const OperatorLoggedInPayload = z.object({
  badge: z.string().min(1),
  role: z.string().min(1),
  method: z.enum(['badge', 'badge+pin']),
});

export const OperatorLoggedOutPayload = z.object({
  reason: z.enum(['manual', 'inactivity', 'handover']),
});

/** The terminal rebuilt its journal from the host's copy at boot (IndexedDB was missing, empty or behind). */
export const JournalRestoredPayload = z.object({
  restored: z.number().int().nonnegative(),
  fromSeq: z.number().int().nonnegative(),
  toSeq: z.number().int().nonnegative(),
  indexedDb: z.enum(['missing', 'empty', 'behind']),
});

export const SESSION_EVENT_PAYLOADS = {
  OperatorLoggedIn: OperatorLoggedInPayload,
  OperatorLoggedOut: OperatorLoggedOutPayload,
  JournalRestored: JournalRestoredPayload,
} as const;
