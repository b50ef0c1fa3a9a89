import type { Operator } from '../../../shared/master-data';
import { createPinLockout, memoryStorage, minutesLeft, type PinLockout } from '../../storage/pin-lockout';
import type { StoreDeps } from '../deps';
import { decideBadge } from '../login-logic';
import type { SliceCreator } from '../types';
import { approvalFlow, idleApproval, isFinished, isWaiting, type ApprovalFlow, type ApprovalInput, type ApprovalRequest, type Approver, type LockView } from './approval-flow';

/** How an approval ended, for the screen that asked. */
export type ApprovalOutcome =
  | { ok: true; approver: Approver; reason: string | null }
  | { ok: false; cause: 'cancelled' | 'no-pin'; approver?: Approver }
  | { ok: false; cause: 'locked-out'; approver: Approver; minutes: number };

export type OutcomeHandler = (outcome: ApprovalOutcome) => void | Promise<void>;

export interface ApprovalSliceState {
  approvalFlow: ApprovalFlow;
}

export interface ApprovalActions {
  /**
   * Shows the approval layer; `onOutcome` runs once the approver confirmed, it was cancelled, or the badge
   * is locked out. A callback, not a promise: the press that ends the approval (OK, a reason, Cancel) waits
   * for what the screen does with it (the booking), while the scan that asked does not wait for the approver.
   */
  requestApproval(request: ApprovalRequest, onOutcome: OutcomeHandler): void;
  /** A scan while an approval waits belongs to it (the approver's badge); true when it was taken. */
  approvalScan(raw: string): boolean;
  approvalDigit(digit: string): void;
  approvalBackspace(): void;
  approvalSubmit(): Promise<void>;
  approvalReason(code: string): Promise<void>;
  cancelApproval(): Promise<void>;
}

export type ApprovalSlice = ApprovalSliceState & ApprovalActions;

export const toApprover = (o: Pick<Operator, 'id' | 'name' | 'badge' | 'role' | 'pinHash'>): Approver => ({
  id: o.id,
  name: o.name,
  badge: o.badge,
  role: o.role,
  ...(o.pinHash ? { pinHash: o.pinHash } : {}),
});

export const createApprovalSlice =
  (deps: StoreDeps): SliceCreator<ApprovalSlice> =>
  (set, get) => {
    // Wrong PINs count per badge on this terminal, whichever screen asked for the PIN.
    const lockout: PinLockout = deps.pinLockout ?? createPinLockout(memoryStorage(), deps.terminalId);
    let settle: OutcomeHandler | null = null;

    const lockOf = (badge: string): LockView => {
      const now = deps.clock();
      const status = lockout.status(badge, now);
      return { attemptsLeft: status.attemptsLeft, lockedMinutes: status.lockedUntil ? minutesLeft(status.lockedUntil, now) : null };
    };

    /**
     * Feeds one input. An outcome is handed to the screen that asked and its work awaited; an approval
     * stays on the layer ("approved, booking…") until that work is done, so nothing seems to hang between.
     */
    async function dispatch(input: ApprovalInput): Promise<void> {
      const before = get().approvalFlow;
      const next = approvalFlow(before, input);
      if (next === before) return;
      if (!isFinished(next)) {
        set({ approvalFlow: next });
        return;
      }
      const done = settle;
      settle = null;
      set({ approvalFlow: next.step === 'approved' ? next : idleApproval });
      try {
        await done?.(outcomeOf(next));
      } finally {
        // A new request made meanwhile keeps its layer.
        if (get().approvalFlow === next) set({ approvalFlow: idleApproval });
      }
    }

    return {
      approvalFlow: idleApproval,

      requestApproval(request, onOutcome) {
        if (isWaiting(get().approvalFlow)) void dispatch({ type: 'cancel' });
        settle = onOutcome;
        void dispatch({ type: 'request', request, ...(request.approver ? { lock: lockOf(request.approver.badge) } : {}) });
      },

      approvalScan(raw) {
        const flow = get().approvalFlow;
        if (!isWaiting(flow)) return false;
        // While the PIN or the reason is open the layer is modal: a scan changes nothing there.
        if (flow.step !== 'awaiting-badge') return true;
        const decision = decideBadge(get().operators, raw);
        const approver = decision.kind === 'unknown' ? null : toApprover(decision.operator);
        void dispatch({ type: 'badge', scan: decision.kind === 'unknown' ? decision.scan : raw.trim(), approver, lock: approver ? lockOf(approver.badge) : { attemptsLeft: 0, lockedMinutes: null } });
        return true;
      },

      approvalDigit(digit) {
        void dispatch({ type: 'digit', digit });
      },

      approvalBackspace() {
        void dispatch({ type: 'backspace' });
      },

      async approvalSubmit() {
        await dispatch({ type: 'submit' });
        const flow = get().approvalFlow;
        if (flow.step !== 'verifying') return;
        await deps.yieldToUi();
        let valid = false;
        try {
          valid = await deps.verifyPin(flow.digits, flow.approver.pinHash ?? '');
        } catch {
          valid = false;
        }
        const now = get().approvalFlow;
        if (now.step !== 'verifying' || now.approver.id !== flow.approver.id || now.request !== flow.request) return; // cancelled meanwhile
        if (valid) {
          lockout.clear(flow.approver.badge);
          await dispatch({ type: 'verified', valid, lock: lockOf(flow.approver.badge) });
          return;
        }
        const lock = lockout.recordFailure(flow.approver.badge, deps.clock());
        await dispatch({
          type: 'verified',
          valid,
          lock: { attemptsLeft: lock.attemptsLeft, lockedMinutes: lock.lockedUntil ? minutesLeft(lock.lockedUntil, deps.clock()) : null },
        });
      },

      approvalReason(code) {
        return dispatch({ type: 'reason', code });
      },

      cancelApproval() {
        return dispatch({ type: 'cancel' });
      },
    };
  };

function outcomeOf(flow: Extract<ApprovalFlow, { step: 'approved' | 'refused' | 'locked-out' }>): ApprovalOutcome {
  if (flow.step === 'approved') return { ok: true, approver: flow.approver, reason: flow.reason };
  if (flow.step === 'locked-out') return { ok: false, cause: 'locked-out', approver: flow.approver, minutes: flow.minutes };
  return { ok: false, cause: flow.cause, ...(flow.approver ? { approver: flow.approver } : {}) };
}
