import { describe, expect, it } from 'vitest';
import { parseBarcode } from '../../../shared/barcode';
import { KeyboardWedge, type WedgeKey } from '../../../renderer/scan/keyboard-wedge';

/**
 * The same scan typed by a wedge scanner on a US (QWERTY) and a German
 * (QWERTZ) terminal. Each layout's keydown events are simulated with the
 * `key`/`code`/modifier combinations Chromium reports for it: on QWERTZ, Y and
 * Z swap keys, `]` is AltGr+9 (Ctrl+Alt on Windows, the AltGraph modifier on
 * Linux), `-` sits on the Slash key, `(`/`)` on Shift+8/9, `>` on Shift+IntlBackslash,
 * `[` is AltGr+8. The wedge reads `key`, so both give the same scan.
 */
type Layout = (char: string) => WedgeKey[];

const SHIFT: WedgeKey = { key: 'Shift', code: 'ShiftLeft', shiftKey: true };

function letterOrDigit(char: string, swapYZ: boolean): WedgeKey[] | null {
  if (/^[0-9]$/.test(char)) return [{ key: char, code: `Digit${char}` }];
  if (!/^[A-Za-z]$/.test(char)) return null;
  let physical = char.toUpperCase();
  if (swapYZ && physical === 'Y') physical = 'Z';
  else if (swapYZ && physical === 'Z') physical = 'Y';
  const upper = char === char.toUpperCase();
  const key: WedgeKey = { key: char, code: `Key${physical}`, shiftKey: upper };
  return upper ? [SHIFT, key] : [key];
}

const US: Layout = (char) => {
  const simple = letterOrDigit(char, false);
  if (simple) return simple;
  const table: Record<string, WedgeKey[]> = {
    ']': [{ key: ']', code: 'BracketRight' }],
    '[': [{ key: '[', code: 'BracketLeft' }],
    '-': [{ key: '-', code: 'Minus' }],
    '.': [{ key: '.', code: 'Period' }],
    '/': [{ key: '/', code: 'Slash' }],
    ')': [SHIFT, { key: ')', code: 'Digit0', shiftKey: true }],
    '(': [SHIFT, { key: '(', code: 'Digit9', shiftKey: true }],
    '>': [SHIFT, { key: '>', code: 'Period', shiftKey: true }],
    ' ': [{ key: ' ', code: 'Space' }],
    '\u001d': [{ key: 'Control', code: 'ControlLeft', ctrlKey: true }, { key: ']', code: 'BracketRight', ctrlKey: true }],
    '\u001e': [{ key: 'Control', code: 'ControlLeft', ctrlKey: true }, { key: '^', code: 'Digit6', ctrlKey: true, shiftKey: true }],
    '\u0004': [{ key: 'Control', code: 'ControlLeft', ctrlKey: true }, { key: 'd', code: 'KeyD', ctrlKey: true }],
  };
  return table[char] ?? fail(char);
};

/** German QWERTZ; `altGr` picks how the platform reports AltGr. */
const germanLayout =
  (altGr: 'windows' | 'linux'): Layout =>
  (char) => {
    const simple = letterOrDigit(char, true);
    if (simple) return simple;
    const altGraph = (key: string, code: string): WedgeKey[] =>
      altGr === 'windows'
        ? [{ key: 'Control', code: 'ControlLeft', ctrlKey: true }, { key: 'AltGraph', code: 'AltRight', ctrlKey: true, altKey: true }, { key, code, ctrlKey: true, altKey: true }]
        : [{ key: 'AltGraph', code: 'AltRight' }, { key, code, getModifierState: (m) => m === 'AltGraph' }];
    const table: Record<string, WedgeKey[]> = {
      ']': altGraph(']', 'Digit9'),
      '[': altGraph('[', 'Digit8'),
      '-': [{ key: '-', code: 'Slash' }],
      '.': [{ key: '.', code: 'Period' }],
      '/': [SHIFT, { key: '/', code: 'Digit7', shiftKey: true }],
      ')': [SHIFT, { key: ')', code: 'Digit9', shiftKey: true }],
      '(': [SHIFT, { key: '(', code: 'Digit8', shiftKey: true }],
      '>': [SHIFT, { key: '>', code: 'IntlBackslash', shiftKey: true }],
      ' ': [{ key: ' ', code: 'Space' }],
      // The scanner sends Ctrl + the US "]" key position; QWERTZ reports that key as "+".
      '\u001d': [{ key: 'Control', code: 'ControlLeft', ctrlKey: true }, { key: '+', code: 'BracketRight', ctrlKey: true }],
      '\u001e': [{ key: 'Control', code: 'ControlLeft', ctrlKey: true }, { key: '^', code: 'Backquote', ctrlKey: true }],
      '\u0004': [{ key: 'Control', code: 'ControlLeft', ctrlKey: true }, { key: 'd', code: 'KeyD', ctrlKey: true }],
    };
    return table[char] ?? fail(char);
  };

