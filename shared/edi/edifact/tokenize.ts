import { EdiError, type EdiProblem } from '../problems';

/**
 * The EDIFACT syntax (ISO 9735-1, syntax versions 1 to 4): a file is a run of
 * segments, each a tag and data elements split by the element separator,
 * elements split into components, and a release character that makes the
 * next character literal. The service string advice UNA, when present, gives
 * the six service characters in this order: component separator, element
 * separator, decimal mark, release character, repetition separator (syntax
 * version 4; reserved, a space, before), segment terminator. Without UNA the
 * defaults of ISO 9735 apply: `:+.? '` (level A and B character sets).
 *
 * Real files carry a UTF-8 byte-order mark, newlines after each terminator,
 * or spaces the gateway added; those are skipped between segments (and
 * reported once as a warning), never inside one.
 */

export interface Delimiters {
  component: string;
  element: string;
  decimal: string;
  release: string;
  /** Syntax version 4 only; a space means "not used". */
  repetition: string;
  segment: string;
}

export const DEFAULT_DELIMITERS: Delimiters = { component: ':', element: '+', decimal: '.', release: '?', repetition: ' ', segment: "'" };

export interface Segment {
  tag: string;
  /** Elements, each a list of components (an element without components is a one-item list). */
  elements: string[][];
  /** Position in the interchange counted from 1, UNA not counted (as UNT/UNZ counts do not count it). */
  index: number;
}

export interface Tokens {
  delimiters: Delimiters;
  hasUna: boolean;
  segments: Segment[];
  /** Line ends and tabs skipped before and between segments (so a caller can tell whether any are left inside one). */
  layoutSkipped: number;
}

const BOM = '\uFEFF';
const isLayout = (c: string) => c === '\n' || c === '\r' || c === ' ' || c === '\t';
const [LF, CR, SPACE, TAB] = [10, 13, 32, 9];

/** The index of `ch` from `from`, or the input's length when there is none. */
function nextIndex(input: string, ch: string, from: number): number {
  const at = input.indexOf(ch, from);
  return at < 0 ? input.length : at;
}

