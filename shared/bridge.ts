import { z } from 'zod';
import { CodedErrorSchema, type CodedError, type Result } from './errors';
import { type CallName, type EventName } from './bridge-channels';
import { PullQuery, PullResponse, PushResponse } from './sync-protocol';
import { EventEnvelope } from './events';
import { JOURNAL_COPY_CALLS } from './bridge-journal';
import { MACHINE_CALLS, MACHINE_EVENTS } from './bridge-machine';
import { PrinterStatus } from './labels/host-status';
import { LabelModel } from './labels/model';
import { LOG_LEVELS } from './log';
import { TerminalReport, TerminalReportResponse } from './terminal-report';

/**
 * The bridge contract (DESIGN §2): every call between renderer and host with
 * the schema of its request and response, and every host → renderer event.
 * Both transports (Electron IPC and the loopback WebSocket) use this table.
 */

export const HostInfo = z.object({
  terminalId: z.string(),
  serverUrl: z.string(),
  version: z.string(),
  transport: z.enum(['electron', 'browser']),
  /** The terminal's configured UI language; the renderer falls back to the browser's. */
  language: z.enum(['de', 'en']).optional(),
  /** Keyboard-wedge burst gap in ms (TAKT_WEDGE_GAP_MS); absent = the renderer's default (50 ms). */
  wedgeGapMs: z.number().int().positive().optional(),
  /** Space-guard settings (TAKT_STORAGE_*); an absent field keeps the renderer's default. */
  storage: z
    .object({
      minFreeBytes: z.number().int().positive().optional(),
      maxQuotaUse: z.number().gt(0).max(1).optional(),
      refreshMs: z.number().int().positive().optional(),
    })
    .optional(),
  /** Synced events older than this are pruned (TAKT_RETENTION_DAYS); absent = the renderer's default (30 days). */
  retentionMaxAgeMs: z.number().int().positive().optional(),
});
export type HostInfo = z.infer<typeof HostInfo>;

export const DiskInfo = z.object({ freeBytes: z.number().nonnegative(), totalBytes: z.number().nonnegative() });
export type DiskInfo = z.infer<typeof DiskInfo>;

export const SCANNER_STATES = ['connected', 'disconnected', 'not-configured'] as const;
export const ScannerStatus = z.object({
  state: z.enum(SCANNER_STATES),
  port: z.string().optional(),
  message: z.string().optional(),
});
export type ScannerStatus = z.infer<typeof ScannerStatus>;

export const SCAN_SOURCES = ['serial', 'wedge', 'camera'] as const;
export const RawScan = z.object({
  raw: z.string().max(8192),
  source: z.enum(SCAN_SOURCES),
  receivedAt: z.string(),
  port: z.string().optional(),
  /**
   * When the scan's last byte reached the host: epoch ms with sub-ms precision
   * (`performance.timeOrigin + performance.now()`), the clock the renderer's
   * performance marks use too, so scan → verdict on screen can be measured.
   */
  lastByteAt: z.number().nonnegative().optional(),
});
export type RawScan = z.infer<typeof RawScan>;

export const DeviceStatus = z.object({ device: z.literal('scanner'), status: ScannerStatus });
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/** The server has master data up to this revision for the terminal's line (host long poll): pull if the cache is behind. */
export const MasterChanged = z.object({ rev: z.number().int().nonnegative() }).strict();
export type MasterChanged = z.infer<typeof MasterChanged>;

const Empty = z.object({}).strict();

/**
 * A label to print: the model the screen previewed (the host compiles it; it
 * never takes ZPL from the renderer), once per job id. A reprint is a new job
 * naming the original and the operator's reason.
 */
export const PrintRequest = z
  .object({
    jobId: z.string().min(1).max(64),
    model: LabelModel,
    copies: z.number().int().min(1).max(999).default(1),
    reprintOf: z.string().min(1).max(64).optional(),
    reprintReason: z.string().max(500).optional(),
  })
  .strict()
  .refine((r) => r.reprintOf === undefined || (r.reprintReason ?? '').trim() !== '', { message: 'a reprint needs a reason', path: ['reprintReason'] });

