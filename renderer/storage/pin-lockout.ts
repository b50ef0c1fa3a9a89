/**
 * Wrong PINs per badge on this terminal, kept in the browser's local storage
 * so that a reload (or a crash and restart) does not hand out fresh tries.
 * After MAX_WRONG_PINS wrong PINs the badge is locked on this terminal for
 * PIN_LOCKOUT_MINUTES; a right PIN clears the count. Five guesses in a
 * quarter of an hour make trying a 6-digit PIN at the pad hopeless.
 */

export const MAX_WRONG_PINS = 5;
export const PIN_LOCKOUT_MINUTES = 15;

/** The part of the Web Storage API this needs (window.localStorage, or a map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface PinLockStatus {
  /** Wrong PINs since the last right one (or the last lockout ended). */
  failures: number;
  attemptsLeft: number;
  /** ISO time until which the badge is locked; null when it may try. */
  lockedUntil: string | null;
}

export interface PinLockout {
  status(badge: string, now: Date): PinLockStatus;
  recordFailure(badge: string, now: Date): PinLockStatus;
  clear(badge: string): void;
}

interface Entry {
  failures: number;
  lockedUntil?: string;
}

export function createPinLockout(storage: KeyValueStorage, terminalId: string): PinLockout {
  const key = `takt.pin-lockout.${terminalId}`;

  const read = (): Record<string, Entry> => {
    try {
      const parsed = JSON.parse(storage.getItem(key) ?? '{}') as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, Entry>) : {};
    } catch {
      return {};
    }
  };
  const write = (entries: Record<string, Entry>): void => storage.setItem(key, JSON.stringify(entries));

  /** A lockout that has run out starts the count afresh. */
  const current = (entries: Record<string, Entry>, badge: string, now: Date): Entry => {
    const entry = entries[badge];
    if (!entry || !Number.isInteger(entry.failures) || entry.failures < 0) return { failures: 0 };
    if (entry.lockedUntil && Date.parse(entry.lockedUntil) <= now.getTime()) return { failures: 0 };
    return entry;
  };
  const statusOf = (entry: Entry, now: Date): PinLockStatus => {
    const locked = entry.lockedUntil !== undefined && Date.parse(entry.lockedUntil) > now.getTime();
    return { failures: entry.failures, attemptsLeft: Math.max(0, MAX_WRONG_PINS - entry.failures), lockedUntil: locked ? entry.lockedUntil! : null };
  };

  return {
    status: (badge, now) => statusOf(current(read(), badge, now), now),
    recordFailure(badge, now) {
      const entries = read();
      const failures = current(entries, badge, now).failures + 1;
      const entry: Entry =
        failures >= MAX_WRONG_PINS ? { failures, lockedUntil: new Date(now.getTime() + PIN_LOCKOUT_MINUTES * 60_000).toISOString() } : { failures };
      entries[badge] = entry;
      write(entries);
      return statusOf(entry, now);
    },
    clear(badge) {
      const entries = read();
      if (!(badge in entries)) return;
      delete entries[badge];
      write(entries);
    },
  };
}

/** Whole minutes left of a lockout, at least 1. */
export function minutesLeft(lockedUntil: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 60_000));
}

/** Storage that forgets on reload: for tests and for a browser without local storage. */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}
