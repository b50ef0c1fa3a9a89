import type { ScheduleLine } from '../edi/schedule';

/**
 * Which requirements of a delivery schedule a shipment covers: firm lines
 * before forecast ones, each earliest first (a backlog or immediate line,
 * dated '', before any dated one). What was shipped since the last delivery
 * note the customer booked is still on its way and covers the first
 * requirements already, so it is skipped before this shipment's quantity
 * is laid on; what no line asks for is `unscheduled` (shipped ahead of the
 * call-off, which logistics must see).
 */

export interface Allocation {
  /** Position in allocation order, from 1. */
  position: number;
  /** The line's date, `YYYY-MM-DD`; '' for backlog, immediate and unscheduled. */
  lineDate: string;
  commitment: 'firm' | 'forecast' | 'unscheduled';
  quantity: number;
}

// Undated (backlog, immediate) before every date; a JIT line's time orders lines of one day.
const when = (l: ScheduleLine) => `${l.date || '0000-00-00'}T${l.time?.slice(11) ?? ''}`;

export function allocationOrder(lines: readonly ScheduleLine[]): ScheduleLine[] {
  const rank = (l: ScheduleLine) => (l.commitment === 'firm' ? 0 : 1);
  return [...lines].filter((l) => l.quantity > 0).sort((a, b) => rank(a) - rank(b) || (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : 0));
}

export function allocateToSchedule(lines: readonly ScheduleLine[], inTransit: number, quantity: number): Allocation[] {
  let skip = Math.max(0, inTransit);
  let left = quantity;
  const out: Allocation[] = [];
  for (const line of allocationOrder(lines)) {
    if (left <= 0) break;
    const free = line.quantity - Math.min(skip, line.quantity);
    skip = Math.max(0, skip - line.quantity);
    if (free <= 0) continue;
    const take = Math.min(free, left);
    out.push({ position: out.length + 1, lineDate: line.date, commitment: line.commitment, quantity: take });
    left -= take;
  }
  if (left > 0) out.push({ position: out.length + 1, lineDate: '', commitment: 'unscheduled', quantity: left });
  return out;
}

/** What the schedule still asks for after what is in transit: the open quantity a dispatch screen loads against. */
export function openQuantity(lines: readonly ScheduleLine[], inTransit: number): number {
  return Math.max(0, allocationOrder(lines).reduce((sum, l) => sum + l.quantity, 0) - Math.max(0, inTransit));
}

/** The firm part of what is open, and the earliest open requirement's date. */
export function openSummary(lines: readonly ScheduleLine[], inTransit: number): { open: number; openFirm: number; nextDate?: string } {
  let skip = Math.max(0, inTransit);
  let open = 0;
  let openFirm = 0;
  let nextDate: string | undefined;
  for (const line of allocationOrder(lines)) {
    const free = line.quantity - Math.min(skip, line.quantity);
    skip = Math.max(0, skip - line.quantity);
    if (free <= 0) continue;
    open += free;
    if (line.commitment === 'firm') openFirm += free;
    nextDate ??= line.date;
  }
  return { open, openFirm, ...(nextDate !== undefined ? { nextDate } : {}) };
}
