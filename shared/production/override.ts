import type { Role } from '../master-data';
import { nok, type Nok } from './verdict';

/**
 * The shift-lead override (badge scan + PIN + reason), one check reused by
 * scrap approval and by the sequence check. The PIN is verified by the caller
 * (shared/pin.ts is slow on purpose); this only takes the outcome.
 */
export interface Approval {
  readonly approvedBy: string;
  readonly role: Role;
  readonly reason: string;
}

export interface OverrideRequest {
  readonly approver: { readonly id: string; readonly role: Role };
  readonly pinVerified: boolean;
  readonly reason: string;
  /** Roles allowed to approve; shift leads only unless a site decides otherwise. */
  readonly allowedRoles?: readonly Role[];
}

export function approveOverride(request: OverrideRequest): { ok: true; approval: Approval } | Nok {
  const allowed = request.allowedRoles ?? ['shift-lead'];
  if (!allowed.includes(request.approver.role)) {
    return nok('override-role-required', `Only ${allowed.join(', ')} may approve; ${request.approver.role} may not.`, {
      role: request.approver.role,
      allowedRoles: allowed,
    });
  }
  if (!request.pinVerified) return nok('override-pin-required', 'The approver must confirm with their PIN.', { approverId: request.approver.id });
  const reason = request.reason.trim();
  if (reason === '') return nok('override-reason-required', 'An override needs a reason.', {});
  return { ok: true, approval: { approvedBy: request.approver.id, role: request.approver.role, reason } };
}
