import type { Role } from '../../../shared/master-data';
import { MAX_PIN_DIGITS } from '../../../shared/pin';
import { MAX_WRONG_PINS } from '../../storage/pin-lockout';

/**
 * One approval, as pure data and transitions: a badge (unless the approver is
 * known up front, as at a PIN login or a handover by badge), the approver's
 * PIN, the verdict of the PIN check, a reason when the request offers some.
 * Every screen that needs a confirmation by badge and PIN goes through this
 * one reducer; the store (approval-slice.ts) runs the slow PIN check and the
 * persistent lockout, and feeds their outcome back in as inputs.
 */

export interface Approver {
  id: string;
  name: string;
  badge: string;
  role: Role;
  pinHash?: string | undefined;
}

/** What is approved, in data the layer turns into words and numbers. */
export type ApprovalSubject =
  | { kind: 'login'; name: string }
  | { kind: 'handover'; name: string; order: string }
  | { kind: 'scrap'; quantity: number; reason: { de: string; en: string } }
  | { kind: 'jis-override'; built: string; expected: string; sequenceNumber: number }
  | { kind: 'jis-skip'; sequenceNumber: number }
  | { kind: 'jis-pull-ahead'; sequenceNumber: number }
  | { kind: 'blocked-batch'; batch: string; reason: string }
  | { kind: 'correction'; booked: number; correctedTo: number }
  | { kind: 'downtime-change'; change: 'reclassify' | 'split'; from: number; reason: { de: string; en: string } };

export interface ApprovalRequest {
  what: ApprovalSubject;
  /** Who may approve when the badge is scanned; shift leads unless a screen says otherwise. */
  requiredRole?: Role;
  /** Known already (the badge was the scan that asked): the flow starts at the PIN. */
  approver?: Approver;
  /** Reasons to choose from after the PIN; none: approved with the PIN. */
  reasonCodes?: readonly string[];
  /** Translation prefix of the reason codes (`<prefix>.<code>`). */
  reasonLabels?: string;
}

/** What the persistent lockout (storage/pin-lockout.ts) says about a badge right now. */
export interface LockView {
  attemptsLeft: number;
  lockedMinutes: number | null;
}

export type BadgeError = 'unknown-badge' | 'not-approver' | 'no-pin' | 'pin-locked';

export type ApprovalFlow =
  | { step: 'idle' }
  | { step: 'awaiting-badge'; request: ApprovalRequest; error: BadgeError | null; scan?: string; lockedMinutes?: number }
  | { step: 'awaiting-pin'; request: ApprovalRequest; approver: Approver; digits: string; attemptsLeft: number; wrong: boolean }
  | { step: 'verifying'; request: ApprovalRequest; approver: Approver; digits: string; attemptsLeft: number }
  | { step: 'awaiting-reason'; request: ApprovalRequest; approver: Approver }
  | { step: 'approved'; request: ApprovalRequest; approver: Approver; reason: string | null }
  | { step: 'refused'; request: ApprovalRequest; cause: 'cancelled' | 'no-pin'; approver?: Approver }
  | { step: 'locked-out'; request: ApprovalRequest; approver: Approver; minutes: number };

export type ApprovalInput =
  | { type: 'request'; request: ApprovalRequest; lock?: LockView }
  | { type: 'badge'; scan: string; approver: Approver | null; lock: LockView }
  | { type: 'digit'; digit: string }
  | { type: 'backspace' }
  | { type: 'submit' }
  | { type: 'verified'; valid: boolean; lock: LockView }
  | { type: 'reason'; code: string }
  | { type: 'cancel' }
  | { type: 'reset' };

export const idleApproval: ApprovalFlow = { step: 'idle' };

const FINISHED = new Set<ApprovalFlow['step']>(['approved', 'refused', 'locked-out']);

/** The flow has an outcome (approved, refused, locked out): the store hands it over and returns to idle. */
export function isFinished(flow: ApprovalFlow): flow is Extract<ApprovalFlow, { step: 'approved' | 'refused' | 'locked-out' }> {
  return FINISHED.has(flow.step);
}

