import { roleRequiresPin, type Operator, type Role } from '../../shared/master-data';
import { classifyScan, parseBarcode } from '../../shared/barcode';
import { normalizeScan } from '../scan/scan-text';
import { MAX_PIN_DIGITS } from '../../shared/pin';
import { MAX_WRONG_PINS } from '../storage/pin-lockout';

/** The login flow as pure data and transitions; the store wires them to the journal. */

export const MAX_PIN_LENGTH = MAX_PIN_DIGITS;

/** `pin-locked`: too many wrong PINs for this badge on this terminal (storage/pin-lockout.ts). */
export type LoginNotice = { kind: 'unknown-badge'; scan: string } | { kind: 'pin-locked'; minutes: number } | { kind: 'no-master-data' };

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

/** `attemptsLeft`: what the badge's persisted count of wrong PINs leaves (MAX_WRONG_PINS when none). */
export function startPin(operator: Operator & { pinHash: string }, attemptsLeft = MAX_WRONG_PINS): LoginState {
  return {
    step: 'pin',
    operatorId: operator.id,
    name: operator.name,
    badge: operator.badge,
    role: operator.role,
    pinHash: operator.pinHash,
    digits: '',
    attemptsLeft,
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

/** After a wrong PIN, as the lockout counted it: try again, or the badge is locked for `lockedMinutes`. */
export function pinRejected(state: LoginState, lock: { attemptsLeft: number; lockedMinutes: number | null }): LoginState {
  if (state.step !== 'pin') return state;
  if (lock.lockedMinutes !== null || lock.attemptsLeft <= 0) return { step: 'badge', notice: { kind: 'pin-locked', minutes: lock.lockedMinutes ?? 1 } };
  return { ...state, digits: '', attemptsLeft: lock.attemptsLeft, verifying: false, wrong: true };
}
