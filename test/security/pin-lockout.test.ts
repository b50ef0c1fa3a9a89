import { describe, expect, it } from 'vitest';
import { createPinLockout, MAX_WRONG_PINS, memoryStorage, minutesLeft, PIN_LOCKOUT_MINUTES } from '../../renderer/storage/pin-lockout';

/** Probe: guessing at the pad stops after five wrong PINs per badge, and a reload does not reset the count. */
describe('PIN lockout', () => {
  const at = (minute: number) => new Date(Date.UTC(2025, 0, 6, 6, minute));

  it('locks a badge after five wrong PINs, for this terminal only, and a reload keeps the lock', () => {
    const storage = memoryStorage();
    const lockout = createPinLockout(storage, 'T-1');
    for (let i = 1; i < MAX_WRONG_PINS; i++) expect(lockout.recordFailure('B9001', at(0))).toEqual({ failures: i, attemptsLeft: MAX_WRONG_PINS - i, lockedUntil: null });
    const locked = lockout.recordFailure('B9001', at(1));
    expect(locked).toEqual({ failures: 5, attemptsLeft: 0, lockedUntil: at(1 + PIN_LOCKOUT_MINUTES).toISOString() });

    const reloaded = createPinLockout(storage, 'T-1');
    expect(reloaded.status('B9001', at(10)).lockedUntil).toBe(locked.lockedUntil);
    expect(minutesLeft(locked.lockedUntil!, at(10))).toBe(6);
    expect(reloaded.status('B1001', at(10))).toEqual({ failures: 0, attemptsLeft: 5, lockedUntil: null });
    expect(createPinLockout(storage, 'T-2').status('B9001', at(10)).lockedUntil).toBeNull();
  });

  it('ends the lock after its time and starts the count afresh; a right PIN clears it', () => {
    const storage = memoryStorage();
    const lockout = createPinLockout(storage, 'T-1');
    for (let i = 0; i < MAX_WRONG_PINS; i++) lockout.recordFailure('B9001', at(0));
    expect(lockout.status('B9001', at(PIN_LOCKOUT_MINUTES))).toEqual({ failures: 0, attemptsLeft: 5, lockedUntil: null });
    expect(lockout.recordFailure('B9001', at(PIN_LOCKOUT_MINUTES)).failures).toBe(1);
    lockout.clear('B9001');
    expect(createPinLockout(storage, 'T-1').status('B9001', at(PIN_LOCKOUT_MINUTES))).toEqual({ failures: 0, attemptsLeft: 5, lockedUntil: null });
  });

  it('treats unreadable stored data as no failures rather than failing the login', () => {
    const storage = memoryStorage();
    storage.setItem('takt.pin-lockout.T-1', '{not json');
    expect(createPinLockout(storage, 'T-1').status('B9001', at(0)).failures).toBe(0);
  });
});