/** Waiting for the approver: the layer is shown and scans belong to it. */
export function isWaiting(flow: ApprovalFlow): flow is Exclude<ApprovalFlow, { step: 'idle' | 'approved' | 'refused' | 'locked-out' }> {
  return flow.step !== 'idle' && !isFinished(flow);
}

function atPin(request: ApprovalRequest, approver: Approver, lock: LockView | undefined): ApprovalFlow {
  if (!approver.pinHash) return { step: 'refused', request, cause: 'no-pin', approver };
  if (lock && (lock.lockedMinutes !== null || lock.attemptsLeft <= 0)) return { step: 'locked-out', request, approver, minutes: lock.lockedMinutes ?? 1 };
  return { step: 'awaiting-pin', request, approver, digits: '', attemptsLeft: lock?.attemptsLeft ?? MAX_WRONG_PINS, wrong: false };
}

function onBadge(flow: Extract<ApprovalFlow, { step: 'awaiting-badge' }>, input: Extract<ApprovalInput, { type: 'badge' }>): ApprovalFlow {
  const { request } = flow;
  const { approver, lock } = input;
  if (!approver) return { step: 'awaiting-badge', request, error: 'unknown-badge', scan: input.scan };
  if (approver.role !== (request.requiredRole ?? 'shift-lead')) return { step: 'awaiting-badge', request, error: 'not-approver', scan: input.scan };
  if (!approver.pinHash) return { step: 'awaiting-badge', request, error: 'no-pin', scan: input.scan };
  // A locked approver leaves the request open: another shift lead may still confirm it.
  if (lock.lockedMinutes !== null || lock.attemptsLeft <= 0) {
    return { step: 'awaiting-badge', request, error: 'pin-locked', scan: input.scan, lockedMinutes: lock.lockedMinutes ?? 1 };
  }
  return atPin(request, approver, lock);
}

export function approvalFlow(flow: ApprovalFlow, input: ApprovalInput): ApprovalFlow {
  if (input.type === 'reset') return idleApproval;
  if (input.type === 'request') {
    if (isWaiting(flow)) return flow; // one approval at a time: the store cancels the open one first
    const { request } = input;
    return request.approver ? atPin(request, request.approver, input.lock) : { step: 'awaiting-badge', request, error: null };
  }
  if (input.type === 'cancel') return isWaiting(flow) ? { step: 'refused', request: flow.request, cause: 'cancelled' } : flow;
  switch (flow.step) {
    case 'awaiting-badge':
      return input.type === 'badge' ? onBadge(flow, input) : flow;
    case 'awaiting-pin':
      if (input.type === 'digit') {
        if (!/^\d$/.test(input.digit) || flow.digits.length >= MAX_PIN_DIGITS) return flow;
        return { ...flow, digits: flow.digits + input.digit, wrong: false };
      }
      if (input.type === 'backspace') return { ...flow, digits: flow.digits.slice(0, -1) };
      if (input.type === 'submit' && flow.digits.length > 0) {
        const { request, approver, digits, attemptsLeft } = flow;
        return { step: 'verifying', request, approver, digits, attemptsLeft };
      }
      return flow;
    case 'verifying': {
      if (input.type !== 'verified') return flow;
      const { request, approver } = flow;
      if (input.valid) {
        return request.reasonCodes && request.reasonCodes.length > 0 ? { step: 'awaiting-reason', request, approver } : { step: 'approved', request, approver, reason: null };
      }
      if (input.lock.lockedMinutes !== null || input.lock.attemptsLeft <= 0) return { step: 'locked-out', request, approver, minutes: input.lock.lockedMinutes ?? 1 };
      return { step: 'awaiting-pin', request, approver, digits: '', attemptsLeft: input.lock.attemptsLeft, wrong: true };
    }
    case 'awaiting-reason':
      if (input.type === 'reason' && flow.request.reasonCodes?.includes(input.code)) {
        return { step: 'approved', request: flow.request, approver: flow.approver, reason: input.code };
      }
      return flow;
    default:
      return flow;
  }
}
