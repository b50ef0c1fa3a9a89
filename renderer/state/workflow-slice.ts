import { classifyScan, parseBarcode } from '../../shared/barcode';
import type { EventEnvelope, NewEvent } from '../../shared/events';
import { newId } from '../../shared/ids';
import { printedJobsOf, restoreProduction, type JournalSnapshot } from '../../shared/journal-snapshot';
import { roleRequiresPin, type Operator } from '../../shared/master-data';
import {
  applyProductionEvent,
  approveOverride,
  bookGoodPart,
  bookGoodQuantity,
  checkMaterialScan,
  checkScrapBooking,
  checkScrapUndo,
  closeContainer,
  executionOf,
  foldProductionEvents,
  handOverOrder,
  initialProductionState,
  packParts,
  pauseOrder,
  refuseIfBlockedLoad,
  reprintContainerLabel,
  resumeOrder,
  startOrder,
  traceBatch,
  traceContainer,
  tracePart,
  type BatchTrace,
  type ContainerTrace,
  type DomainEvent,
  type PartTrace,
  type Nok,
  type ProductionState,
  type Reason,
} from '../../shared/production';
import { normalizeScan } from '../scan/scan-text';
import type { AppendResult } from '../storage/envelopes';
import { saveFailedFeedback } from '../storage/storage-refusal';
import { toApprover } from './approval/approval-slice';
import { initialLogin } from './login-logic';
import type { StoreDeps } from './deps';
import type { SliceCreator } from './types';
import { createCountActions, type CompletionPrompt, type CountActions } from './workflow-counts';
import { selectWorkflowConfig } from './workflow-settings';
import {
  buildContainerLabel,
  containerShortId,
  labelBuildFailedVerdict,
  DEFAULT_WORKFLOW_CONFIG,
  hasAnyKind,
  loadWorkflowMaster,
  reasonParams,
  type ContainerLabel,
  type VerdictParams,
  type WorkflowConfig,
  type WorkflowMaster,
} from './workflow-logic';

/**
 * The operator workflow on the order detail screen (issue 8). Every step asks
 * the pure domain core (shared/production) for a verdict; OK verdicts are
 * journal appends, NOK verdicts book nothing and wait for acknowledgement.
 * The production fold lives here, rebuilt from the journal when a screen opens.
 */

export interface WorkflowVerdict {
  tone: 'ok' | 'nok';
  key: string;
  params: VerdictParams;
  serial: number;
}

export interface ScrapRequest {
  reasonId: string;
  quantity: number;
  comment?: string;
  serial?: string;
}

/** The local trace (offline, over this terminal's journal) of the last scan in trace mode. */
export type TraceResult =
  | { kind: 'batch'; trace: BatchTrace }
  | { kind: 'part'; serial: string; trace: PartTrace | null }
  | { kind: 'container'; trace: ContainerTrace };

export interface WorkflowState {
  /** The scrap panel is open: a part serial scanned now names the scrapped part instead of booking it good. */
  scrapping: boolean;
  scrapSerial: string | null;
  /** Trace mode: scans are looked up, not booked. */
  tracing: boolean;
  trace: TraceResult | null;
  openOrderId: string | null;
  production: ProductionState;
  verdict: WorkflowVerdict | null;
  /** Waiting for the next operator's badge. */
  handover: boolean;
  /** The last scrap booking (event id), undoable within the window. */
  lastScrapId: string | null;
  /** Labels of closed containers: preview first, then print. */
  labels: ContainerLabel[];
  /** The print job of each container's label (from LabelPrinted), named by a reprint. */
  printedJobs: Readonly<Record<string, string>>;
  master: WorkflowMaster;
  busy: boolean;
  config: WorkflowConfig;
  /** The completion dialog's open question (count differs, parts in no container). */
  completion: CompletionPrompt;
}

