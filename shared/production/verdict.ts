import type { NewEvent } from '../events';

/**
 * Verdicts are data (DESIGN §2, §6): a command either yields the events to
 * journal, or a reason with a stable kebab-case code that the UI translates.
 * `message` is an English fallback; `params` fill the translated text.
 */
export type DomainEvent = NewEvent;

export interface Reason {
  readonly code: string;
  readonly message: string;
  readonly params: Readonly<Record<string, unknown>>;
}

export interface Nok {
  readonly ok: false;
  readonly reason: Reason;
  /**
   * Facts a refusal still records, e.g. a SequenceMismatch: the wrong part was
   * scanned whether or not it is accepted. Absent means nothing is booked.
   */
  readonly events?: DomainEvent[];
}

export type Ok<Extra extends object = object> = { readonly ok: true; readonly events: DomainEvent[] } & Extra;

export type Verdict<Extra extends object = object> = Ok<Extra> | Nok;

export function nok(code: string, message: string, params: Record<string, unknown> = {}, events?: DomainEvent[]): Nok {
  return events ? { ok: false, reason: { code, message, params }, events } : { ok: false, reason: { code, message, params } };
}

export function accept<Extra extends object>(events: DomainEvent[], extra: Extra): Ok<Extra>;
export function accept(events: DomainEvent[]): Ok;
export function accept(events: DomainEvent[], extra: object = {}): Ok {
  return { ok: true, events, ...extra };
}
