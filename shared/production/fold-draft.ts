import type { ContainerState, OrderExecution, ProductionState, ScrapBooking } from './order-state';

/**
 * The fold works on a draft whose maps are copied at most once per fold, then
 * changed in place: applying one event copies what it touches (as immutable
 * updates do), and folding a whole journal stays linear instead of copying
 * every map once per event (1 M events over 20 k containers would take
 * minutes). The states handed out are never changed afterwards.
 */
export class Draft {
  orders: Record<string, OrderExecution>;
  containers: Record<string, ContainerState>;
  scrap: Record<string, ScrapBooking>;
  scrapReasonUse: Record<string, number>;
  lastSeq: number;
  private readonly owned = { orders: false, containers: false, scrap: false, scrapReasonUse: false };

  constructor(
    state: ProductionState,
    private readonly fresh: (orderId: string) => OrderExecution,
  ) {
    this.orders = state.orders as Record<string, OrderExecution>;
    this.containers = state.containers as Record<string, ContainerState>;
    this.scrap = state.scrap as Record<string, ScrapBooking>;
    this.scrapReasonUse = state.scrapReasonUse as Record<string, number>;
    this.lastSeq = state.lastSeq;
  }

  /** Copies a map the first time this draft changes it. */
  private own<T>(key: 'orders' | 'containers' | 'scrap' | 'scrapReasonUse', map: Record<string, T>): Record<string, T> {
    if (this.owned[key]) return map;
    this.owned[key] = true;
    return { ...map };
  }

  updateOrder(orderId: string, update: (o: OrderExecution) => OrderExecution): void {
    const next = update(this.orders[orderId] ?? this.fresh(orderId));
    this.orders = this.own('orders', this.orders);
    this.orders[orderId] = next;
  }

  setContainer(container: ContainerState): void {
    this.containers = this.own('containers', this.containers);
    this.containers[container.containerId] = container;
  }

  setScrap(booking: ScrapBooking): void {
    this.scrap = this.own('scrap', this.scrap);
    this.scrap[booking.eventId] = booking;
  }

  addReasonUse(reasonId: string, delta: number): void {
    this.scrapReasonUse = this.own('scrapReasonUse', this.scrapReasonUse);
    const value = (this.scrapReasonUse[reasonId] ?? 0) + delta;
    if (value === 0) delete this.scrapReasonUse[reasonId];
    else this.scrapReasonUse[reasonId] = value;
  }

  /** A new state object; the draft must not be changed after this. */
  result(): ProductionState {
    return { orders: this.orders, containers: this.containers, scrap: this.scrap, scrapReasonUse: this.scrapReasonUse, lastSeq: this.lastSeq };
  }
}

export function addTo(record: Readonly<Record<string, number>>, key: string, delta: number): Record<string, number> {
  const value = (record[key] ?? 0) + delta;
  const next = { ...record };
  if (value === 0) delete next[key];
  else next[key] = value;
  return next;
}

