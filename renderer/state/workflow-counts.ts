import type { EventEnvelope } from '../../shared/events';
import type { Order } from '../../shared/master-data';
import {
  closeContainer,
  completeCounted,
  correctGoodQuantity,
  overrideBlockedLoad,
  type Approval,
  type DomainEvent,
  type Nok,
  type OrderExecution,
  type PackVerdict,
  type ProductionState,
  type Reason,
} from '../../shared/production';
import type { VerdictParams, WorkflowConfig, WorkflowMaster } from './workflow-logic';

/**
 * Counts that add up, and loaded batches blocked after the fact (issue 13):
 * the order screen's completion asks once when the count differs from the
 * bookings and books the difference as GoodQuantityCorrected (a shift lead
 * confirms above the line's threshold), has good parts in no container
 * packed or named, and lets a shift lead keep a blocked batch with a reason
 * (BlockedBatchOverridden). The workflow slice wires these actions to its
 * journal and its shift-lead approval; they hold no state of their own.
 */

/** What a shift lead is asked to approve from here, in words and numbers the approval layer shows. */
export type ShiftLeadPurpose =
  | { kind: 'blocked-batch'; materialId: string; batch: string; reason: string }
  | { kind: 'correction'; correctionKind: 'count' | 'booking'; booked: number; correctedTo: number; delta: number };

/** The completion dialog's open question. */
export type CompletionPrompt =
  | null
  | { step: 'confirm-count'; counted: number; booked: number; delta: number }
  | { step: 'unpacked'; counted: number; quantity: number };

/** Where good parts in no container can be, when they are not packed now. */
export const UNPACKED_PLACES = ['rework', 'sample', 'next-order'] as const;
export const OVERRIDE_BLOCK_REASONS = ['quality-released', 'sorted-ok', 'customer-approved'] as const;

export interface CountContext {
  order: Order;
  execution: OrderExecution;
  production: ProductionState;
  master: WorkflowMaster;
  config: WorkflowConfig;
}

export interface CountHelpers {
  context(): CountContext | null;
  completion(): CompletionPrompt;
  setCompletion(prompt: CompletionPrompt): void;
  record(events: readonly DomainEvent[]): Promise<EventEnvelope[] | null>;
  run(v: { ok: true; events: DomainEvent[] } | Nok, okKey: string, okParams?: VerdictParams): Promise<EventEnvelope[] | null>;
  refuse(reason: Reason): void;
  /** Packs `quantity` good parts into the open (or a new) container, as the good bookings do. */
  packEvents(execution: OrderExecution, quantity: number): PackVerdict | null;
  queueLabels(containerIds: readonly string[]): Promise<void>;
  /** The one place that asks for a shift lead (badge, then PIN); `approved` below gets the outcome. */
  askShiftLead(purpose: ShiftLeadPurpose): void;
  busy(): boolean;
}

export interface CountActions {
  completeOpenOrder(counted: number): Promise<void>;
  /** "Yes, book the difference" on the count question. */
  confirmCount(): Promise<void>;
  /** Pack the good parts in no container now (and close the container for its label), or name where they are. */
  resolveUnpacked(choice: 'pack' | (typeof UNPACKED_PLACES)[number]): Promise<void>;
  cancelCompletion(): void;
  /** Puts a wrong good booking right: the order's good quantity becomes `correctedTo`. */
  correctGoodCount(correctedTo: number): Promise<void>;
  /** A shift lead keeps a loaded, blocked batch: asks for the approval, then books BlockedBatchOverridden. */
  keepBlockedBatch(materialId: string, reason: string): void;
}

