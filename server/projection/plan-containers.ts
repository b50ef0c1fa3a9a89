import type { EventType } from '../../shared/events';
import { packageNumberOf } from '../../shared/labels/container-label';
import type { ContainersTable } from '../db/projection-schema';
import type { Handler, ProjectionPlan } from './plan';

const key = (...parts: string[]): string => parts.join('\u0000');

/**
 * Genealogy of containers and shipments, the pure half (see plan.ts): which
 * parts went into which container when, and which containers left on which
 * shipment. A container row carries the package number its label prints, so
 * a recall can start from the label in hand.
 */
export const CONTAINER_HANDLERS: { [T in EventType]?: Handler<T> } = {
  ContainerOpened: ({ event, payload, at, plan }) => {
    const row = containerRow(plan, payload.containerId);
    row.sscc = payload.sscc ?? row.sscc;
    row.material_id = payload.materialId ?? row.material_id;
    row.terminal_id = event.terminalId;
    row.operator_id = event.operatorId ?? null;
    if (row.opened_at === null || at < row.opened_at) row.opened_at = at;
  },
  PartPacked: ({ event, payload, at, plan }) => {
    containerRow(plan, payload.containerId);
    if (payload.serial) {
      plan.containerSerials.push({ container_id: payload.containerId, serial: payload.serial, terminal_id: event.terminalId, operator_id: event.operatorId ?? null, packed_at: at });
      return;
    }
    if (!event.orderId) return;
    plan.containerPacks.push({
      event_id: event.id.toLowerCase(),
      container_id: payload.containerId,
      order_id: event.orderId,
      terminal_id: event.terminalId,
      operator_id: event.operatorId ?? null,
      quantity: payload.quantity,
      packed_at: at,
    });
    const operatorId = event.operatorId ?? '';
    const k = key(payload.containerId, event.orderId, event.terminalId, operatorId);
    const row = plan.containerOrders.get(k) ?? {
      container_id: payload.containerId,
      order_id: event.orderId,
      terminal_id: event.terminalId,
      operator_id: operatorId,
      quantity: 0,
      first_at: at,
      last_at: at,
    };
    row.quantity += payload.quantity;
    if (at < row.first_at) row.first_at = at;
    if (at > row.last_at) row.last_at = at;
    plan.containerOrders.set(k, row);
  },
  ContainerClosed: ({ payload, at, plan }) => {
    const row = containerRow(plan, payload.containerId);
    if (row.closed_at === null || at > row.closed_at) row.closed_at = at;
  },
  ShipmentDispatched: ({ event, payload, at, plan }) => {
    for (const containerId of payload.containerIds) {
      plan.shipments.push({
        shipment_id: payload.shipmentId,
        container_id: containerId,
        customer: payload.customer ?? null,
        terminal_id: event.terminalId,
        operator_id: event.operatorId ?? null,
        dispatched_at: at,
      });
    }
  },
};

function containerRow(plan: ProjectionPlan, containerId: string): ContainersTable {
  let row = plan.containers.get(containerId);
  if (!row) {
    row = {
      container_id: containerId,
      sscc: null,
      material_id: null,
      terminal_id: null,
      operator_id: null,
      opened_at: null,
      closed_at: null,
      package_number: packageNumberOf(containerId),
    };
    plan.containers.set(containerId, row);
  }
  return row;
}
