import type { EventName, EventPayload } from '../../shared/bridge';
import { hostLogger } from './log-file';

/**
 * A tiny typed event hub for host → renderer events. Both transports
 * subscribe to it; a failing listener never stops the others.
 */
export interface HostEvents {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export interface HostEventHub extends HostEvents {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export function createHostEventHub(): HostEventHub {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) {
        try {
          (listener as (p: typeof payload) => void)(payload);
        } catch (err) {
          hostLogger('host-events').error(`${event} listener failed`, err);
        }
      }
    },
  };
}
