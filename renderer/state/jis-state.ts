import type { JisConfig, JisState, RackCheckSession, callOffStale } from '../../shared/jis';
import type { JisSequence } from '../../shared/master-data';
import type { Reason } from '../../shared/production/verdict';
import type { ReprintReason } from './jis-reprint';

/**
 * The JIS screen's state: the engine's JisState restored from the cached
 * call-off plus the journal, the last verdict, the blocking mismatch, the
 * rack check and the rack label. Every fact is a journal append first; the
 * state shown folds the envelopes the journal returned.
 */

export const DEFAULT_CALL_OFF_MAX_AGE_MS = 30 * 60_000;
export const OVERRIDE_REASONS = ['customer-approved', 'equivalent-part', 'label-damaged', 'quality-approved'] as const;
export type OverrideReason = (typeof OVERRIDE_REASONS)[number];
/** Why a position is skipped or pulled ahead (a break): quality holds first, they are the usual case. */
export const BREAK_REASONS = ['quality-hold', 'part-missing', 'part-damaged', 'customer-resequenced'] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];

/** What the shift lead approves: a wrong part (override) or a break at a position. */
export type JisApprovalPurpose = { kind: 'override' } | { kind: 'skip'; sequenceNumber: number } | { kind: 'pull-ahead'; sequenceNumber: number };

export interface JisVerdict {
  tone: 'ok' | 'nok' | 'warn';
  code: string;
  params: Record<string, unknown>;
  serial: number;
}

export interface JisRackPrint {
  rackId: string;
  svg: string | null;
  status: 'printing' | 'done' | 'held' | 'failed';
  message?: string;
  /** The print job; a reprint has a new one. */
  jobId?: string;
  reprint?: boolean;
}

export interface JisSliceState {
  /** The line's cached call-offs. */
  jisSequences: JisSequence[];
  jis: JisState | null;
  /** Overrides on top of the line's master-data settings (tests, diagnostics); empty in operation. */
  jisConfig: Partial<JisConfig>;
  jisMaxCallOffAgeMs: number;
  jisVerdict: JisVerdict | null;
  jisRackCheck: RackCheckSession | null;
  jisPrint: JisRackPrint | null;
  /** The reprint dialog (reason) for a rack's label. */
  jisReprint: { rackId: string } | null;
  /** Alerts of revisions applied in this session (built positions that changed); shown until dismissed. */
  jisAlerts: Reason[];
  jisBusy: boolean;
}

export interface JisActions {
  /** Reads the line's call-offs from the cache; applies a newer revision of the open one. */
  refreshJis(): Promise<void>;
  openJis(sequenceId: string): Promise<void>;
  closeJis(): void;
  setJisMaxCallOffAge(ms: number): void;
  jisScan(raw: string): Promise<void>;
  acknowledgeJisMismatch(): Promise<void>;
  acknowledgeJisGap(): Promise<void>;
  /** Accept the wrong part: a shift lead approves on the approval layer (badge, PIN, reason); settles when it was booked or refused. */
  startJisOverride(): void;
  /** Skip the current position, or pull `sequenceNumber` ahead: a break, approved by a shift lead (badge, PIN, reason). */
  startJisBreak(kind: 'skip' | 'pull-ahead', sequenceNumber?: number): void;
  closeJisRack(): Promise<void>;
  printJisRackLabel(rackId: string): Promise<void>;
  /** The print banner's "print again": a held label goes again as the same job; a failed one only as a reprint with a reason. */
  retryJisRackPrint(): Promise<void>;
  startJisReprint(rackId: string): void;
  cancelJisReprint(): void;
  /** A new print job of the rack's label with the reason; LabelReprinted is booked once it printed. */
  reprintJisRackLabel(rackId: string, reason: ReprintReason): Promise<void>;
  dismissJisAlerts(): void;
  /** Whether the cached call-off is older than the configured age (by the last successful sync), at the store's clock. */
  jisCallOffStale(): ReturnType<typeof callOffStale> | null;
}

export type JisSlice = JisSliceState & JisActions;

export const initialJis: JisSliceState = {
  jisSequences: [],
  jis: null,
  jisConfig: {},
  jisMaxCallOffAgeMs: DEFAULT_CALL_OFF_MAX_AGE_MS,
  jisVerdict: null,
  jisRackCheck: null,
  jisPrint: null,
  jisReprint: null,
  jisAlerts: [],
  jisBusy: false,
};
