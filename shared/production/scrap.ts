import type { ScrapReason } from '../master-data';
import type { Approval } from './override';
import type { OrderExecution, ProductionState } from './order-state';
import { toMillis } from './time';
import { accept, nok, type DomainEvent, type Verdict } from './verdict';

/**
 * Scrap booking: a touch picker of grouped reasons, most used first;
 * a shift lead confirms bookings above the line's threshold; a booking can be
 * undone for a short while by a compensating event (facts are never deleted).
 */

export interface RankedReason extends ScrapReason {
  readonly uses: number;
}

export interface ReasonGroup {
  readonly group: string;
  readonly uses: number;
  readonly reasons: readonly RankedReason[];
}

/** Groups by `group`; groups and reasons each by use (descending), ties by name so the order is stable. */
export function rankScrapReasons(reasons: readonly ScrapReason[], use: Readonly<Record<string, number>>): ReasonGroup[] {
  const groups = new Map<string, RankedReason[]>();
  for (const reason of reasons) {
    const list = groups.get(reason.group) ?? [];
    list.push({ ...reason, uses: use[reason.id] ?? 0 });
    groups.set(reason.group, list);
  }
  const ranked: ReasonGroup[] = [...groups.entries()].map(([group, list]) => ({
    group,
    uses: list.reduce((sum, r) => sum + r.uses, 0),
    reasons: [...list].sort((a, b) => b.uses - a.uses || a.code.localeCompare(b.code)),
  }));
  return ranked.sort((a, b) => b.uses - a.uses || a.group.localeCompare(b.group));
}

export interface ScrapInput {
  readonly execution: OrderExecution;
  readonly reasons: readonly ScrapReason[];
  readonly reasonId: string;
  readonly quantity: number;
  readonly comment?: string;
  readonly serial?: string;
  /** Bookings of more than this many parts need a shift lead (per line; absent: never). */
  readonly approvalThreshold?: number;
  /** From approveOverride, when the booking needs one. */
  readonly approval?: Approval;
}

export function checkScrapBooking(input: ScrapInput): Verdict {
  const { execution, quantity } = input;
  if (execution.status !== 'started' && execution.status !== 'paused') {
    return nok('order-not-running', `The order is ${execution.status}, not running.`, { orderId: execution.orderId, status: execution.status });
  }
  const reason = input.reasons.find((r) => r.id === input.reasonId);
  if (!reason) return nok('scrap-reason-unknown', 'Choose a scrap reason from the list.', { reasonId: input.reasonId });
  if (!Number.isInteger(quantity) || quantity <= 0) return nok('quantity-invalid', 'Scrap a whole number of parts, at least 1.', { quantity });
  const serial = input.serial?.trim();
  if (serial !== undefined && serial !== '' && quantity !== 1) {
    return nok('scrap-serial-quantity', 'A scrapped part with a serial number counts as one part.', { serial, quantity });
  }
  const needsApproval = input.approvalThreshold !== undefined && quantity > input.approvalThreshold;
  if (needsApproval && !input.approval) {
    return nok('scrap-needs-approval', `Scrapping ${quantity} parts needs a shift lead's confirmation.`, {
      quantity,
      threshold: input.approvalThreshold,
    });
  }
  const note = input.comment?.trim();
  const events: DomainEvent[] = [];
  if (needsApproval && input.approval) {
    events.push({
      type: 'ScrapApproved',
      orderId: execution.orderId,
      payload: { reasonId: reason.id, quantity, approvedBy: input.approval.approvedBy, reason: input.approval.reason },
    });
  }
  events.push({
    type: 'ScrapBooked',
    orderId: execution.orderId,
    payload: {
      quantity,
      reasonId: reason.id,
      ...(serial ? { serial } : {}),
      ...(note ? { note } : {}),
    },
  });
  return accept(events);
}

export const DEFAULT_SCRAP_UNDO_WINDOW_MS = 60_000;

export function checkScrapUndo(input: {
  state: ProductionState;
  scrapEventId: string;
  /** Epoch milliseconds. */
  now: number;
  windowMs?: number;
}): Verdict {
  const booking = input.state.scrap[input.scrapEventId];
  if (!booking) return nok('scrap-not-found', 'This scrap booking is not on this terminal.', { scrapEventId: input.scrapEventId });
  if (booking.undone) return nok('scrap-already-undone', 'This scrap booking was already undone.', { scrapEventId: booking.eventId });
  const windowMs = input.windowMs ?? DEFAULT_SCRAP_UNDO_WINDOW_MS;
  const age = input.now - toMillis(booking.at);
  if (age > windowMs) {
    return nok('scrap-undo-expired', `Scrap can be undone for ${Math.round(windowMs / 1000)} s only; ask quality for a correction.`, {
      scrapEventId: booking.eventId,
      ageMs: age,
      windowMs,
    });
  }
  return accept([
    { type: 'ScrapUndone', orderId: booking.orderId, payload: { scrapEventId: booking.eventId, reasonId: booking.reasonId, quantity: booking.quantity } },
  ]);
}
