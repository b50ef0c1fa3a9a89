import type { EventEnvelope } from './events';

/**
 * The terminal's working state as a fold over its journal (DESIGN §3). The
 * renderer stores the folded state next to each event in the same transaction,
 * so a reload restores it without replaying the journal.
 */
export interface TerminalState {
  operator: { id: string; badge: string; role: string; since: string } | null;
  activeOrderId: string | null;
  startedOrderIds: string[];
  lastSeq: number;
}

export const initialTerminalState: TerminalState = {
  operator: null,
  activeOrderId: null,
  startedOrderIds: [],
  lastSeq: 0,
};

export function applyEvent(state: TerminalState, event: EventEnvelope): TerminalState {
  const next = { ...state, lastSeq: Math.max(state.lastSeq, event.seq) };
  switch (event.type) {
    case 'OperatorLoggedIn':
      return {
        ...next,
        operator: {
          id: event.operatorId ?? '',
          badge: String(event.payload.badge ?? ''),
          role: String(event.payload.role ?? 'operator'),
          since: event.occurredAt,
        },
      };
    case 'OperatorLoggedOut':
      return { ...next, operator: null };
    case 'OrderStarted': {
      const orderId = event.orderId;
      if (!orderId) return next;
      const started = state.startedOrderIds.includes(orderId) ? state.startedOrderIds : [...state.startedOrderIds, orderId];
      return { ...next, activeOrderId: orderId, startedOrderIds: started };
    }
    default:
      // Unknown types (from a newer version) leave the state alone rather than break it.
      return next;
  }
}

export function foldEvents(events: readonly EventEnvelope[], from: TerminalState = initialTerminalState): TerminalState {
  return events.reduce(applyEvent, from);
}
