import { parseBarcode } from '../../shared/barcode';
import type { EventEnvelope, NewEvent } from '../../shared/events';
import {
  acknowledgeGap,
  acknowledgeMismatch,
  applyCallOffRevision,
  applyJisEvent,
  beginRackCheck,
  callOffStale,
  checkRackSlot,
  closeRack,
  currentPosition,
  jisConfigFromLine,
  override,
  pullAhead,
  skipPosition,
  verifyScan,
  type JisConfig,
  type JisState,
  type RackCheckSession,
} from '../../shared/jis';
import type { JournalSnapshot } from '../../shared/journal-snapshot';
import type { CodedError, Result } from '../../shared/errors';
import type { JisSequence } from '../../shared/master-data';
import { approveOverride, type Approval } from '../../shared/production/override';
import { nok, type DomainEvent, type Reason } from '../../shared/production/verdict';
import { normalizeScan } from '../scan/scan-text';
import type { ApprovalOutcome } from './approval/approval-slice';
import type { ApprovalSubject } from './approval/approval-flow';
import type { AppendResult } from '../storage/envelopes';
import { JOURNAL_COPY_KEYS, storageLowText } from '../storage/storage-refusal';
import type { StoreDeps } from './deps';
import { restoreJisState } from './jis-logic';
import { createJisPrintActions } from './jis-print-actions';
import type { ReprintReason } from './jis-reprint';
import type { SliceCreator } from './types';
import { logger } from '../lib/log';

/**
 * The JIS screen's state (issue 9): the engine's JisState restored from the
 * cached call-off plus the journal, the last verdict, the blocking mismatch,
 * the shift-lead override flow and the rack label. Every fact is a journal
 * append first; the state shown folds the envelopes the journal returned.
 */

/** What the JIS slice reads beyond StoreDeps' ports; the real Journal and Cache have both. */
interface JisJournal {
  eventsAfter(seq: number, limit: number): Promise<EventEnvelope[]>;
  /** The latest journal snapshot: restore folds only the events after it (retention may have pruned those before). */
  latestSnapshot(): Promise<JournalSnapshot | null>;
}
interface JisCache {
  all(kind: 'jis-sequence'): Promise<JisSequence[]>;
}

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

const PAGE = 2000;

