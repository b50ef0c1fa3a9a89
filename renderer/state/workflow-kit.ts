import type { EventEnvelope, NewEvent } from '../../shared/events';
import { printedJobsOf } from '../../shared/journal-snapshot';
import { applyProductionEvent, executionOf, type DomainEvent, type Nok, type OrderExecution, type Reason } from '../../shared/production';
import type { Material, Order } from '../../shared/master-data';
import type { AppendResult } from '../storage/envelopes';
import { saveFailedFeedback } from '../storage/storage-refusal';
import type { ApprovalOutcome } from './approval/approval-slice';
import type { StoreDeps } from './deps';
import type { AppState, SliceCreator } from './types';
import { reasonParams, type VerdictParams } from './workflow-logic';
import type { WorkflowState } from './workflow-state';
import { markScanStage } from '../lib/scan-stages';

/**
 * What every piece of the workflow slice (bookings, scrap, handover, labels,
 * trace) shares: the workflow state, its verdict, the open order, and the one
 * way a fact is written (journal append, then the production fold of what the
 * journal returned). Made once per store by the workflow slice.
 */

type Set = Parameters<SliceCreator<unknown>>[0];
type Get = Parameters<SliceCreator<unknown>>[1];

export interface OrderContext {
  s: AppState;
  order: Order;
  execution: OrderExecution;
  materials: Material[];
}

export interface WorkflowKit {
  deps: StoreDeps;
  get: Get;
  set: Set;
  wf(): WorkflowState;
  /** Merges into the workflow state; `busy: false` wakes the scans waiting their turn. */
  patch(p: Partial<WorkflowState>): void;
  /** Resolves once no booking or print is in flight. */
  whenIdle(): Promise<void>;
  verdict(tone: 'ok' | 'nok', key: string, params?: VerdictParams): void;
  refuse(reason: Reason): void;
  /** A refused approval said as a verdict (a lockout names its minutes; a cancel says nothing). */
  approvalRefused(outcome: Extract<ApprovalOutcome, { ok: false }>): void;
  /** The open order and its execution; null when no order is open. */
  context(): OrderContext | null;
  /** Appends, folds the returned envelopes into the production state; NOK feedback (and null) when the write failed. */
  record(events: readonly DomainEvent[]): Promise<EventEnvelope[] | null>;
  /** Folds committed events into the production state (after `record`, or a printed label's booking). */
  applyBooked(booked: AppendResult): EventEnvelope[];
  /** Runs a verdict: OK → journal + OK feedback; NOK → red, nothing booked (unless the verdict carries facts). */
  run(v: { ok: true; events: DomainEvent[] } | Nok, okKey: string, okParams?: VerdictParams): Promise<EventEnvelope[] | null>;
}

export function createWorkflowKit(deps: StoreDeps, set: Set, get: Get): WorkflowKit {
  let serial = 0;
  const wf = () => get().workflow;
  // Scans never get lost while a booking or a print is in flight: they wait
  // their turn, one at a time, in the order they arrived.
  const idleWaiters: (() => void)[] = [];
  const patch = (p: Partial<WorkflowState>) => {
    set({ workflow: { ...get().workflow, ...p } });
    if (p.busy === false) for (const wake of idleWaiters.splice(0)) wake();
  };
  const verdict = (tone: 'ok' | 'nok', key: string, params: VerdictParams = {}) => patch({ verdict: { tone, key, params, serial: ++serial } });
  const refuse = (reason: Reason) => verdict('nok', `workflow.reason.${reason.code}`, { ...reasonParams(reason), message: reason.message });

  async function record(events: readonly DomainEvent[]): Promise<EventEnvelope[] | null> {
    if (events.length === 0) return [];
    patch({ busy: true });
    try {
      // Every fact names who did it: the trace's "operators" and the shift report depend on it.
      const operatorId = get().terminal.operator?.id;
      const attributed = events.map((e) => (e.operatorId || !operatorId ? e : { ...e, operatorId }));
      const result = await deps.journal.append(attributed as NewEvent[], { clock: deps.clock });
      markScanStage('journal-committed');
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

  function applyBooked(booked: AppendResult): EventEnvelope[] {
    const production = booked.events.reduce(applyProductionEvent, wf().production);
    set({ terminal: booked.state });
    patch({ production, printedJobs: printedJobsOf(wf().printedJobs, booked.events) });
    deps.notifySync();
    return booked.events;
  }

  return {
    deps,
    get,
    set,
    wf,
    patch,
    async whenIdle() {
      while (wf().busy) await new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    verdict,
    refuse,
    approvalRefused(outcome) {
      if (outcome.cause === 'locked-out') verdict('nok', 'approval.lockedOut', { minutes: outcome.minutes });
    },
    context() {
      const s = get();
      const orderId = s.workflow.openOrderId;
      const order = orderId ? s.orders.find((o) => o.id === orderId) : undefined;
      if (!order) return null;
      return { s, order, execution: executionOf(s.workflow.production, order.id), materials: Object.values(s.materials) };
    },
    record,
    applyBooked,
    async run(v, okKey, okParams = {}) {
      if (!v.ok) {
        if (v.events?.length) await record(v.events);
        refuse(v.reason);
        return null;
      }
      const written = await record(v.events);
      if (written) verdict('ok', okKey, okParams);
      return written;
    },
  };
}
