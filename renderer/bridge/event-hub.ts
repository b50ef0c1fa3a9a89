import type { EventName, EventPayload } from '../../shared/bridge';
import { isEventName } from '../../shared/bridge';
import { parseEvent } from './validate';
import { logger } from '../lib/log';

const log = logger('bridge');

type AnyListener = (payload: unknown) => void;

/** Host → renderer events: validated once, then fanned out; a throwing listener does not starve the others. */
export class EventHub {
  private readonly listeners = new Map<EventName, Set<AnyListener>>();

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as AnyListener);
    return () => set.delete(listener as AnyListener);
  }

  has(event: EventName): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  emit(event: string, payload: unknown): void {
    if (!isEventName(event)) return;
    const parsed = parseEvent(event, payload);
    if (parsed === null) {
      log.warn(`dropped malformed ${event} event`);
      return;
    }
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        listener(parsed);
      } catch (err) {
        log.error(`${event} listener failed`, err);
      }
    }
  }
}
