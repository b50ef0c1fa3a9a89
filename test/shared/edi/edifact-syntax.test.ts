import { describe, expect, it } from 'vitest';
import { parseInterchange, tokenize, value, writeInterchange } from '../../../shared/edi/edifact';
import type { EdiProblem } from '../../../shared/edi/problems';

// Interchanges written for these tests after ISO 9735-1 (syntax rules, service segments UNA/UNB/UNH/UNT/UNZ).
const CLEAN = "UNA:+.? 'UNB+UNOC:3+SENDER:1+RECEIVER:1+250301:0815+REF42'UNH+1+DELFOR:D:96A:UN'BGM+241+SCHED 1'UNT+3+1'UNZ+1+REF42'";

describe('EDIFACT syntax layer (ISO 9735)', () => {
  it('reads the envelope: syntax, parties, control reference, message identifier', () => {
    const r = parseInterchange(CLEAN);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    expect(r.value.syntax).toEqual({ id: 'UNOC', version: 3 });
    expect(r.value.sender).toEqual({ id: 'SENDER', qualifier: '1' });
    expect(r.value.controlRef).toBe('REF42');
    const m = r.value.messages[0]!;
    expect([m.type, m.version, m.release, m.agency]).toEqual(['DELFOR', 'D', '96A', 'UN']);
    expect(m.segments.map((s) => s.tag)).toEqual(['BGM']);
    expect(value(m.segments[0]!, 2)).toBe('SCHED 1');
  });

  it('honours the separators UNA declares and the release character', () => {
    const text = 'UNA|*,# !UNB*UNOB|2*S*R*250301|0815*X1!UNH*7*DELJIT|D|97A|UN!FTX*AAI***a#*b#|c##d#!e!UNT*3*7!UNZ*1*X1!';
    const r = parseInterchange(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ftx = r.value.messages[0]!.segments[0]!;
    expect(value(ftx, 4)).toBe('a*b|c#d!e');
    expect(r.value.delimiters.segment).toBe('!');
  });

  it('without UNA uses the defaults and tolerates a byte-order mark and newlines, saying so', () => {
    const text = `\uFEFF${CLEAN.slice(9).split("'").join("'\r\n")}`;
    const r = parseInterchange(text);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['edi-bom']);
  });

  it('accepts wrong UNT and UNZ counts with warnings that name segment, element and the right figure', () => {
    const r = parseInterchange(CLEAN.replace('UNT+3+1', 'UNT+9+1').replace('UNZ+1+', 'UNZ+4+'));
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([
      expect.objectContaining({ code: 'edi-unt-count', segment: 4, tag: 'UNT', element: 1, expected: '3' }),
      expect.objectContaining({ code: 'edi-unz-count', segment: 5, tag: 'UNZ', element: 1, expected: '1' }),
    ]);
  });

  it('syntax version 4 expects CCYYMMDD; a six-digit date is a warning', () => {
    const v4 = parseInterchange(CLEAN.replace('UNOC:3', 'UNOC:4').replace('250301', '20250301'));
    expect(v4.ok && v4.warnings).toEqual([]);
    const short = parseInterchange(CLEAN.replace('UNOC:3', 'UNOC:4'));
    expect(short.warnings[0]).toMatchObject({ code: 'edi-unb-date', segment: 1, element: 4, component: 1, expected: 'CCYYMMDD' });
  });

  it('warns when data leaves the declared repertoire (lower case in UNOA)', () => {
    const r = parseInterchange(CLEAN.replace('UNOC', 'UNOA').replace('SCHED 1', 'Sched 1'));
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([expect.objectContaining({ code: 'edi-charset', segment: 3, tag: 'BGM', element: 2, component: 1, expected: 'UNOA' })]);
  });

  it('finds a character outside the repertoire wherever the whole-file check cannot rule it out', () => {
    const unoa = CLEAN.replace('UNOC', 'UNOA');
    const withNewlines = unoa.split("'").join("'\n");
    // Line ends between segments are layout, not data: a clean UNOA file with them has no warning.
    expect(parseInterchange(withNewlines).warnings).toEqual([]);
    // A released line end is data, and UNOA has no line end.
    expect(parseInterchange(withNewlines.replace('SCHED 1', 'SCHED?\n1')).warnings).toEqual([expect.objectContaining({ code: 'edi-charset', segment: 3, tag: 'BGM', element: 2 })]);
    // A tab inside data (not between segments) is outside UNOA too.
    expect(parseInterchange(withNewlines.replace('SCHED 1', 'SCHED\t1')).warnings).toEqual([expect.objectContaining({ code: 'edi-charset', segment: 3, tag: 'BGM', element: 2 })]);
    // A released service character outside the repertoire is data outside it.
    const lowerSeparators = 'UNA:+.? xUNBxUNOA:3xSENDER:1xRECEIVER:1x250301:0815xREF42'.replaceAll('x', '+') + "'UNH+1+DELFOR:D:96A:UN'BGM+241+A?'B'UNT+3+1'UNZ+1+REF42'";
    expect(parseInterchange(lowerSeparators).warnings).toEqual([]);
    expect(parseInterchange('UNA:+.? ~' + CLEAN.slice(9).replaceAll("'", '~').replace('UNOC', 'UNOA').replace('SCHED 1', 'S?~1')).warnings).toEqual([expect.objectContaining({ code: 'edi-charset', segment: 3, element: 2 })]);
  });

  it('warns once about spaces, tabs or a lone CR between segments, never about line ends', () => {
    expect(parseInterchange(CLEAN.split("'").join("'\r\n")).warnings).toEqual([]);
    for (const layout of [' \n', '\t\n', '\r']) {
      const r = parseInterchange(CLEAN.split("'").join(`'${layout}`));
      expect(r.warnings.map((w) => w.code), JSON.stringify(layout)).toEqual(['edi-layout']);
    }
  });

  it.each<[string, string, Partial<EdiProblem>]>([
    ['no UNB', "UNH+1+DELFOR:D:96A:UN'UNT+2+1'", { code: 'edi-no-unb', segment: 1, expected: 'UNB' }],
    ['a cut-off file', CLEAN.slice(0, CLEAN.indexOf('UNZ')), { code: 'edi-no-unz', segment: 5, expected: 'UNZ' }],
    ['a message without UNT', CLEAN.replace("UNT+3+1'", ''), { code: 'edi-no-unt', segment: 4, tag: 'UNZ', expected: 'UNT' }],
    ['syntax version 5', CLEAN.replace('UNOC:3', 'UNOC:5'), { code: 'edi-syntax-version', segment: 1, element: 1, component: 2 }],
    ['an unterminated last segment', CLEAN.slice(0, -1), { code: 'edi-unterminated', segment: 5, tag: 'UNZ' }],
    ['a broken tag', CLEAN.replace('BGM+', 'bgm+'), { code: 'edi-bad-tag', segment: 3 }],
    ['a bad message type', CLEAN.replace('DELFOR:', 'DEL:'), { code: 'edi-unh-type', segment: 2, element: 2, component: 1 }],
  ])('refuses %s with the segment and element at fault', (_name, text, expected) => {
    const r = parseInterchange(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject(expected);
  });

  it('writes what it reads: separators in data are released, counts computed', () => {
    const text = writeInterchange({
      syntax: { id: 'UNOC', version: 3 },
      sender: { id: 'US', qualifier: '1' },
      recipient: { id: 'THEM' },
      preparedAt: new Date('2025-03-01T08:15:00Z'),
      controlRef: 'C1',
      messages: [{ ref: 'M1', type: 'DESADV', version: 'D', release: '96A', agency: 'UN', segments: [['FTX', 'AAI', '', '', ["it's 2+2:4?", '']]] }],
    });
    expect(text).toContain("FTX+AAI+++it?'s 2?+2?:4??'");
    const r = parseInterchange(text);
    expect(r.ok && r.warnings).toEqual([]);
    if (r.ok) expect(value(r.value.messages[0]!.segments[0]!, 4)).toBe("it's 2+2:4?");
  });

  it('numbers segments from 1 after UNA, as UNT counts them', () => {
    const w: EdiProblem[] = [];
    expect(tokenize(CLEAN, w).segments.map((s) => `${s.index}${s.tag}`)).toEqual(['1UNB', '2UNH', '3BGM', '4UNT', '5UNZ']);
  });
});
