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

/** The line's released and started orders; an order started on this terminal shows as started before the server knows. */
export function selectOrderViews(state: Pick<AppState, 'orders' | 'materials' | 'terminal'>): OrderView[] {
  return orderViews(state.orders, state.materials, state.terminal);
}

export function orderViews(orders: readonly Order[], materials: Readonly<Record<string, Material>>, terminal: TerminalState): OrderView[] {
  const started = new Set(terminal.startedOrderIds);
  return orders
    .map((order): OrderView => {
      const material = materials[order.materialId];
      return {
        ...order,
        displayStatus: started.has(order.id) && order.status === 'released' ? 'started' : order.status,
        active: terminal.activeOrderId === order.id,
        materialLabel: material ? `${material.number} · ${material.name}` : order.materialId,
      };
    })
    .filter((o) => o.displayStatus === 'released' || o.displayStatus === 'started')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
}

export function selectPending(state: AppState): number {
  return state.sync.pending;
}
