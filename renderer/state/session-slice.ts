import type { RawScan } from '../../shared/bridge';
import type { NewEvent } from '../../shared/events';
import type { Operator } from '../../shared/master-data';
import { initialTerminalState, type TerminalState } from '../../shared/terminal-state';
import { classifyScan, parseBarcode } from '../../shared/barcode';
import { normalizeScan, showControlChars } from '../scan/scan-text';
import { createPinLockout, memoryStorage, minutesLeft } from '../storage/pin-lockout';
import { saveFailedFeedback } from '../storage/storage-refusal';
import type { StoreDeps } from './deps';
import { decideBadge, initialLogin, pinBackspace, pinDigit, pinRejected, pinVerifying, startPin, type LoginState } from './login-logic';
import type { SliceCreator } from './types';

/**
 * The operator's session: the folded TerminalState (restored from the
 * journal's snapshot, so a reload keeps the operator and the started order),
 * the login flow, and the order being started. Every change to the session
 * is a journal append first; the state shown is the state the journal returned.
 */
export interface SessionState {
  terminal: TerminalState;
  login: LoginState;
  /** The order whose OrderStarted is being written. */
  startingOrderId: string | null;
  /** A journal write is in flight (login/logout); buttons are disabled. */
  writing: boolean;
}

export interface SessionActions {
  restoreSession(): Promise<void>;
  handleScan(scan: Pick<RawScan, 'raw'>): Promise<void>;
  pressPinDigit(digit: string): void;
  pinBackspace(): void;
  cancelPin(): void;
  submitPin(): Promise<void>;
  startOrder(orderId: string): Promise<boolean>;
  logout(): Promise<void>;
}

export type SessionSlice = SessionState & SessionActions;

export const initialSession: SessionState = {
  terminal: initialTerminalState,
  login: initialLogin,
  startingOrderId: null,
  writing: false,
};