/** Three upper-case letters or digits (the tag of a segment), by character code: one test per segment. */
function isTag(tag: string): boolean {
  if (tag.length !== 3) return false;
  for (let i = 0; i < 3; i += 1) {
    const c = tag.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

export function tokenize(input: string, warnings: EdiProblem[]): Tokens {
  let pos = 0;
  if (input.startsWith(BOM)) {
    pos = 1;
    warnings.push({ code: 'edi-bom', message: 'the file starts with a byte-order mark; it was skipped' });
  }
  let layoutSkipped = 0;
  while (pos < input.length && isLayout(input[pos]!)) {
    if (input[pos] !== ' ') layoutSkipped += 1;
    pos += 1;
  }
  let delimiters = DEFAULT_DELIMITERS;
  let hasUna = false;
  if (input.startsWith('UNA', pos)) {
    const chars = input.slice(pos + 3, pos + 9);
    if (chars.length < 6) throw new EdiError({ code: 'edi-una-short', message: 'UNA must be followed by six service characters', segment: 0, tag: 'UNA', expected: '6 characters' });
    delimiters = { component: chars[0]!, element: chars[1]!, decimal: chars[2]!, release: chars[3]!, repetition: chars[4]!, segment: chars[5]! };
    const distinct = new Set([delimiters.component, delimiters.element, delimiters.release, delimiters.segment]);
    if (distinct.size < 4) throw new EdiError({ code: 'edi-una-ambiguous', message: 'UNA gives the same character for two different separators', segment: 0, tag: 'UNA', expected: 'distinct separators' });
    hasUna = true;
    pos += 9;
  }
  const split = splitSegments(input, pos, delimiters, warnings);
  return { delimiters, hasUna, segments: split.segments, layoutSkipped: layoutSkipped + split.layoutSkipped };
}

function splitSegments(input: string, start: number, d: Delimiters, warnings: EdiProblem[]): { segments: Segment[]; layoutSkipped: number } {
  const segments: Segment[] = [];
  const { component, element, release, segment: terminator } = d;
  const repetition = d.repetition === ' ' ? '' : d.repetition;
  let layoutWarned = false;
  let pos = start;
  const n = input.length;
  let nextRelease = -1;
  let nextRepetition = -1;
  let layoutSkipped = 0;
  while (pos < n) {
    // Layout between segments: skipped, reported once. Newlines after terminators are the usual case, so
    // they are skipped by character code, without a copy of the run (this loop runs once per segment).
    let spaced = false;
    for (let c = input.charCodeAt(pos); c === LF || c === CR || c === SPACE || c === TAB; c = input.charCodeAt(++pos)) {
      // Line ends (LF, CRLF) are expected; a space, a tab or a lone CR is worth the warning.
      if (c === SPACE || c === TAB || (c === CR && input.charCodeAt(pos + 1) !== LF)) spaced = true;
      if (c !== SPACE) layoutSkipped += 1;
    }
    if (spaced && segments.length > 0 && !layoutWarned) {
      layoutWarned = true;
      warnings.push({ code: 'edi-layout', message: 'spaces or tabs between segments were skipped', segment: segments.length + 1 });
    }
    if (pos >= n) break;
    // Fast path: a segment without the release character splits natively (most segments of most files).
    // Where the next release (repetition) character is, is looked up once and again only after passing it, not per segment.
    const end = input.indexOf(terminator, pos);
    if (nextRelease < pos) nextRelease = nextIndex(input, release, pos);
    if (nextRepetition < pos) nextRepetition = repetition === '' ? n : nextIndex(input, repetition, pos);
    if (end >= 0) {
      if (nextRelease > end && nextRepetition > end) {
        const parts = input.slice(pos, end).split(element);
        const tag = parts[0]!;
        if (!isTag(tag)) {
          throw new EdiError({ code: 'edi-bad-tag', message: `"${tag.slice(0, 20)}" is not a segment tag`, segment: segments.length + 1, tag: tag.slice(0, 3), expected: 'three upper-case letters or digits' });
        }
        const elements: string[][] = new Array<string[]>(parts.length - 1);
        // Most elements are one component: no split call (and no search past the element) for them.
        for (let i = 1; i < parts.length; i += 1) {
          const part = parts[i]!;
          elements[i - 1] = part.includes(component) ? part.split(component) : [part];
        }
        segments.push({ tag, elements, index: segments.length + 1 });
        pos = end + 1;
        continue;
      }
    }
    const elements: string[][] = [];
    let components: string[] = [];
    let text = '';
    let chunkStart = pos;
    let ended = false;
    while (pos < n) {
      const c = input[pos]!;
      if (c === release) {
        text += input.slice(chunkStart, pos);
        if (pos + 1 >= n) throw new EdiError({ code: 'edi-release-at-end', message: 'the file ends with a release character', segment: segments.length + 1, expected: 'a character after the release character' });
        text += input[pos + 1];
        pos += 2;
        chunkStart = pos;
        continue;
      }
      if (c === component || c === element || c === terminator || (repetition !== '' && c === repetition)) {
        text += input.slice(chunkStart, pos);
        components.push(text);
        text = '';
        if (c !== component) {
          elements.push(components);
          components = [];
        }
        pos += 1;
        chunkStart = pos;
        if (c === terminator) {
          ended = true;
          break;
        }
        continue;
      }
      pos += 1;
    }
    if (!ended) {
      text += input.slice(chunkStart, pos);
      components.push(text);
      elements.push(components);
      const tag = elements[0]?.[0] ?? '';
      throw new EdiError({ code: 'edi-unterminated', message: `the last segment is not terminated by ${terminator}`, segment: segments.length + 1, tag, expected: terminator });
    }
    const tag = elements.shift()![0]!;
    if (!isTag(tag)) {
      throw new EdiError({ code: 'edi-bad-tag', message: `"${tag.slice(0, 20)}" is not a segment tag`, segment: segments.length + 1, tag: tag.slice(0, 3), expected: 'three upper-case letters or digits' });
    }
    segments.push({ tag, elements, index: segments.length + 1 });
  }
  return { segments, layoutSkipped };
}

/** Component `c` of element `e` (both from 1, as directories number them), or ''. */
export function value(segment: Segment, e: number, c = 1): string {
  return segment.elements[e - 1]?.[c - 1] ?? '';
}
