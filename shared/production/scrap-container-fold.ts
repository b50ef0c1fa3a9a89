import type { EventOf } from '../events';
import { addTo, type Draft } from './fold-draft';

/**
 * The production fold's scrap and container steps (order-state.ts calls
 * them): scrap booked and undone once each, containers opened, packed and
 * closed, each changing only what it touches on the fold's draft.
 */

export function applyScrapBooked(draft: Draft, event: EventOf<'ScrapBooked'>): void {
  const p = event.payload;
  const orderId = event.orderId;
  if (!orderId) return;
  draft.setScrap({
    eventId: event.id,
    orderId,
    reasonId: p.reasonId,
    quantity: p.quantity,
    at: event.occurredAt,
    ...(p.serial !== undefined ? { serial: p.serial } : {}),
    undone: false,
  });
  draft.addReasonUse(p.reasonId, 1);
  draft.updateOrder(orderId, (o) => ({
    ...o,
    scrapQuantity: o.scrapQuantity + p.quantity,
    scrapByReason: addTo(o.scrapByReason, p.reasonId, p.quantity),
  }));
}

export function applyScrapUndone(draft: Draft, event: EventOf<'ScrapUndone'>): void {
  const booking = draft.scrap[event.payload.scrapEventId];
  // Undoing twice, or an unknown booking, changes nothing: the compensation is applied once.
  if (!booking || booking.undone) return;
  draft.setScrap({ ...booking, undone: true });
  draft.addReasonUse(booking.reasonId, -1);
  draft.updateOrder(booking.orderId, (o) => ({
    ...o,
    scrapQuantity: o.scrapQuantity - booking.quantity,
    scrapByReason: addTo(o.scrapByReason, booking.reasonId, -booking.quantity),
  }));
}

export function applyContainerEvent(draft: Draft, event: EventOf<'ContainerOpened' | 'PartPacked' | 'ContainerClosed'>): void {
  const orderId = event.orderId ?? null;
  if (event.type === 'ContainerOpened') {
    const p = event.payload;
    draft.setContainer({
      containerId: p.containerId,
      orderId,
      capacity: p.capacity ?? null,
      quantity: 0,
      serials: [],
      status: 'open',
      openedAt: event.occurredAt,
      closedAt: null,
    });
    if (!orderId) return;
    draft.updateOrder(orderId, (o) => ({
      ...o,
      openContainerId: p.containerId,
      containerIds: o.containerIds.includes(p.containerId) ? o.containerIds : [...o.containerIds, p.containerId],
    }));
    return;
  }
  if (event.type === 'PartPacked') {
    const p = event.payload;
    const container = draft.containers[p.containerId];
    if (!container) return;
    draft.setContainer({
      ...container,
      quantity: container.quantity + p.quantity,
      serials: p.serial !== undefined ? [...container.serials, p.serial] : container.serials,
    });
    return;
  }
  const p = event.payload;
  const container = draft.containers[p.containerId];
  if (!container) return;
  draft.setContainer({ ...container, status: 'closed', closedAt: event.occurredAt });
  const owner = container.orderId;
  if (!owner) return;
  const execution = draft.orders[owner];
  if (execution?.openContainerId === p.containerId) draft.updateOrder(owner, (o) => ({ ...o, openContainerId: null }));
}
