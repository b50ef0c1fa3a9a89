import type { ContainerState, OrderExecution, ProductionState } from './order-state';
import { accept, nok, type DomainEvent, type Verdict } from './verdict';

/**
 * Packing: parts go into the order's open container; a full
 * container closes (its label must print) and the next one opens at once, so
 * the screen always shows where the next part goes. Partial close on demand;
 * a reprint needs a reason (DESIGN §7: never printed twice without one).
 */

export type PackVerdict = Verdict<{
  /** True when a container closed: the UI prints its label. */
  labelRequired: boolean;
  closedContainerIds: string[];
  openContainerId: string;
}>;

export interface PackInput {
  readonly state: ProductionState;
  readonly execution: OrderExecution;
  /** Parts per container from the packaging master data. */
  readonly capacity: number;
  readonly quantity?: number;
  readonly serial?: string;
  readonly materialId?: string;
  /** Injected id source for containers opened by this command (UUIDv7 in the app, a counter in tests). */
  readonly nextContainerId: () => string;
}

export function packParts(input: PackInput): PackVerdict {
  const { state, execution, capacity } = input;
  const quantity = input.quantity ?? 1;
  if (execution.status !== 'started') {
    return nok('order-not-running', `The order is ${execution.status}, not running.`, { orderId: execution.orderId, status: execution.status });
  }
  if (!Number.isInteger(capacity) || capacity <= 0) return nok('capacity-invalid', 'The container capacity in master data is not a positive whole number.', { capacity });
  if (!Number.isInteger(quantity) || quantity <= 0) return nok('quantity-invalid', 'Pack a whole number of parts, at least 1.', { quantity });
  const serial = input.serial?.trim() || undefined;
  if (serial !== undefined) {
    if (quantity !== 1) return nok('pack-serial-quantity', 'A part with a serial number is packed one at a time.', { serial, quantity });
    const holder = Object.values(state.containers).find((c) => c.serials.includes(serial));
    if (holder) return nok('serial-already-packed', `Part ${serial} is already in container ${holder.containerId}.`, { serial, containerId: holder.containerId });
  }

  const events: DomainEvent[] = [];
  const closed: string[] = [];
  const orderId = execution.orderId;
  const open = (): { id: string; capacity: number; filled: number } => {
    const id = input.nextContainerId();
    events.push({
      type: 'ContainerOpened',
      orderId,
      payload: { containerId: id, capacity, ...(input.materialId !== undefined ? { materialId: input.materialId } : {}) },
    });
    return { id, capacity, filled: 0 };
  };
  const existing = openContainer(state, execution);
  // A container keeps the capacity it was opened with, even if master data changed since.
  let current = existing ? { id: existing.containerId, capacity: existing.capacity ?? capacity, filled: existing.quantity } : open();
  let remaining = quantity;
  while (remaining > 0) {
    const put = Math.min(Math.max(current.capacity - current.filled, 0), remaining);
    if (put > 0) {
      events.push({ type: 'PartPacked', orderId, payload: { containerId: current.id, quantity: put, ...(serial !== undefined ? { serial } : {}) } });
      current.filled += put;
      remaining -= put;
    }
    if (current.filled >= current.capacity) {
      events.push({ type: 'ContainerClosed', orderId, payload: { containerId: current.id, quantity: current.filled } });
      closed.push(current.id);
      current = open();
    }
  }
  return accept(events, { labelRequired: closed.length > 0, closedContainerIds: closed, openContainerId: current.id });
}

function openContainer(state: ProductionState, execution: OrderExecution): ContainerState | undefined {
  const id = execution.openContainerId;
  const container = id !== null ? state.containers[id] : undefined;
  return container?.status === 'open' ? container : undefined;
}

/**
 * Partial close on demand (end of order, shift, material change). An empty
 * container is refused: closing it would book a container with no parts and
 * no label, which goods-out can only stumble over.
 */
export function closeContainer(state: ProductionState, execution: OrderExecution): Verdict<{ labelRequired: boolean; containerId: string }> {
  const container = openContainer(state, execution);
  if (!container) return nok('no-open-container', 'There is no open container for this order.', { orderId: execution.orderId });
  if (container.quantity === 0) return nok('container-empty', 'The open container is empty: there is nothing to close.', { containerId: container.containerId });
  return accept(
    [{ type: 'ContainerClosed', orderId: execution.orderId, payload: { containerId: container.containerId, quantity: container.quantity } }],
    { labelRequired: container.quantity > 0, containerId: container.containerId },
  );
}

export function reprintContainerLabel(input: {
  state: ProductionState;
  containerId: string;
  reason: string;
  /** The print job and template of the reprint, chosen by the print layer. */
  jobId: string;
  templateId: string;
}): Verdict {
  const container = input.state.containers[input.containerId];
  if (!container) return nok('container-unknown', `Container ${input.containerId} is not on this terminal.`, { containerId: input.containerId });
  if (container.status !== 'closed') return nok('container-not-closed', 'An open container has no label yet.', { containerId: input.containerId });
  const reason = input.reason.trim();
  if (reason === '') return nok('reprint-reason-required', 'A reprint needs a reason.', { containerId: input.containerId });
  return accept([
    {
      type: 'LabelReprinted',
      ...(container.orderId ? { orderId: container.orderId } : {}),
      payload: { jobId: input.jobId, templateId: input.templateId, reason, containerId: container.containerId },
    },
  ]);
}
