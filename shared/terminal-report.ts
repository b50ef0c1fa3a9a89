import { z } from 'zod';
import { PRINTER_STATES } from './labels/host-status';

/**
 * What a terminal tells the server about itself (POST /api/v1/sync/status),
 * for the terminals page: the app version, its events not yet acknowledged
 * and the oldest one's time, scanner and printer state, storage left and the
 * last sync error. Small and bounded; the server takes the terminal from the
 * token, so a terminal can only ever report on itself.
 */

/** The scanner states of bridge.ts's ScannerStatus (not imported: the bridge imports this file); the renderer's types keep them equal. */
const SCANNER_STATES = ['connected', 'disconnected', 'not-configured'] as const;

export const APP_VERSION = /^[\w.+-]{1,40}$/;

export const TerminalReport = z
  .object({
    /** Only present to be checked against the token's terminal. */
    terminalId: z.string().min(1).max(64).optional(),
    appVersion: z.string().regex(APP_VERSION, 'letters, digits and . + - _ only, at most 40'),
    pending: z.number().int().nonnegative().max(1e9),
    oldestPendingAt: z.string().datetime({ offset: true }).nullable(),
    scanner: z.enum(SCANNER_STATES),
    printer: z.enum(PRINTER_STATES),
    /** Bytes the terminal may still write (the smaller of browser quota left and disk free); null when unknown. */
    storageFreeBytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable(),
    lastError: z
      .object({ code: z.string().min(1).max(64), message: z.string().max(500), at: z.string().datetime({ offset: true }) })
      .strict()
      .nullable(),
  })
  .strict();
export type TerminalReport = z.infer<typeof TerminalReport>;

export const TerminalReportResponse = z.object({ receivedAt: z.string() });
export type TerminalReportResponse = z.infer<typeof TerminalReportResponse>;