/** done: printed; held: not sent (printer not ready), job stays queued; failed: sent, not confirmed. */
export const PrintOutcome = z.object({
  jobId: z.string(),
  outcome: z.enum(['done', 'held', 'failed']),
  reason: CodedErrorSchema.optional(),
  status: PrinterStatus,
});
export type PrintOutcome = z.infer<typeof PrintOutcome>;

/** Why an attempt that did not end `done` did not print: the host's reason, or its outcome as a code when it gave none. */
export function outcomeReason(attempt: Pick<PrintOutcome, 'outcome' | 'reason'>): CodedError {
  return attempt.reason ?? { code: attempt.outcome === 'held' ? 'print-held' : 'print-failed', message: attempt.outcome };
}

/** Renderer log records for the host's log file (shared/log.ts); bounded so a flood cannot stall the host. */
export const LogRecordSchema = z.object({
  at: z.string().max(40),
  level: z.enum(LOG_LEVELS),
  logger: z.string().min(1).max(64),
  message: z.string().max(4000),
  data: z.unknown().optional(),
});

export const BRIDGE_CALLS = {
  'host:info': { request: Empty, response: HostInfo },
  'host:disk': { request: Empty, response: DiskInfo },
  'scanner:status': { request: Empty, response: ScannerStatus },
  /** The host adds the terminal id and token; the renderer never sees the token. */
  'sync:push': { request: z.object({ events: z.array(EventEnvelope).max(2000) }), response: PushResponse },
  'sync:pull': { request: PullQuery, response: PullResponse },
  /** The terminal's own state for the terminals page; the host posts it with the terminal's token. */
  'sync:status': { request: TerminalReport, response: TerminalReportResponse },
  'printer:print': { request: PrintRequest, response: PrintOutcome },
  'printer:status': { request: Empty, response: PrinterStatus },
  'log:write': { request: z.object({ records: z.array(LogRecordSchema).max(200) }).strict(), response: z.object({ written: z.number().int().nonnegative() }) },
  ...JOURNAL_COPY_CALLS,
  ...MACHINE_CALLS,
} as const satisfies Record<CallName, { request: z.ZodType; response: z.ZodType }>;

export const BRIDGE_EVENTS = {
  'scanner:scan': RawScan,
  'device:status': DeviceStatus,
  'printer:status': PrinterStatus,
  ...MACHINE_EVENTS,
  'master:changed': MasterChanged,
} as const satisfies Record<EventName, z.ZodType>;

// Compile-time proof that bridge-channels.ts lists exactly the calls and events above.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const callsAgree: Exact<keyof typeof BRIDGE_CALLS, CallName> = true;
const eventsAgree: Exact<keyof typeof BRIDGE_EVENTS, EventName> = true;
void callsAgree;
void eventsAgree;

export type CallRequest<C extends CallName> = z.input<(typeof BRIDGE_CALLS)[C]['request']>;
export type ParsedRequest<C extends CallName> = z.output<(typeof BRIDGE_CALLS)[C]['request']>;
export type CallResponse<C extends CallName> = z.output<(typeof BRIDGE_CALLS)[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof BRIDGE_EVENTS)[E]>;

/** What the renderer holds: the same shape whichever transport carries it. */
export interface BridgeClient {
  call<C extends CallName>(channel: C, request: CallRequest<C>): Promise<Result<CallResponse<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What the host implements: one handler per call, given an already parsed request. */
export type HostHandlers = {
  [C in CallName]: (request: ParsedRequest<C>) => Promise<CallResponse<C>>;
};

/** The flat object the Electron preload exposes on `window.takt`. */
export interface PreloadApi {
  call(channel: string, request: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export { CALL_NAMES, EVENT_NAMES, isCallName, isEventName, IPC_PREFIX } from './bridge-channels';
export type { CallName, EventName } from './bridge-channels';