export interface WorkflowActions extends CountActions {
  openOrder(orderId: string): Promise<void>;
  /** Folds the journal (from its snapshot) once, so the order list shows each order's progress; bookings keep it current. */
  wfLoadProduction(): Promise<void>;
  closeOrderDetail(): void;
  configureWorkflow(patch: Partial<WorkflowConfig>): void;
  wfStart(): Promise<void>;
  wfPause(reason: string): Promise<void>;
  wfResume(): Promise<void>;
  wfBeginHandover(): void;
  wfCancelHandover(): void;
  wfScan(raw: string): Promise<void>;
  wfBookGood(quantity: number): Promise<void>;
  wfBookScrap(request: ScrapRequest): Promise<void>;
  wfUndoScrap(): Promise<void>;
  wfCloseContainer(): Promise<void>;
  wfPrintLabel(): Promise<void>;
  wfReprint(containerId: string, reason: string): void;
  wfAcknowledge(): void;
  wfSetTracing(on: boolean): void;
  wfSetScrapping(on: boolean): void;
  wfLogoutInactive(): Promise<void>;
}

export interface WorkflowSlice extends WorkflowActions {
  workflow: WorkflowState;
}

export const initialWorkflow: WorkflowState = {
  scrapping: false,
  scrapSerial: null,
  tracing: false,
  trace: null,
  openOrderId: null,
  production: initialProductionState,
  verdict: null,
  handover: false,
  lastScrapId: null,
  labels: [],
  printedJobs: {},
  master: { scrapReasons: [], blockedBatches: [], labelTemplates: [] },
  busy: false,
  config: DEFAULT_WORKFLOW_CONFIG,
  completion: null,
};

type EventSource = { eventsAfter(seq: number, limit: number): Promise<EventEnvelope[]> };
const hasEvents = (j: unknown): j is EventSource => typeof (j as Partial<EventSource>).eventsAfter === 'function';
type SnapshotSource = { latestSnapshot(): Promise<JournalSnapshot | null> };
type SnapshotSeqSource = { snapshotSeq(): Promise<number> };
const hasSnapshotSeq = (j: unknown): j is SnapshotSeqSource => typeof (j as Partial<SnapshotSeqSource>).snapshotSeq === 'function';
/** Journal events read per page when the production state is folded. */
const FOLD_PAGE = 5000;
/** Events after the snapshot the order list's background fold takes on; more is left to the worker's next snapshot. */
const BACKGROUND_FOLD_LIMIT = 50_000;
const hasSnapshots = (j: unknown): j is SnapshotSource => typeof (j as Partial<SnapshotSource>).latestSnapshot === 'function';
/** The line's scrap threshold as checkScrapBooking takes it (absent: no approval ever needed). */
const approvalThresholdOf = (config: WorkflowConfig) => (config.scrapApprovalThreshold !== undefined ? { approvalThreshold: config.scrapApprovalThreshold } : {});

