import type { Material, Order } from '../../shared/master-data';
import type { TerminalState } from '../../shared/terminal-state';
import type { AppState } from './types';

/** Pure reads of the app state; components use these instead of reaching into slices. */

export function selectOperatorName(state: AppState): string | null {
  const operator = state.terminal.operator;
  if (!operator) return null;
  return state.operators.find((o) => o.id === operator.id)?.name ?? operator.badge;
}

export function selectLineName(state: AppState): string | null {
  return state.line?.name ?? state.terminalRow?.lineId ?? null;
}

export type OrderView = Order & { displayStatus: Order['status']; active: boolean; materialLabel: string };

/** What the production fold (this terminal's journal) knows of an order's state. */
export type FoldedStatus = Readonly<Record<string, { readonly status: OrderView['displayStatus'] }>>;

/**
 * The line's open orders for the list. The state shown is the production
 * fold's where this terminal worked on the order (a completed order shows
 * completed, also after a restart, before the server's master data says so),
 * else the master data's; an order started here shows as started before the
 * server knows. Orders completed here stay listed, as completed.
 */
export function selectOrderViews(state: Pick<AppState, 'orders' | 'materials' | 'terminal'> & { workflow?: { production: { orders: FoldedStatus } } }): OrderView[] {
  return orderViews(state.orders, state.materials, state.terminal, state.workflow?.production.orders);
}

const LISTED: ReadonlySet<string> = new Set(['released', 'started', 'paused']);

export function orderViews(orders: readonly Order[], materials: Readonly<Record<string, Material>>, terminal: TerminalState, folded: FoldedStatus = {}): OrderView[] {
  const started = new Set(terminal.startedOrderIds);
  return orders
    .filter((order) => LISTED.has(order.status) || folded[order.id]?.status === 'completed')
    .map((order): OrderView => {
      const material = materials[order.materialId];
      const local = folded[order.id]?.status;
      const displayStatus = local && local !== 'released' ? local : started.has(order.id) && order.status === 'released' ? 'started' : order.status;
      return {
        ...order,
        displayStatus,
        active: terminal.activeOrderId === order.id && displayStatus !== 'completed',
        materialLabel: material ? `${material.number} · ${material.name}` : order.materialId,
      };
    })
    .filter((o) => LISTED.has(o.displayStatus) || o.displayStatus === 'completed')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
}

export function selectPending(state: AppState): number {
  return state.sync.pending;
}
