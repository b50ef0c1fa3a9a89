import { roleRequiresPin, type Operator } from '../../shared/master-data';
import { classifyScan, parseBarcode } from '../../shared/barcode';
import { normalizeScan } from '../scan/scan-text';

/** The login flow as pure data and transitions; the store wires them to the journal. */

/** `pin-locked`: too many wrong PINs for this badge on this terminal (storage/pin-lockout.ts). */
export type LoginNotice = { kind: 'unknown-badge'; scan: string } | { kind: 'pin-locked'; minutes: number } | { kind: 'no-master-data' };

/** The badge prompt and what it last had to say; the PIN of a PIN role is asked by the approval layer. */
export type LoginState = { step: 'badge'; notice?: LoginNotice };

export const initialLogin: LoginState = { step: 'badge' };

export type BadgeDecision =
  | { kind: 'unknown'; scan: string }
  | { kind: 'login'; operator: Operator }
  | { kind: 'pin'; operator: Operator & { pinHash: string } };

export function decideBadge(operators: readonly Operator[], raw: string): BadgeDecision {
  const scan = normalizeScan(raw);
  // A badge printed as Code 128 or Code 39 may arrive with its AIM prefix (`]C0B1001`): classify the parsed text.
  const found = classifyScan(parseBarcode(scan), { operators, orders: [], materials: [] });
  const operator =
    found.kind === 'badge' ? operators.find((o) => o.id === found.operatorId) : scan ? operators.find((o) => o.badge === scan) : undefined;
  if (!operator) return { kind: 'unknown', scan };
  if (roleRequiresPin(operator.role) && operator.pinHash) return { kind: 'pin', operator: { ...operator, pinHash: operator.pinHash } };
  return { kind: 'login', operator };
}
