import { roleRequiresPin, type Operator, type Role } from '../../shared/master-data';
import { classifyScan, parseBarcode } from '../../shared/barcode';
import { normalizeScan } from '../scan/scan-text';
import { MAX_PIN_DIGITS } from '../../shared/pin';

/** The login flow as pure data and transitions; the store wires them to the journal. */

export const MAX_PIN_ATTEMPTS = 3;
export const MAX_PIN_LENGTH = MAX_PIN_DIGITS;

export type LoginNotice = { kind: 'unknown-badge'; scan: string } | { kind: 'too-many-pins' } | { kind: 'no-master-data' };

export type LoginState =
  | { step: 'badge'; notice?: LoginNotice }
  | {
      step: 'pin';
      operatorId: string;
      name: string;
      badge: string;
      role: Role;
      pinHash: string;
      digits: string;
      attemptsLeft: number;
      verifying: boolean;
      wrong: boolean;
    };

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

export function startPin(operator: Operator & { pinHash: string }): LoginState {
  return {
    step: 'pin',
    operatorId: operator.id,
    name: operator.name,
    badge: operator.badge,
    role: operator.role,
    pinHash: operator.pinHash,
    digits: '',
    attemptsLeft: MAX_PIN_ATTEMPTS,
    verifying: false,
    wrong: false,
  };
}

export function pinDigit(state: LoginState, digit: string): LoginState {
  if (state.step !== 'pin' || state.verifying || !/^\d$/.test(digit) || state.digits.length >= MAX_PIN_LENGTH) return state;
  return { ...state, digits: state.digits + digit, wrong: false };
}

export function pinBackspace(state: LoginState): LoginState {
  if (state.step !== 'pin' || state.verifying) return state;
  return { ...state, digits: state.digits.slice(0, -1) };
}

export function pinVerifying(state: LoginState): LoginState {
  return state.step === 'pin' ? { ...state, verifying: true } : state;
}

/** A wrong PIN costs an attempt; after the last one the operator must scan the badge again. */
export function pinRejected(state: LoginState): LoginState {
  if (state.step !== 'pin') return state;
  const attemptsLeft = state.attemptsLeft - 1;
  if (attemptsLeft <= 0) return { step: 'badge', notice: { kind: 'too-many-pins' } };
  return { ...state, digits: '', attemptsLeft, verifying: false, wrong: true };
}
