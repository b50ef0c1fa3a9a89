import { describe, expect, it } from 'vitest';
import { KeyboardWedge } from '../../../renderer/scan/keyboard-wedge';
import { normalizeScan, showControlChars } from '../../../renderer/scan/scan-text';

function rig(options: { maxGapMs?: number; minLength?: number } = {}) {
  let now = 0;
  const scans: string[] = [];
  const wedge = new KeyboardWedge({ onScan: (s) => scans.push(s), now: () => now, ...options });
  const prevented: string[] = [];
  const press = (key: string, gapMs: number, mods: { ctrlKey?: boolean } = {}) => {
    now += gapMs;
    return wedge.handleKey({ key, ...mods, preventDefault: () => prevented.push(key) });
  };
  const type = (text: string, gapMs: number) => {
    for (const ch of text) press(ch, gapMs);
    return press('Enter', gapMs);
  };
  return { wedge, scans, prevented, press, type };
}

describe('keyboard wedge', () => {
  it('a fast burst ending in Enter is one scan', () => {
    const r = rig();
    expect(r.type('B1001', 8)).toBe(true);
    expect(r.scans).toEqual(['B1001']);
  });

  it('human typing (slow keys) is not a scan, and Enter passes through', () => {
    const r = rig();
    expect(r.type('B1001', 180)).toBe(false);
    expect(r.scans).toEqual([]);
  });

  it('a pause inside a burst starts over: only the fast tail counts', () => {
    const r = rig();
    r.press('x', 0);
    r.press('y', 5);
    r.type('B9001', 400 / 80); // 5 ms per key...
    expect(r.scans).toEqual(['xyB9001']);
    r.press('x', 0);
    r.press('y', 5);
    r.press('B', 400); // ...but a 400 ms pause drops what came before
    r.type('9001', 5);
    expect(r.scans).toEqual(['xyB9001', 'B9001']);
  });

  it('table: gap and length decide', () => {
    const cases: [string, number, string[]][] = [
      ['AB', 5, []], // shorter than minLength 3
      ['ABC', 5, ['ABC']],
      ['ABC', 50, ['ABC']], // exactly maxGap
      ['ABC', 51, []],
    ];
    for (const [text, gap, expected] of cases) {
      const r = rig();
      r.type(text, gap);
      expect(r.scans, `${text} @${gap}ms`).toEqual(expected);
    }
  });

  it('swallows the keys of a scan so nothing is typed into a focused field', () => {
    const r = rig();
    r.type('ABC', 5);
    expect(r.prevented).toEqual(['A', 'B', 'C', 'Enter']);
  });

  it('Ctrl+] is GS (FNC1 in GS1 codes); other shortcuts are ignored', () => {
    const r = rig();
    r.press('0', 0);
    r.press('1', 5);
    r.press(']', 5, { ctrlKey: true });
    r.press('1', 5);
    expect(r.press('c', 5, { ctrlKey: true })).toBe(false);
    r.press('0', 5);
    r.press('Enter', 5);
    expect(r.scans).toEqual(['01\u001d10']);
  });

  it('attach() listens on keydown in the capture phase and detaches', () => {
    const r = rig();
    const target = new EventTarget();
    const detach = r.wedge.attach(target);
    for (const key of ['Z', 'Z', 'Z', 'Enter']) target.dispatchEvent(Object.assign(new Event('keydown'), { key }));
    expect(r.scans).toEqual(['ZZZ']);
    detach();
    for (const key of ['Y', 'Y', 'Y', 'Enter']) target.dispatchEvent(Object.assign(new Event('keydown'), { key }));
    expect(r.scans).toEqual(['ZZZ']);
  });
});

describe('scan text', () => {
  it('strips trailing CR/LF only', () => {
    expect(normalizeScan('B1001\r\n')).toBe('B1001');
    expect(normalizeScan('B1001\n')).toBe('B1001');
    expect(normalizeScan('\rB1\r001')).toBe('\rB1\r001');
  });

  it('shows control characters by name', () => {
    expect(showControlChars('01\u001d10ABC\u0004')).toBe('01<GS>10ABC<EOT>');
    expect(showControlChars('[)>\u001e06')).toBe('[)><RS>06');
    expect(showControlChars('Müller')).toBe('Müller');
  });
});