export const createSessionSlice =
  (deps: StoreDeps): SliceCreator<SessionSlice> =>
  (set, get) => {
    const lockout = deps.pinLockout ?? createPinLockout(memoryStorage(), deps.terminalId);

    /** Appends, then adopts the journal's folded state; false (with NOK feedback) when the write failed. */
    async function record(events: NewEvent[]): Promise<boolean> {
      const result = await deps.journal.append(events, { clock: deps.clock });
      if (!result.ok) {
        // A storage refusal gets its own translated sentence; anything else "not saved: <message>".
        const failed = saveFailedFeedback(result.error, 'feedback.saveFailed');
        get().showFeedback('nok', failed.key, failed.params);
        return false;
      }
      set({ terminal: result.value.state });
      deps.notifySync();
      return true;
    }

    async function logIn(operator: Pick<Operator, 'id' | 'name' | 'badge' | 'role'>, method: 'badge' | 'badge+pin'): Promise<void> {
      set({ writing: true });
      try {
        const ok = await record([
          { type: 'OperatorLoggedIn', operatorId: operator.id, payload: { badge: operator.badge, role: operator.role, method } },
        ]);
        if (ok) {
          set({ login: initialLogin });
          get().showFeedback('ok', 'login.welcome', { name: operator.name });
        }
      } finally {
        set({ writing: false });
      }
    }

    return {
      ...initialSession,

      async restoreSession() {
        set({ terminal: await deps.journal.loadState() });
      },

      async handleScan({ raw }) {
        const state = get();
        if (state.writing) return;
        if (state.terminal.operator) {
          // On the order screen an order traveller's barcode starts that order, like its Start button.
          const found = classifyScan(parseBarcode(normalizeScan(raw)), { operators: [], orders: state.orders, materials: [] });
          const order = found.kind === 'order' ? state.orders.find((o) => o.id === found.orderId) : undefined;
          if (order && order.status === 'released' && !state.terminal.startedOrderIds.includes(order.id)) {
            await get().startOrder(order.id);
            return;
          }
          if (order) {
            get().showFeedback('nok', 'scan.orderAlreadyStarted', { number: order.number });
            return;
          }
          get().showFeedback('nok', 'scan.notUsedHere', { scan: showControlChars(raw.replace(/[\r\n]+$/, '')) });
          return;
        }
        if (state.login.step === 'pin') return; // the PIN pad is open: finish or cancel it first
        if (!state.masterLoaded) {
          set({ login: { step: 'badge', notice: { kind: 'no-master-data' } } });
          get().showFeedback('nok', 'login.noMasterData');
          return;
        }
        const decision = decideBadge(state.operators, raw);
        if (decision.kind === 'unknown') {
          set({ login: { step: 'badge', notice: { kind: 'unknown-badge', scan: decision.scan } } });
          get().showFeedback('nok', 'login.unknownBadge', { scan: showControlChars(decision.scan) });
          return;
        }
        if (decision.kind === 'pin') {
          const lock = lockout.status(decision.operator.badge, deps.clock());
          if (lock.lockedUntil) {
            const minutes = minutesLeft(lock.lockedUntil, deps.clock());
            set({ login: { step: 'badge', notice: { kind: 'pin-locked', minutes } } });
            get().showFeedback('nok', 'security.pinLocked', { minutes });
            return;
          }
          set({ login: startPin(decision.operator, lock.attemptsLeft) });
          return;
        }
        await logIn(decision.operator, 'badge');
      },

      pressPinDigit(digit) {
        set({ login: pinDigit(get().login, digit) });
      },

      pinBackspace() {
        set({ login: pinBackspace(get().login) });
      },

      cancelPin() {
        if (get().login.step === 'pin') set({ login: initialLogin });
      },

      async submitPin() {
        const login = get().login;
        if (login.step !== 'pin' || login.verifying || login.digits.length === 0) return;
        set({ login: pinVerifying(login) });
        await deps.yieldToUi();
        let valid = false;
        try {
          valid = await deps.verifyPin(login.digits, login.pinHash);
        } catch {
          valid = false;
        }
        const now = get().login;
        if (now.step !== 'pin' || now.operatorId !== login.operatorId || !now.verifying) return; // cancelled meanwhile
        if (!valid) {
          const lock = lockout.recordFailure(login.badge, deps.clock());
          const lockedMinutes = lock.lockedUntil ? minutesLeft(lock.lockedUntil, deps.clock()) : null;
          set({ login: pinRejected(now, { attemptsLeft: lock.attemptsLeft, lockedMinutes }) });
          if (lockedMinutes !== null) get().showFeedback('nok', 'security.pinLocked', { minutes: lockedMinutes });
          else get().showFeedback('nok', 'pin.wrong');
          return;
        }
        lockout.clear(login.badge);
        await logIn({ id: login.operatorId, name: login.name, badge: login.badge, role: login.role }, 'badge+pin');
      },

      /**
       * Start from the order list (or by its traveller's barcode) is "open the
       * order and press its Start": the same check (every batch-tracked BOM
       * item needs a loaded batch) and the same verdict on the order screen.
       * An operator with gloves who taps Start means to work on that order, so
       * it opens either way: after an OK to book parts, after a NOK with the
       * missing materials marked, where their batch scans load them at once.
       * True when this call started it.
       */
      async startOrder(orderId) {
        const state = get();
        if (!state.terminal.operator || !state.orders.some((o) => o.id === orderId) || state.startingOrderId) return false;
        set({ startingOrderId: orderId });
        try {
          await get().openOrder(orderId);
          await get().wfStart();
          return get().terminal.startedOrderIds.includes(orderId) && get().workflow.verdict?.tone === 'ok';
        } finally {
          set({ startingOrderId: null });
        }
      },

      async logout() {
        const operator = get().terminal.operator;
        if (!operator || get().writing) return;
        set({ writing: true });
        try {
          const ok = await record([{ type: 'OperatorLoggedOut', operatorId: operator.id, payload: { reason: 'manual' } }]);
          if (ok) {
            set({ login: initialLogin });
            get().showFeedback('ok', 'session.loggedOut');
          }
        } finally {
          set({ writing: false });
        }
      },
    };
  };
