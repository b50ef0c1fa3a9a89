import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_WEDGE_LENGTH, KeyboardWedge } from '../../renderer/scan/keyboard-wedge';

/**
 * Probe: a device (or a stuck key repeat) that types without end must not
 * grow the wedge's buffer without bound, nor turn its tail into a scan or
 * into typing. Same limit as the serial framer: 8,192 characters.
 */
function rig() {
  let now = 0;
  const scans: string[] = [];
  const typed: string[] = [];
  const overflows: number[] = [];
  const wedge = new KeyboardWedge({
    onScan: (s) => scans.push(s),
    now: () => now,
    timers: { setTimeout: () => 0, clearTimeout: () => {} },
    substitutes: { '{GS}': '\u001d' },
    replay: (_t, text) => typed.push(text),
    onOverflow: (n) => overflows.push(n),
  });
  const press = (key: string) => {
    now += 2;
    return wedge.handleKey({ key });
  };
  const burst = (length: number, char = 'A') => {
    for (let i = 0; i < length; i++) press(char);
  };
  return { scans, typed, overflows, press, burst, pause: (ms: number) => (now += ms) };
}

describe('keyboard wedge with an over-long burst', () => {
  it('still reads a scan of exactly 8,192 characters', () => {
    const r = rig();
    r.burst(DEFAULT_MAX_WEDGE_LENGTH);
    r.press('Enter');
    expect(r.scans.map((s) => s.length)).toEqual([8192]);
  });

  it('drops a longer burst whole, says so once, swallows its tail, and reads the next scan', () => {
    const r = rig();
    r.burst(DEFAULT_MAX_WEDGE_LENGTH + 1);
    r.burst(5000, 'B');
    expect(r.press('Enter')).toBe(true);
    expect(r.scans).toEqual([]);
    expect(r.typed).toEqual([]);
    expect(r.overflows).toEqual([8193]);
    r.pause(500);
    for (const ch of 'B1001') r.press(ch);
    r.press('Enter');
    expect(r.scans).toEqual(['B1001']);
  });

  it('ends a dropped burst at the next pause as well', () => {
    const r = rig();
    r.burst(9000);
    r.pause(500);
    for (const ch of 'B9001') r.press(ch);
    r.press('Enter');
    expect(r.scans).toEqual(['B9001']);
  });

  it('takes 200,000 keys of substitute-like text without a scan, typing, or a second overflow report', () => {
    const r = rig();
    for (let i = 0; i < 50_000; i++) for (const ch of '{GS}') r.press(ch);
    r.press('Enter');
    expect(r.scans).toEqual([]);
    expect(r.typed).toEqual([]);
    expect(r.overflows).toHaveLength(1);
  });
});
