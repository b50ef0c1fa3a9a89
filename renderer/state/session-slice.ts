import type { RawScan } from '../../shared/bridge';
import type { NewEvent } from '../../shared/events';
import { roleRequiresPin, type Operator } from '../../shared/master-data';
import { initialTerminalState, type TerminalState } from '../../shared/terminal-state';
import { classifyScan, parseBarcode } from '../../shared/barcode';
import { normalizeScan, showControlChars } from '../scan/scan-text';
import { saveFailedFeedback } from '../storage/storage-refusal';
import type { StoreDeps } from './deps';
import { applyProductionEvent, executionOf, handOverOrder, type DomainEvent, type Nok } from '../../shared/production';
import { toApprover } from './approval/approval-slice';
import { decideBadge, initialLogin, type LoginState } from './login-logic';
import { reasonParams } from './workflow-logic';
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
  /** Another operator's badge while someone is logged in: they take over, the running order stays open and is handed over. */
  switchOperator(operator: Operator): Promise<void>;
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
    /** Appends, then adopts the journal's folded state; false (with NOK feedback) when the write failed. */
    async function record(events: NewEvent[]): Promise<boolean> {
      const result = await deps.journal.append(events, { clock: deps.clock });
      if (!result.ok) {
        // A storage refusal gets its own translated sentence; anything else "not saved: <message>".
        const failed = saveFailedFeedback(result.error, 'feedback.saveFailed');
        get().showFeedback('nok', failed.key, failed.params);
        return false;
      }
      // A switch of operator hands the running order over: the order screen's fold sees it at once.
      const workflow = get().workflow;
      set({ terminal: result.value.state, workflow: { ...workflow, production: result.value.events.reduce(applyProductionEvent, workflow.production) } });
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

    /**
     * A PIN role proves who they are on the approval layer (badge scanned, PIN next); others log in by badge.
     * `then` runs once it is proven; a cancel does nothing, a lockout is said on the login screen.
     */
    async function withIdentity(operator: Operator, then: (method: 'badge' | 'badge+pin') => Promise<void>): Promise<void> {
      if (!roleRequiresPin(operator.role) || !operator.pinHash) return then('badge');
      get().requestApproval({ what: { kind: 'login', name: operator.name }, approver: toApprover(operator) }, async (outcome) => {
        if (outcome.ok) return then('badge+pin');
        if (outcome.cause === 'locked-out') {
          set({ login: { step: 'badge', notice: { kind: 'pin-locked', minutes: outcome.minutes } } });
          get().showFeedback('nok', 'security.pinLocked', { minutes: outcome.minutes });
        }
      });
    }

    /** The terminal's running order goes with the terminal to the next operator, as at a handover on the order screen. */
    function handOverActiveOrder(operator: Operator): { ok: true; events: readonly DomainEvent[] } | Nok {
      const { terminal, orders, workflow } = get();
      const order = orders.find((o) => o.id === terminal.activeOrderId);
      if (!order) return { ok: true, events: [] };
      const execution = executionOf(workflow.production, order.id);
      if (execution.status !== 'started' && execution.status !== 'paused') return { ok: true, events: [] };
      const v = handOverOrder({ order, execution, to: operator });
      // Already theirs (the order came back to them): nothing to hand over.
      if (!v.ok && v.reason.code === 'handover-same-operator') return { ok: true, events: [] };
      return v;
    }

    return {
      ...initialSession,

      async restoreSession() {
        set({ terminal: await deps.journal.loadState() });
      },

      async handleScan({ raw }) {
        if (get().approvalScan(raw)) return; // the approver's badge, while an approval waits
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
          // Another operator's badge takes over the terminal: the shift goes on without a logout first.
          const badge = decideBadge(state.operators, raw);
          if (badge.kind !== 'unknown') {
            await get().switchOperator(badge.operator);
            return;
          }
          get().showFeedback('nok', 'scan.notUsedHere', { scan: showControlChars(raw.replace(/[\r\n]+$/, '')) });
          return;
        }
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
        await withIdentity(decision.operator, async (method) => {
          if (!get().terminal.operator) await logIn(decision.operator, method);
        });
      },

      async switchOperator(operator) {
        const current = get().terminal.operator;
        if (!current || get().writing) return;
        if (current.id === operator.id) {
          get().showFeedback('ok', 'approval.alreadyLoggedIn', { name: operator.name });
          return;
        }
        const refused = handOverActiveOrder(operator);
        if (!refused.ok) {
          get().showFeedback('nok', `workflow.reason.${refused.reason.code}`, { ...reasonParams(refused.reason), message: refused.reason.message });
          return;
        }
        await withIdentity(operator, async (method) => {
          // The session changed while the PIN was entered (logout, another switch): this switch is void.
          if (get().terminal.operator?.id !== current.id) return;
          const handover = handOverActiveOrder(operator);
          set({ writing: true });
          try {
            const ok = await record([
              { type: 'OperatorLoggedOut', operatorId: current.id, payload: { reason: 'handover' } },
              { type: 'OperatorLoggedIn', operatorId: operator.id, payload: { badge: operator.badge, role: operator.role, method } },
              ...((handover.ok ? handover.events : []) as NewEvent[]),
            ]);
            if (ok) get().showFeedback('ok', 'approval.switched', { name: operator.name });
          } finally {
            set({ writing: false });
          }
        });
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
          await get().startOpenOrder();
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