export const createJisSlice =
  (deps: StoreDeps): SliceCreator<JisSlice> =>
  (set, get) => {
    const journal = deps.journal as StoreDeps['journal'] & Partial<JisJournal>;
    const cache = deps.cache as StoreDeps['cache'] & Partial<JisCache>;
    let serial = 0;

    const verdict = (tone: JisVerdict['tone'], code: string, params: Record<string, unknown> = {}) =>
      set({ jisVerdict: { tone, code, params, serial: ++serial } });

    /** The latest snapshot and the events after it. */
    async function restoreSource(): Promise<{ snapshot: JournalSnapshot | null; events: EventEnvelope[] }> {
      const snapshot = typeof journal.latestSnapshot === 'function' ? await journal.latestSnapshot() : null;
      return { snapshot, events: await eventsAfter(snapshot?.seq ?? 0) };
    }

    async function eventsAfter(seq: number): Promise<EventEnvelope[]> {
      if (typeof journal.eventsAfter !== 'function') return [];
      const out: EventEnvelope[] = [];
      for (;;) {
        const page = await journal.eventsAfter(out.at(-1)?.seq ?? seq, PAGE);
        out.push(...page);
        if (page.length < PAGE) return out;
      }
    }

    async function lineSequences(): Promise<JisSequence[]> {
      if (typeof cache.all !== 'function') return [];
      const lineId = get().terminalRow?.lineId;
      if (!lineId) return [];
      const rows = await cache.all('jis-sequence');
      return rows.filter((s) => s.lineId === lineId);
    }

    /** Rack size, recheck, variant source and call-off age from the terminal line's cached row. */
    function lineJisConfig() {
      const fromLine = jisConfigFromLine(get().line?.settings);
      for (const warning of fromLine.warnings) logger('jis').warn(`line ${get().line?.id ?? '?'}: ${warning}`);
      return fromLine;
    }

    /** The events as the operator's (the journal records who did it). */
    function withOperatorOf(events: readonly DomainEvent[]): NewEvent[] {
      const operatorId = get().terminal.operator?.id;
      return events.map((e) => (operatorId ? { ...e, operatorId } : e)) as NewEvent[];
    }

    /** Appends, folds the journal's envelopes into the JIS state; false (with a NOK verdict) when the write failed. */
    /** A storage or journal-copy refusal gets its own translated sentence (jis.verdict.storage-low-*, jis.verdict.journal-copy-*); anything else "not saved: <message>". */
    function refused(error: CodedError): void {
      const storage = storageLowText(error);
      if (JOURNAL_COPY_KEYS[error.code]) verdict('nok', error.code, {});
      else verdict('nok', storage ? `storage-low-${storage.reason}` : 'save-failed', storage ? storage.params : { message: error.message });
    }

    async function record(events: readonly DomainEvent[]): Promise<boolean> {
      if (events.length === 0) return true;
      const withOperator = withOperatorOf(events);
      const result = await deps.journal.append(withOperator, { clock: deps.clock });
      if (!result.ok) {
        refused(result.error);
        return false;
      }
      applyBooked(result.value);
      return true;
    }

    /** Folds committed events into the JIS state (after `record`, or a printed rack label's booking). */
    function applyBooked(booked: AppendResult): void {
      const jis = get().jis;
      set({ terminal: booked.state, ...(jis ? { jis: booked.events.reduce(applyJisEvent, jis) } : {}) });
      deps.notifySync();
    }

    /** A printed label's booking: folded when it committed, the refusal shown when the journal refused it. */
    function booked(outcome: Result<AppendResult> | undefined): boolean {
      if (!outcome) return true;
      if (!outcome.ok) {
        refused(outcome.error);
        return false;
      }
      applyBooked(outcome.value);
      return true;
    }

    async function busy<T>(work: () => Promise<T>): Promise<T | undefined> {
      if (get().jisBusy) return undefined;
      set({ jisBusy: true });
      try {
        return await work();
      } finally {
        set({ jisBusy: false });
      }
    }

    const printActions = createJisPrintActions({ deps, get, set, busy, booked, withOperatorOf });

    /** Scans run one after the other, none is dropped while an earlier one is still being written. */
    let scanQueue: Promise<void> = Promise.resolve();

    /** A filled rack's label prints without holding up the next scan (its state shows on the screen). */
    function afterPlacement(closedRackId: string | null) {
      if (closedRackId) void get().printJisRackLabel(closedRackId);
    }

    async function verifyPart(raw: string) {
      set({ jisBusy: true });
      try {
        if (await handleRackCheck(raw)) return;
        const jis = get().jis;
        if (!jis) return;
        const result = verifyScan(jis, parseBarcode(normalizeScan(raw)), deps.clock().getTime());
        if (!result.ok) {
          await record(result.events ?? []);
          verdict('nok', result.reason.code, result.reason.params as Record<string, unknown>);
          return;
        }
        if (!(await record(result.events))) return;
        verdict('ok', 'verified', { sequenceNumber: result.sequenceNumber, rackId: result.rackId, slot: result.slot, late: result.late ? 1 : 0 });
        afterPlacement(result.closedRackId);
      } finally {
        set({ jisBusy: false });
      }
    }

    async function applyRevisionFrom(sequences: JisSequence[]) {
      const jis = get().jis;
      if (!jis) return;
      const row = sequences.find((s) => s.id === jis.sequenceId);
      if (!row || row.callOffRevision <= jis.revision) return;
      const result = applyCallOffRevision(jis, row);
      if (!result.ok) return;
      if (!(await record(result.events))) return;
      if (result.alerts.length > 0) {
        set({ jisAlerts: [...get().jisAlerts, ...result.alerts] });
        verdict('nok', 'revision-built-changed', { count: result.alerts.length });
      } else {
        verdict('warn', 'revision-applied', { revision: row.callOffRevision });
      }
    }

    async function handleRackCheck(raw: string): Promise<boolean> {
      const jis = get().jis;
      if (!jis) return false;
      const session = get().jisRackCheck;
      const parsed = parseBarcode(normalizeScan(raw));
      if (session) {
        const result = checkRackSlot(jis, session, parsed);
        if (!result.ok) {
          await record(result.events ?? []);
          set({ jisRackCheck: null });
          verdict('nok', result.reason.code, result.reason.params as Record<string, unknown>);
          return true;
        }
        await record(result.events);
        set({ jisRackCheck: result.session });
        verdict('ok', result.passed ? 'rack-check-passed' : 'rack-slot-ok', { rackId: session.rackId, next: (result.session?.nextIndex ?? 0) + 1 });
        return true;
      }
      const begin = beginRackCheck(jis, parsed.ok ? parsed : raw.trim());
      if (!begin.ok && begin.reason.code === 'rack-unknown') return false;
      if (!begin.ok) {
        verdict('nok', begin.reason.code, begin.reason.params as Record<string, unknown>);
        return true;
      }
      await record(begin.events);
      set({ jisRackCheck: begin.session });
      const rackId = begin.session?.rackId ?? String((begin.events[0]?.payload as { rackId?: string } | undefined)?.rackId ?? '');
      verdict('ok', begin.passed ? 'rack-check-passed' : 'rack-check-started', { rackId, next: 1 });
      return true;
    }

    /** The approved break: the engine's SequenceBreak event, then the chain shows it. */
    async function recordBreak(purpose: Exclude<JisApprovalPurpose, { kind: 'override' }>, approval: Approval, reason: string, approverName: string) {
      await busy(async () => {
        const jis = get().jis;
        if (!jis) return;
        const current = currentPosition(jis)?.data.sequenceNumber;
        // The current position moved on meanwhile (another scan): skip only the one the shift lead saw.
        const result =
          purpose.kind === 'skip'
            ? current === purpose.sequenceNumber
              ? skipPosition(jis, approval, reason)
              : nok('position-not-current', 'The current position changed; start again.', { sequenceNumber: purpose.sequenceNumber })
            : pullAhead(jis, purpose.sequenceNumber, approval, reason);
        if (!result.ok) {
          verdict('nok', result.reason.code, result.reason.params as Record<string, unknown>);
          return;
        }
        if (!(await record(result.events))) return;
        verdict('warn', purpose.kind === 'skip' ? 'skipped' : 'pulled-ahead', { sequenceNumber: result.sequenceNumber, approver: approverName });
      });
    }

    async function handleScan(raw: string) {
      if (get().approvalScan(raw)) return; // the shift lead's badge, while an approval waits
      if (!get().jis) return;
      await verifyPart(raw);
    }

    type Approved = { approval: Approval; reason: string; approverName: string };

    /** Asks the approval layer; `then` runs once a shift lead approved with a reason (a lockout is said as a verdict). */
    function shiftLeadApproval(what: ApprovalSubject, reasonCodes: readonly string[], reasonLabels: string, then: (approved: Approved) => Promise<void>) {
      get().requestApproval({ what, requiredRole: 'shift-lead', reasonCodes, reasonLabels }, async (outcome: ApprovalOutcome) => {
        if (!outcome.ok) {
          if (outcome.cause === 'locked-out') verdict('nok', 'approval-locked-out', { minutes: outcome.minutes });
          return;
        }
        const reason = outcome.reason ?? '';
        const approved = approveOverride({ approver: { id: outcome.approver.id, role: outcome.approver.role }, pinVerified: true, reason });
        if (!approved.ok) {
          verdict('nok', approved.reason.code, approved.reason.params as Record<string, unknown>);
          return;
        }
        await then({ approval: approved.approval, reason, approverName: outcome.approver.name });
      });
    }

    return {
      ...initialJis,

      async refreshJis() {
        const sequences = await lineSequences();
        set({ jisSequences: sequences });
        await applyRevisionFrom(sequences);
      },

      async openJis(sequenceId) {
        const sequences = get().jisSequences.length > 0 ? get().jisSequences : await lineSequences();
        const row = sequences.find((s) => s.id === sequenceId);
        if (!row) return;
        const { snapshot, events } = await restoreSource();
        const fromLine = lineJisConfig();
        set({
          jisSequences: sequences,
          ...(fromLine.callOffMaxAgeMs !== null ? { jisMaxCallOffAgeMs: fromLine.callOffMaxAgeMs } : {}),
          jis: restoreJisState(row, events, { ...fromLine.config, ...get().jisConfig }, snapshot),
          jisVerdict: null,
          jisRackCheck: null,
        });
      },

      closeJis() {
        void get().cancelApproval();
        set({ jis: null, jisVerdict: null, jisRackCheck: null, jisPrint: null, jisReprint: null });
      },

      setJisMaxCallOffAge(ms) {
        set({ jisMaxCallOffAgeMs: ms });
      },

      jisScan(raw) {
        const run = scanQueue.then(() => handleScan(raw));
        scanQueue = run.catch(() => undefined);
        return run;
      },

      async acknowledgeJisMismatch() {
        const jis = get().jis;
        if (!jis) return;
        const result = acknowledgeMismatch(jis);
        if (!result.ok) return;
        if (await record(result.events)) set({ jisVerdict: null });
      },

      async acknowledgeJisGap() {
        const jis = get().jis;
        if (!jis) return;
        const result = acknowledgeGap(jis);
        if (result.ok && (await record(result.events))) set({ jisVerdict: null });
      },

      startJisOverride() {
        const mismatch = get().jis?.lastMismatch;
        if (!mismatch) return;
        const what = { kind: 'jis-override', built: mismatch.scanned, expected: mismatch.expected, sequenceNumber: mismatch.sequenceNumber } as const;
        shiftLeadApproval(what, OVERRIDE_REASONS, 'jis.override.reasons', async (approved) => {
          await busy(async () => {
            const jis = get().jis;
            if (!jis) return;
            const result = override(jis, approved.approval, approved.reason);
            if (!result.ok) {
              verdict('nok', result.reason.code, result.reason.params as Record<string, unknown>);
              return;
            }
            if (!(await record(result.events))) return;
            verdict('ok', 'overridden', { sequenceNumber: result.sequenceNumber, approver: approved.approverName, rackId: result.rackId, slot: result.slot });
            afterPlacement(result.closedRackId);
          });
        });
      },

      startJisBreak(kind, sequenceNumber) {
        const jis = get().jis;
        if (!jis || get().approvalFlow.step !== 'idle' || jis.mode === 'awaiting-ack') return;
        const target = kind === 'skip' ? currentPosition(jis)?.data.sequenceNumber : sequenceNumber;
        if (target === undefined) return;
        shiftLeadApproval({ kind: kind === 'skip' ? 'jis-skip' : 'jis-pull-ahead', sequenceNumber: target }, BREAK_REASONS, 'jis.break.reasons', (approved) =>
          recordBreak({ kind, sequenceNumber: target }, approved.approval, approved.reason, approved.approverName),
        );
      },

      async closeJisRack() {
        const jis = get().jis;
        if (!jis) return;
        const result = closeRack(jis);
        if (!result.ok) {
          verdict('nok', result.reason.code, result.reason.params as Record<string, unknown>);
          return;
        }
        if (!(await record(result.events))) return;
        if (result.rackLabelRequired) await get().printJisRackLabel(result.rackId);
      },

      ...printActions,

      dismissJisAlerts() {
        set({ jisAlerts: [] });
      },

      jisCallOffStale() {
        const now = deps.clock().getTime();
        const jis = get().jis;
        if (!jis) return null;
        // The call-off is as fresh as the last successful sync; unknown (never synced since start) counts as stale.
        return callOffStale({ id: jis.sequenceId, callOffRevision: jis.revision }, get().sync.lastSuccessAt ?? '', now, get().jisMaxCallOffAgeMs);
      },
    };
  };
