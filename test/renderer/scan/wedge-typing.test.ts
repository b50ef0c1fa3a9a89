import { describe, expect, it } from 'vitest';
import { KeyboardWedge, type WedgeTimers } from '../../../renderer/scan/keyboard-wedge';
import { replayTyping } from '../../../renderer/scan/replay-typing';

/** Bursts are scans; a person's typing reaches the field after at most one gap. */
function rig(options: { substitutes?: Record<string, string>; maxGapMs?: number } = {}) {
  let now = 0;
  const pending: { fn: () => void; ms: number }[] = [];
  const timers: WedgeTimers = {
    setTimeout: (fn, ms) => {
      const e = { fn, ms };
      pending.push(e);
      return e;
    },
    clearTimeout: (h) => {
      const i = pending.indexOf(h as (typeof pending)[number]);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  const scans: string[] = [];
  const typed: [EventTarget | null, string][] = [];
  const wedge = new KeyboardWedge({ onScan: (s) => scans.push(s), now: () => now, timers, replay: (t, s) => typed.push([t, s]), ...options });
  const press = (key: string, gapMs: number, extra: Partial<KeyboardEvent> = {}) => {
    now += gapMs;
    let prevented = false;
    wedge.handleKey({ key, ...extra, preventDefault: () => (prevented = true) } as never);
    return prevented;
  };
  /** Lets the gap timer fire, as the event loop would after the burst. */
  const quiet = () => {
    const p = pending.splice(0);
    p.forEach((e) => e.fn());
  };
  return { scans, typed, press, quiet, pending };
}

describe('keyboard wedge: bursts and typing', () => {
  it('holds the first keys back and replays them when the line goes quiet (a person typing)', () => {
    const r = rig();
    const field = { tagName: 'INPUT', type: 'text' } as unknown as EventTarget;
    expect(r.press('a', 0, { target: field })).toBe(true);
    expect(r.pending.map((p) => p.ms)).toEqual([51]);
    r.quiet();
    expect(r.typed).toEqual([[field, 'a']]);
    expect(r.scans).toEqual([]);
  });

  it('a burst without Enter is still one scan once the line goes quiet (suffix-less wedge)', () => {
    const r = rig();
    for (const c of 'B1001') r.press(c, 5);
    r.quiet();
    expect(r.scans).toEqual(['B1001']);
    expect(r.typed).toEqual([]);
  });

  it('Backspace after a typed key: the key is replayed first, then Backspace passes', () => {
    const r = rig();
    r.press('x', 0);
    expect(r.press('Backspace', 10)).toBe(false);
    expect(r.typed.map(([, s]) => s)).toEqual(['x']);
  });

  it('Shift between the keys of a burst does not break it', () => {
    const r = rig();
    for (const c of 'AB') {
      r.press('Shift', 2, { shiftKey: true });
      r.press(c, 2, { shiftKey: true });
    }
    r.press('1', 2);
    r.press('Enter', 2);
    expect(r.scans).toEqual(['AB1']);
  });

  it('turns configured substitute strings back into GS/RS/EOT', () => {
    const r = rig({ substitutes: { '{GS}': '\u001d', '{RS}': '\u001e', '{EOT}': '\u0004' } });
    for (const c of '[)>{RS}06{GS}P1{RS}{EOT}') r.press(c, 3);
    r.press('Enter', 3);
    expect(r.scans).toEqual(['[)>\u001e06\u001dP1\u001e\u0004']);
  });

  it('Ctrl+D and Ctrl+] outside a burst are a person\'s shortcuts and pass through', () => {
    const r = rig();
    expect(r.press('d', 500, { ctrlKey: true })).toBe(false);
    expect(r.press(']', 500, { ctrlKey: true })).toBe(false);
  });

  it('Space on a button is a click, not the start of a scan', () => {
    const r = rig();
    const button = { tagName: 'BUTTON' } as unknown as EventTarget;
    expect(r.press(' ', 0, { target: button })).toBe(false);
  });

  it('the gap is configurable', () => {
    const r = rig({ maxGapMs: 120 });
    for (const c of 'B1001') r.press(c, 100);
    r.press('Enter', 100);
    expect(r.scans).toEqual(['B1001']);
  });
});

describe('replayTyping (jsdom)', () => {
  it('inserts at the caret of a text field and fires input', () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.value = 'AC';
    input.setSelectionRange(1, 1);
    const seen: string[] = [];
    input.addEventListener('input', () => seen.push(input.value));
    replayTyping(input, 'B');
    expect(input.value).toBe('ABC');
    expect(seen).toEqual(['ABC']);
    input.remove();
  });

  it('ignores targets that are not text fields', () => {
    const div = document.createElement('div');
    expect(() => replayTyping(div, 'x')).not.toThrow();
    expect(() => replayTyping(null, 'x')).not.toThrow();
  });
});

describe('wedge in a page', () => {
  it('a burst with a text field focused is a scan and the field stays empty; typing still reaches it', async () => {
    const input = document.createElement('input');
    document.body.append(input);
    input.focus();
    const scans: string[] = [];
    const wedge = new KeyboardWedge({ onScan: (s) => scans.push(s), replay: replayTyping, maxGapMs: 30 });
    const detach = wedge.attach(window);
    const key = (k: string) => input.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
    for (const c of 'B1001') key(c);
    key('Enter');
    expect(scans).toEqual(['B1001']);
    expect(input.value).toBe('');
    key('h');
    await new Promise((r) => setTimeout(r, 60));
    key('i');
    await new Promise((r) => setTimeout(r, 60));
    expect(input.value).toBe('hi');
    detach();
    input.remove();
  });
});