export const createWorkflowSlice =
  (deps: StoreDeps): SliceCreator<WorkflowSlice> =>
  (set, get) => {
    let serial = 0;
    const wf = () => get().workflow;
    // Scans never get lost while a booking or a print is in flight: they wait
    // their turn, one at a time, in the order they arrived.
    const idleWaiters: (() => void)[] = [];
    let scanChain: Promise<void> = Promise.resolve();
    const patch = (p: Partial<WorkflowState>) => {
      set({ workflow: { ...get().workflow, ...p } });
      if (p.busy === false) for (const wake of idleWaiters.splice(0)) wake();
    };
    const whenIdle = async (): Promise<void> => {
      while (wf().busy) await new Promise<void>((resolve) => idleWaiters.push(resolve));
    };
    const verdict = (tone: 'ok' | 'nok', key: string, params: VerdictParams = {}) => patch({ verdict: { tone, key, params, serial: ++serial } });
    const refuse = (reason: Reason) => verdict('nok', `workflow.reason.${reason.code}`, { ...reasonParams(reason), message: reason.message });

    function context() {
      const s = get();
      const orderId = s.workflow.openOrderId;
      const order = orderId ? s.orders.find((o) => o.id === orderId) : undefined;
      if (!order) return null;
      return { s, order, execution: executionOf(s.workflow.production, order.id), materials: Object.values(s.materials) };
    }

    async function handleScan(raw: string): Promise<void> {
      if (get().approvalScan(raw)) return; // the approver's badge, while an approval waits
      const s = get();
      if (s.workflow.verdict?.tone === 'nok') return; // a NOK waits for acknowledgement
      const c = context();
      if (!c) return;
      if (s.workflow.tracing) {
        await runTrace(raw);
        return;
      }
      const classified = classifyScan(parseBarcode(normalizeScan(raw)), {
        operators: s.operators,
        orders: s.orders,
        materials: c.materials,
      });
      if (classified.kind === 'badge') {
        const operator = s.operators.find((o) => o.id === classified.operatorId);
        if (!operator) return;
        // A badge on a running order hands it over (with or without "Hand over" pressed first); otherwise it switches the operator.
        if (s.workflow.handover || c.execution.status === 'started' || c.execution.status === 'paused') await handOver(operator);
        else await get().switchOperator(operator);
        return;
      }
      if (classified.kind === 'part-serial' && s.workflow.scrapping) {
        patch({ scrapSerial: classified.serial });
        verdict('ok', 'workflow.scrapPanel.serialScanned', { serial: classified.serial });
        return;
      }
      if (classified.kind === 'part-serial') {
        const v = bookGoodPart(c.execution, { serial: classified.serial, ...(classified.materialId ? { materialId: classified.materialId } : {}) });
        if (!v.ok) {
          refuse(v.reason);
          return;
        }
        await bookGood(v.events, 1, classified.serial, 'workflow.good.part', { serial: classified.serial });
        return;
      }
      const v = checkMaterialScan({
        classified,
        order: c.order,
        execution: c.execution,
        materials: c.materials,
        blockedBatches: s.workflow.master.blockedBatches,
        now: deps.clock().getTime(),
      });
      if (!v.ok) {
        refuse(v.reason);
        return;
      }
      const material = classified.kind === 'material-batch' ? s.materials[classified.materialId] : undefined;
      const batch = classified.kind === 'material-batch' ? classified.batch : '';
      const params = { material: material?.number ?? '', batch, previous: v.replaced?.batch ?? '' };
      await run(v, v.alreadyLoaded ? 'workflow.material.alreadyLoaded' : v.replaced ? 'workflow.material.replaced' : 'workflow.material.loaded', params);
    }

    /** Appends, folds the returned envelopes into the production state; NOK feedback when the write failed. */
    async function record(events: readonly DomainEvent[]): Promise<EventEnvelope[] | null> {
      if (events.length === 0) return [];
      patch({ busy: true });
      try {
        // Every fact names who did it: the trace's "operators" and the shift report depend on it.
        const operatorId = get().terminal.operator?.id;
        const attributed = events.map((e) => (e.operatorId || !operatorId ? e : { ...e, operatorId }));
        const result = await deps.journal.append(attributed as NewEvent[], { clock: deps.clock });
        if (!result.ok) {
          const failed = saveFailedFeedback(result.error, 'workflow.saveFailed');
          verdict('nok', failed.key, failed.params);
          return null;
        }
        return applyBooked(result.value);
      } finally {
        patch({ busy: false });
      }
    }

    /** Folds committed events into the screen's state (after `record`, or a printed label's booking). */
    function applyBooked(booked: AppendResult): EventEnvelope[] {
      const production = booked.events.reduce(applyProductionEvent, wf().production);
      set({ terminal: booked.state });
      patch({ production, printedJobs: printedJobsOf(wf().printedJobs, booked.events) });
      deps.notifySync();
      return booked.events;
    }

    /** Runs a verdict: OK → journal + OK feedback; NOK → red, nothing booked (unless the verdict carries facts). */
    async function run(v: { ok: true; events: DomainEvent[] } | Nok, okKey: string, okParams: VerdictParams = {}): Promise<EventEnvelope[] | null> {
      if (!v.ok) {
        if (v.events?.length) await record(v.events);
        refuse(v.reason);
        return null;
      }
      const written = await record(v.events);
      if (written) verdict('ok', okKey, okParams);
      return written;
    }

    async function allEvents(): Promise<EventEnvelope[]> {
      if (!hasEvents(deps.journal)) return [];
      const out: EventEnvelope[] = [];
      for (;;) {
        const page = await deps.journal.eventsAfter(out.at(-1)?.seq ?? 0, 5000);
        out.push(...page);
        if (page.length < 5000) return out;
      }
    }

    async function runTrace(raw: string): Promise<void> {
      const s = get();
      const classified = classifyScan(parseBarcode(normalizeScan(raw)), { operators: [], orders: [], materials: Object.values(s.materials) });
      const events = await allEvents();
      if (classified.kind === 'material-batch') patch({ trace: { kind: 'batch', trace: traceBatch(events, { materialId: classified.materialId, batch: classified.batch }) } });
      else if (classified.kind === 'part-serial') patch({ trace: { kind: 'part', serial: classified.serial, trace: tracePart(events, classified.serial) ?? null } });
      else if (classified.kind === 'container') {
        // A label carries the container's short package number (field S); the journal knows the full id.
        const scanned = classified.id.toUpperCase();
        const id = Object.keys(s.workflow.production.containers).find((c) => c === classified.id || containerShortId(c) === scanned) ?? classified.id;
        patch({ trace: { kind: 'container', trace: traceContainer(events, id) } });
      }
      else verdict('nok', 'workflow.trace.unknownScan');
    }

    /**
     * The latest snapshot plus the events after it (retention may have pruned the ones before).
     * In the background (`gently`), it pauses between pages so that scans and bookings keep the
     * UI thread: a journal no snapshot covers yet can be a million events.
     */
    async function rebuildProduction(gently = false): Promise<void> {
      if (!hasEvents(deps.journal)) return;
      const snapshot = hasSnapshots(deps.journal) ? await deps.journal.latestSnapshot() : null;
      let { production, printedJobs } = restoreProduction(snapshot, []);
      let after = snapshot?.seq ?? 0;
      for (;;) {
        const page = await deps.journal.eventsAfter(after, FOLD_PAGE);
        if (page.length === 0) break;
        production = foldProductionEvents(page, production); // copies each map once per page, not per event
        printedJobs = printedJobsOf(printedJobs, page);
        after = page[page.length - 1]?.seq ?? after;
        if (page.length === FOLD_PAGE) {
          if (gently) await deps.yieldToUi();
          continue;
        }
        // A booking committed while the pages were read was applied to the state this fold replaces: read on past it.
        if (wf().production.lastSeq <= after) break;
      }
      patch({ production, printedJobs });
    }
    /** The whole journal has been folded once (at boot or when an order opened); bookings keep it current. */
    let productionLoaded = false;
    let loadingProduction = false;

    /** Labels for containers that just closed with parts in them. */
    function queueLabels(containerIds: readonly string[]): void {
      const c = context();
      if (!c) return;
      const labels: ContainerLabel[] = [];
      for (const id of containerIds) {
        const container = c.s.workflow.production.containers[id];
        if (!container || container.quantity === 0) continue;
        const built = buildContainerLabel({
          container,
          order: c.order,
          material: c.s.materials[c.order.materialId],
          master: c.s.workflow.master,
          config: c.s.workflow.config,
          templates: c.s.workflow.master.labelTemplates,
          now: deps.clock(),
          jobId: newId(),
        });
        if (built.ok) labels.push(built.label);
        else {
          const failed = labelBuildFailedVerdict(built);
          verdict('nok', failed.key, failed.params);
        }
      }
      if (labels.length > 0) patch({ labels: [...wf().labels, ...labels] });
    }

    /** Packs good parts into the open container; a full one closes and its label is queued. */
    function packEvents(execution: ReturnType<typeof executionOf>, quantity: number, serialNo?: string) {
      const c = context();
      if (!c) return null;
      const verdictPack = packParts({
        state: c.s.workflow.production,
        execution: { ...execution, status: 'started' },
        capacity: selectWorkflowConfig(c.s).containerCapacity,
        quantity,
        ...(serialNo !== undefined ? { serial: serialNo } : {}),
        materialId: c.order.materialId,
        nextContainerId: newId,
      });
      return verdictPack;
    }

    async function bookGood(events: DomainEvent[], quantity: number, serialNo: string | undefined, okKey: string, okParams: VerdictParams) {
      const c = context();
      if (!c) return;
      // A loaded batch quality blocked since: no more good parts from it until it is replaced or a shift lead overrides.
      const blocked = refuseIfBlockedLoad(c.execution, wf().master.blockedBatches);
      if (blocked) {
        refuse(blocked.reason);
        return;
      }
      const pack = packEvents(c.execution, quantity, serialNo);
      if (pack && !pack.ok) {
        refuse(pack.reason);
        return;
      }
      const written = await record([...events, ...(pack?.events ?? [])]);
      if (!written) return;
      verdict('ok', okKey, okParams);
      if (pack?.ok && pack.labelRequired) queueLabels(pack.closedContainerIds);
    }

    async function approvedScrap(request: ScrapRequest, approval?: ReturnType<typeof approveOverride>): Promise<void> {
      const c = context();
      if (!c) return;
      const v = checkScrapBooking({
        execution: c.execution,
        reasons: c.s.workflow.master.scrapReasons,
        reasonId: request.reasonId,
        quantity: request.quantity,
        ...(request.comment ? { comment: request.comment } : {}),
        ...(request.serial ? { serial: request.serial } : {}),
        ...approvalThresholdOf(selectWorkflowConfig(c.s)),
        ...(approval?.ok ? { approval: approval.approval } : {}),
      });
      if (!v.ok && v.reason.code === 'scrap-needs-approval' && !approval) {
        await scrapApproval(request);
        return;
      }
      const written = await run(v, 'workflow.scrap.booked', { quantity: request.quantity });
      const booked = written?.find((e) => e.type === 'ScrapBooked');
      if (booked) patch({ lastScrapId: booked.id, scrapSerial: null });
    }

    /** Scrap above the line's threshold: a request on the approval layer, booked once a shift lead confirmed it. */
    async function scrapApproval(request: ScrapRequest): Promise<void> {
      const reason = wf().master.scrapReasons.find((r) => r.id === request.reasonId);
      const what = { kind: 'scrap', quantity: request.quantity, reason: reason?.label ?? { de: request.reasonId, en: request.reasonId } } as const;
      get().requestApproval({ what, requiredRole: 'shift-lead' }, async (outcome) => {
        if (!outcome.ok) {
          if (outcome.cause === 'locked-out') verdict('nok', 'approval.lockedOut', { minutes: outcome.minutes });
          return;
        }
        const approval = approveOverride({
          approver: { id: outcome.approver.id, role: outcome.approver.role },
          pinVerified: true,
          reason: request.comment?.trim() || `scrap ${request.quantity} × ${reason?.code ?? request.reasonId}`,
        });
        if (!approval.ok) {
          refuse(approval.reason);
          return;
        }
        await approvedScrap(request, approval);
      });
    }

    /** A handover badge: an operator takes over at once; a PIN role (shift lead) enters the PIN first. */
    async function handOver(operator: Operator): Promise<void> {
      if (!context() || !get().terminal.operator) return;
      if (roleRequiresPin(operator.role)) {
        if (!operator.pinHash) {
          patch({ handover: false });
          verdict('nok', 'workflow.reason.handover-pin-role', { name: operator.name });
          return;
        }
        patch({ handover: false });
        const order = context()?.order.number ?? '';
        get().requestApproval({ what: { kind: 'handover', name: operator.name, order }, approver: toApprover(operator) }, async (outcome) => {
          if (outcome.ok) await completeHandover(operator, 'badge+pin');
          else if (outcome.cause === 'locked-out') verdict('nok', 'approval.lockedOut', { minutes: outcome.minutes });
        });
        return;
      }
      await completeHandover(operator, 'badge');
    }

    async function completeHandover(operator: Operator, method: 'badge' | 'badge+pin'): Promise<void> {
      const c = context();
      const current = get().terminal.operator;
      if (!c || !current) return;
      const v = handOverOrder({ order: c.order, execution: c.execution, to: operator });
      if (!v.ok) {
        patch({ handover: false });
        refuse(v.reason);
        return;
      }
      const written = await record([
        { type: 'OperatorLoggedOut', operatorId: current.id, payload: { reason: 'handover' } },
        { type: 'OperatorLoggedIn', operatorId: operator.id, payload: { badge: operator.badge, role: operator.role, method } },
        ...v.events,
      ]);
      patch({ handover: false });
      if (written) verdict('ok', 'workflow.handover.done', { name: operator.name });
    }

    const counts = createCountActions({
      context: () => {
        const c = context();
        return c ? { order: c.order, execution: c.execution, production: wf().production, master: wf().master, config: selectWorkflowConfig(get()) } : null;
      },
      completion: () => wf().completion,
      setCompletion: (completion) => patch({ completion }),
      record,
      run,
      refuse,
      packEvents: (execution, quantity) => packEvents(execution, quantity),
      queueLabels,
      askShiftLead: (purpose) =>
        get().requestApproval(
          {
            what: purpose.kind === 'blocked-batch' ? { kind: 'blocked-batch', batch: purpose.batch, reason: purpose.reason } : { kind: 'correction', booked: purpose.booked, correctedTo: purpose.correctedTo },
            requiredRole: 'shift-lead',
          },
          async (outcome) => {
            if (!outcome.ok) {
              if (outcome.cause === 'locked-out') verdict('nok', 'approval.lockedOut', { minutes: outcome.minutes });
              return;
            }
            const why = purpose.kind === 'blocked-batch' ? purpose.reason : `good quantity ${purpose.booked} → ${purpose.correctedTo}`;
            const granted = approveOverride({ approver: { id: outcome.approver.id, role: outcome.approver.role }, pinVerified: true, reason: why });
            if (!granted.ok) refuse(granted.reason);
            else await approvedPurpose(purpose, granted.approval);
          },
        ),
      busy: () => wf().busy,
    });
    const { approved: approvedPurpose, ...countActions } = counts;

    return {
      workflow: initialWorkflow,
      ...countActions,

      async wfLoadProduction() {
        if (productionLoaded || loadingProduction) return;
        loadingProduction = true;
        try {
          // Far behind its snapshot (right after an update, before the sync worker wrote one): leave the
          // big fold to the worker's snapshot and to opening an order; the list asks again when it shows.
          const covered = hasSnapshotSeq(deps.journal) ? await deps.journal.snapshotSeq() : 0;
          if (get().terminal.lastSeq - covered > BACKGROUND_FOLD_LIMIT) return;
          await rebuildProduction(true);
          productionLoaded = true;
        } catch {
          // The journal closed (shutdown): the next caller folds again.
        } finally {
          loadingProduction = false;
        }
      },

      async openOrder(orderId) {
        patch({ openOrderId: orderId, verdict: null, handover: false, lastScrapId: null, tracing: false, trace: null, scrapping: false, scrapSerial: null });
        const master = hasAnyKind(deps.cache) ? await loadWorkflowMaster(deps.cache) : wf().master;
        patch({ master });
        // Busy while the journal is folded: scans and buttons wait, so a booking made meanwhile can neither
        // be judged on a stale state nor be overwritten by the fold's result (a long journal takes seconds).
        patch({ busy: true });
        try {
          await rebuildProduction();
          productionLoaded = true;
        } finally {
          patch({ busy: false });
        }
      },

      closeOrderDetail() {
        patch({ openOrderId: null, verdict: null, handover: false });
      },

      configureWorkflow(p) {
        patch({ config: { ...wf().config, ...p } });
      },

      async wfStart() {
        const c = context();
        const operator = get().terminal.operator;
        if (!c || !operator || wf().busy) return;
        const blocked = refuseIfBlockedLoad(c.execution, wf().master.blockedBatches);
        if (blocked) return refuse(blocked.reason);
        await run(startOrder({ order: c.order, materials: c.materials, execution: c.execution, operatorId: operator.id }), 'workflow.started', { number: c.order.number });
      },

      async wfPause(reason) {
        const c = context();
        if (!c || wf().busy) return;
        await run(pauseOrder(c.execution, reason), 'workflow.paused');
      },

      async wfResume() {
        const c = context();
        if (!c || wf().busy) return;
        await run(resumeOrder(c.execution), 'workflow.resumed');
      },

      wfBeginHandover() {
        patch({ handover: true });
      },

      wfCancelHandover() {
        patch({ handover: false });
      },

      wfScan(raw) {
        const run = scanChain.then(whenIdle).then(() => handleScan(raw));
        scanChain = run.catch(() => undefined);
        return run;
      },

      async wfBookGood(quantity) {
        const c = context();
        if (!c || wf().busy) return;
        const v = bookGoodQuantity(c.execution, quantity);
        if (!v.ok) {
          refuse(v.reason);
          return;
        }
        await bookGood(v.events, quantity, undefined, 'workflow.good.booked', { quantity });
      },

      async wfBookScrap(request) {
        if (wf().busy) return;
        await approvedScrap(request);
      },

      async wfUndoScrap() {
        const id = wf().lastScrapId;
        if (!id || wf().busy) return;
        const v = checkScrapUndo({ state: wf().production, scrapEventId: id, now: deps.clock().getTime(), windowMs: selectWorkflowConfig(get()).scrapUndoWindowMs });
        const written = await run(v, 'workflow.scrap.undone');
        if (written || !v.ok) patch({ lastScrapId: null });
      },

      async wfCloseContainer() {
        const c = context();
        if (!c || wf().busy) return;
        const v = closeContainer(c.s.workflow.production, c.execution);
        const written = await run(v, 'workflow.container.closed');
        if (written && v.ok && v.labelRequired) queueLabels([v.containerId]);
      },

      async wfPrintLabel() {
        const label = wf().labels[0];
        const c = context();
        if (!label || wf().busy) return;
        const orderId = c?.order.id;
        const events: DomainEvent[] = label.reprintReason
          ? (() => {
              const v = reprintContainerLabel({ state: wf().production, containerId: label.containerId, reason: label.reprintReason ?? '', jobId: label.jobId, templateId: label.templateId });
              return v.ok ? v.events : [];
            })()
          : [{ type: 'LabelPrinted', ...(orderId ? { orderId } : {}), payload: { jobId: label.jobId, templateId: label.templateId, containerId: label.containerId, copies: 1 } }];
        patch({ busy: true });
        const operatorId = get().terminal.operator?.id;
        let res;
        try {
          // The label's facts are booked with the job's `done`, in one transaction (print-queue.ts).
          res = await deps.printQueue.print({
            jobId: label.jobId,
            templateId: label.templateId,
            model: label.model,
            copies: 1,
            onDone: events as NewEvent[],
            ...(operatorId ? { operatorId } : {}),
            ...(label.reprintReason ? { reprintOf: wf().printedJobs[label.containerId] ?? label.containerId.slice(0, 64), reprintReason: label.reprintReason } : {}),
          });
        } finally {
          patch({ busy: false });
        }
        if (!res.ok || res.value.outcome !== 'done') {
          const why = res.ok ? (res.value.reason?.message ?? res.value.outcome) : res.error.message;
          verdict('nok', 'workflow.label.printFailed', { message: why });
          return;
        }
        patch({ labels: wf().labels.slice(1) });
        const booked = res.value.booked;
        if (booked && !booked.ok) {
          const failed = saveFailedFeedback(booked.error, 'workflow.saveFailed');
          verdict('nok', failed.key, failed.params);
          return;
        }
        if (booked) applyBooked(booked.value);
        verdict('ok', 'workflow.label.printed', { quantity: label.quantity });
      },

      wfReprint(containerId, reason) {
        const c = context();
        if (!c) return;
        const check = reprintContainerLabel({ state: wf().production, containerId, reason, jobId: 'check', templateId: wf().config.labelTemplateId });
        if (!check.ok) {
          refuse(check.reason);
          return;
        }
        const container = wf().production.containers[containerId];
        if (!container) return;
        const built = buildContainerLabel({
          container,
          order: c.order,
          material: c.s.materials[c.order.materialId],
          master: wf().master,
          config: wf().config,
          templates: wf().master.labelTemplates,
          now: deps.clock(),
          jobId: newId(),
        });
        if (!built.ok) {
          const failed = labelBuildFailedVerdict(built);
          verdict('nok', failed.key, failed.params);
          return;
        }
        patch({ labels: [...wf().labels, { ...built.label, reprintReason: reason }] });
      },

      wfSetScrapping(on) {
        patch({ scrapping: on, scrapSerial: null });
      },

      wfSetTracing(on) {
        patch({ tracing: on, trace: null });
      },

      wfAcknowledge() {
        patch({ verdict: null });
      },

      async wfLogoutInactive() {
        const operator = get().terminal.operator;
        if (!operator || get().writing) return;
        const written = await record([{ type: 'OperatorLoggedOut', operatorId: operator.id, payload: { reason: 'inactivity' } }]);
        if (written) {
          void get().cancelApproval();
          set({ login: initialLogin });
          patch({ openOrderId: null, verdict: null, handover: false, labels: [] });
          get().showFeedback('nok', 'workflow.session.loggedOutInactive');
        }
      },
    };
  };
