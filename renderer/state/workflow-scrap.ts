import { approveOverride, checkScrapBooking, checkScrapUndo } from '../../shared/production';
import type { WorkflowKit } from './workflow-kit';
import type { WorkflowConfig } from './workflow-logic';
import { selectWorkflowConfig } from './workflow-settings';
import type { ScrapRequest } from './workflow-state';

/**
 * Scrap on the order screen: booked at once up to the line's threshold,
 * above it a request on the approval layer that a shift lead confirms; the
 * last booking is undoable within the line's window.
 */

export interface ScrapActions {
  bookScrap(request: ScrapRequest): Promise<void>;
  undoLastScrap(): Promise<void>;
  setScrapping(on: boolean): void;
}

/** The line's scrap threshold as checkScrapBooking takes it (absent: no approval ever needed). */
const approvalThresholdOf = (config: WorkflowConfig) => (config.scrapApprovalThreshold !== undefined ? { approvalThreshold: config.scrapApprovalThreshold } : {});

export function createScrapActions(kit: WorkflowKit): ScrapActions {
  const { deps, get, wf, patch, refuse, context, run } = kit;

  async function book(request: ScrapRequest, approval?: ReturnType<typeof approveOverride>): Promise<void> {
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
      askApproval(request);
      return;
    }
    const written = await run(v, 'workflow.scrap.booked', { quantity: request.quantity });
    const booked = written?.find((e) => e.type === 'ScrapBooked');
    if (booked) patch({ lastScrapId: booked.id, scrapSerial: null });
  }

  /** Scrap above the line's threshold: a request on the approval layer, booked once a shift lead confirmed it. */
  function askApproval(request: ScrapRequest): void {
    const reason = wf().master.scrapReasons.find((r) => r.id === request.reasonId);
    const what = { kind: 'scrap', quantity: request.quantity, reason: reason?.label ?? { de: request.reasonId, en: request.reasonId } } as const;
    get().requestApproval({ what, requiredRole: 'shift-lead' }, async (outcome) => {
      if (!outcome.ok) {
        kit.approvalRefused(outcome);
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
      await book(request, approval);
    });
  }

  return {
    async bookScrap(request) {
      if (wf().busy) return;
      await book(request);
    },

    async undoLastScrap() {
      const id = wf().lastScrapId;
      if (!id || wf().busy) return;
      const v = checkScrapUndo({ state: wf().production, scrapEventId: id, now: deps.clock().getTime(), windowMs: selectWorkflowConfig(get()).scrapUndoWindowMs });
      const written = await run(v, 'workflow.scrap.undone');
      if (written || !v.ok) patch({ lastScrapId: null });
    },

    setScrapping(on) {
      patch({ scrapping: on, scrapSerial: null });
    },
  };
}