export function createCountActions(h: CountHelpers): CountActions & { approved(purpose: ShiftLeadPurpose, approval: Approval): Promise<void> } {
  const threshold = (c: CountContext) => (c.config.correctionApprovalThreshold !== undefined ? { approvalThreshold: c.config.correctionApprovalThreshold } : {});

  async function complete(counted: number, unpackedWhere?: string): Promise<void> {
    const c = h.context();
    if (!c) return;
    const v = completeCounted({
      order: c.order,
      state: c.production,
      execution: c.execution,
      countedGood: counted,
      blockedBatches: c.master.blockedBatches,
      ...(unpackedWhere ? { unpackedWhere } : {}),
    });
    if (!v.ok && v.reason.code === 'count-differs') {
      h.setCompletion({ step: 'confirm-count', counted, booked: c.execution.goodQuantity, delta: counted - c.execution.goodQuantity });
      return;
    }
    if (!v.ok && v.reason.code === 'parts-unpacked') {
      h.setCompletion({ step: 'unpacked', counted, quantity: Number(v.reason.params['quantity']) });
      return;
    }
    h.setCompletion(null);
    await h.run(v, 'workflow.completed', { number: c.order.number, quantity: counted });
  }

  /** Books the correction; true when it was booked and the caller may go on. */
  async function correct(correctedTo: number, kind: 'count' | 'booking', approval?: Approval): Promise<boolean> {
    const c = h.context();
    if (!c) return false;
    const v = correctGoodQuantity({ state: c.production, execution: c.execution, correctedTo, kind, ...threshold(c), ...(approval ? { approval } : {}) });
    if (!v.ok && v.reason.code === 'correction-needs-approval') {
      h.askShiftLead({ kind: 'correction', correctionKind: kind, booked: c.execution.goodQuantity, correctedTo, delta: correctedTo - c.execution.goodQuantity });
      return false;
    }
    if (!v.ok) {
      h.setCompletion(null);
      h.refuse(v.reason);
      return false;
    }
    return (await h.run(v, 'counts.correct.booked', { delta: v.delta > 0 ? `+${v.delta}` : String(v.delta), quantity: correctedTo })) !== null;
  }

  async function packUnpacked(quantity: number): Promise<boolean> {
    const c = h.context();
    if (!c) return false;
    const pack = h.packEvents(c.execution, quantity);
    if (!pack) return false;
    if (!pack.ok) {
      h.refuse(pack.reason);
      return false;
    }
    const written = await h.record(pack.events);
    if (!written) return false;
    // The parts are in the open container now: close it, so its label prints before the order ends.
    const after = h.context();
    if (!after) return false;
    const close = closeContainer(after.production, after.execution);
    const closed = close.ok ? await h.record(close.events) : [];
    if (!closed) return false;
    await h.queueLabels([...pack.closedContainerIds, ...(close.ok && close.labelRequired ? [close.containerId] : [])]);
    return true;
  }

  return {
    async completeOpenOrder(counted) {
      if (h.busy()) return;
      await complete(counted);
    },
    async confirmCount() {
      const prompt = h.completion();
      if (prompt?.step !== 'confirm-count' || h.busy()) return;
      if (await correct(prompt.counted, 'count')) await complete(prompt.counted);
    },
    async resolveUnpacked(choice) {
      const prompt = h.completion();
      if (prompt?.step !== 'unpacked' || h.busy()) return;
      if (choice !== 'pack') return complete(prompt.counted, choice);
      if (await packUnpacked(prompt.quantity)) await complete(prompt.counted);
    },
    cancelCompletion() {
      h.setCompletion(null);
    },
    async correctGoodCount(correctedTo) {
      if (h.busy()) return;
      await correct(correctedTo, 'booking');
    },
    keepBlockedBatch(materialId, reason) {
      const c = h.context();
      const load = c?.execution.loaded[materialId];
      if (!c || !load || h.busy()) return;
      h.askShiftLead({ kind: 'blocked-batch', materialId, batch: load.batch, reason });
    },
    async approved(purpose, approval) {
      if (purpose.kind === 'correction') {
        if (!(await correct(purpose.correctedTo, purpose.correctionKind, approval))) return;
        const prompt = h.completion();
        if (prompt?.step === 'confirm-count') await complete(prompt.counted);
        return;
      }
      const c = h.context();
      if (!c) return;
      await h.run(overrideBlockedLoad({ execution: c.execution, materialId: purpose.materialId, blockedBatches: c.master.blockedBatches, approval }), 'counts.blocked.overridden', {
        batch: purpose.batch,
      });
    },
  };
}
