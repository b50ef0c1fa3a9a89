import { roleRequiresPin, type Operator } from '../../shared/master-data';
import { handOverOrder } from '../../shared/production';
import { toApprover } from './approval/approval-slice';
import type { WorkflowKit } from './workflow-kit';

/**
 * Handing a running order to the next operator: their badge takes over at
 * once; a PIN role (shift lead) confirms with the PIN on the approval layer
 * first. The journal gets the logout, the login and the handover together.
 */

export interface HandoverActions {
  /** A handover badge (scanned on a running order, or after "Hand over"). */
  handOver(operator: Operator): Promise<void>;
  beginHandover(): void;
  cancelHandover(): void;
}

export function createHandoverActions(kit: WorkflowKit): HandoverActions {
  const { get, patch, verdict, refuse, context, record } = kit;

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

  return {
    async handOver(operator) {
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
          else kit.approvalRefused(outcome);
        });
        return;
      }
      await completeHandover(operator, 'badge');
    },

    beginHandover() {
      patch({ handover: true });
    },

    cancelHandover() {
      patch({ handover: false });
    },
  };
}