function fail(char: string): never {
  throw new Error(`no key for ${JSON.stringify(char)} in this test layout`);
}

function typeWith(layout: Layout, text: string, gapMs = 4): { scans: string[]; typed: string[]; leaked: string[] } {
  let now = 0;
  const scans: string[] = [];
  const typed: string[] = [];
  const wedge = new KeyboardWedge({ onScan: (s) => scans.push(s), now: () => now, replay: (_t, s) => typed.push(s), timers: { setTimeout: () => 0, clearTimeout: () => {} } });
  const leaked: string[] = [];
  for (const event of [...[...text].flatMap(layout), { key: 'Enter', code: 'Enter' }]) {
    now += gapMs;
    let prevented = false;
    wedge.handleKey({ ...event, preventDefault: () => (prevented = true) });
    if (!prevented && [...event.key].length === 1) leaked.push(event.key);
  }
  return { scans, typed, leaked };
}

const LABELS = [
  ['badge', 'B1001'],
  ['badge with AIM prefix', ']C0B1001'],
  ['GS1-128 with AIM ]C1 and GS', ']C10109501101530003172512311012345A\u001d21SN-77'],
  ['GS1 DataMatrix', ']d201095060001343521725063010ABC123\u001d2112345'],
  ['ISO 15434 format 06 (GTL)', '[)>\u001e06\u001dP4711-0815\u001dQ240\u001d1T2026-0042\u001e\u0004'],
  ['VDA 4902 single field', ']A0P12345678'],
  ['letters Y and Z', 'YZyz-ZY'],
] as const;

describe('keyboard wedge on US and German layouts', () => {
  const layouts: [string, Layout][] = [
    ['US QWERTY', US],
    ['German QWERTZ (Windows AltGr = Ctrl+Alt)', germanLayout('windows')],
    ['German QWERTZ (Linux AltGraph modifier)', germanLayout('linux')],
  ];

  it.each(LABELS)('%s: every layout gives the same scan, nothing reaches a field', (_name, label) => {
    for (const [layoutName, layout] of layouts) {
      const r = typeWith(layout, label);
      expect(r.scans, layoutName).toEqual([label]);
      expect(r.typed, layoutName).toEqual([]);
      expect(r.leaked, layoutName).toEqual([]);
    }
  });

  it('and the same parse', () => {
    for (const [, label] of LABELS) {
      const parses = layouts.map(([, layout]) => JSON.stringify(parseBarcode(typeWith(layout, label).scans[0]!, { referenceYear: 2026 })));
      expect(new Set(parses).size).toBe(1);
    }
  });

  it('AltGr+9 on QWERTZ is a "]" character, not GS', () => {
    expect(typeWith(germanLayout('windows'), ']C1').scans).toEqual([']C1']);
  });

  it('a person typing on QWERTZ (slow keys) gets the characters typed, in order', () => {
    const r = typeWith(germanLayout('windows'), 'Zy]-', 180);
    expect(r.scans).toEqual([]);
    expect(r.typed.join('')).toBe('Zy]-');
  });
});
