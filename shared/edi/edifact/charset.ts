import type { EdiProblem } from '../problems';
import type { Segment } from './tokenize';

/**
 * Syntax identifiers of UNB S001/0001 (ISO 9735-1, annex A): the repertoire a
 * partner may use. Level A (UNOA) is upper-case letters, digits, space and
 * . , - ( ) / = ' + : ? ! " % & * ; < > ; level B (UNOB) adds lower case and
 * @ [ \ ] _ { } | ~ and #; UNOC is ISO/IEC 8859-1 (Latin-1, hence the German
 * umlauts in part names). A character outside the declared repertoire is a
 * warning, not a refusal: such files are common and the data is still clear.
 */

export const SYNTAX_IDENTIFIERS = ['UNOA', 'UNOB', 'UNOC'] as const;
export type SyntaxIdentifier = (typeof SYNTAX_IDENTIFIERS)[number];

const LEVEL_A = /^[A-Z0-9 .,\-()/='+:?!"%&*;<>]*$/;
const LEVEL_B = /^[A-Za-z0-9 .,\-()/='+:?!"%&*;<>@[\\\]_{}|~#]*$/;
const LATIN_1 = /^[\u0020-\u007E\u00A0-\u00FF]*$/;

const PATTERN: Record<SyntaxIdentifier, RegExp> = { UNOA: LEVEL_A, UNOB: LEVEL_B, UNOC: LATIN_1 };
/** The same repertoires plus the line ends and tabs a file may carry between segments. */
const WITH_LAYOUT: Record<SyntaxIdentifier, RegExp> = {
  UNOA: /^[A-Z0-9 .,\-()/='+:?!"%&*;<>\r\n\t]*$/,
  UNOB: /^[A-Za-z0-9 .,\-()/='+:?!"%&*;<>@[\\\]_{}|~#\r\n\t]*$/,
  UNOC: /^[\u0020-\u007E\u00A0-\u00FF\r\n\t]*$/,
};

function layoutCount(input: string): number {
  let n = 0;
  for (let i = 0; i < input.length; i += 1) {
    const c = input.charCodeAt(i);
    if (c === 10 || c === 13 || c === 9) n += 1;
  }
  return n;
}

/**
 * Whether no character of the file can be outside the repertoire, decided
 * over the whole text at once (one native regular-expression pass instead of
 * one per component): every character is in the repertoire or is a line end
 * or tab, and all of those lay between segments (the tokenizer skipped as
 * many). The service characters are data where released, so they must be in
 * the repertoire too. When this says no, {@link checkRepertoire} finds the
 * segment and element at fault.
 */
export function repertoireHoldsThroughout(id: SyntaxIdentifier, input: string, serviceCharacters: readonly string[], layoutSkipped: number): boolean {
  if (!serviceCharacters.every((c) => PATTERN[id].test(c))) return false;
  return WITH_LAYOUT[id].test(input) && layoutCount(input) === layoutSkipped;
}

/** Adds one warning for the first segment with a character its repertoire lacks. */
export function checkRepertoire(id: SyntaxIdentifier, segments: readonly Segment[], warnings: EdiProblem[]): void {
  const pattern = PATTERN[id];
  for (const s of segments) {
    for (let e = 0; e < s.elements.length; e += 1) {
      const components = s.elements[e]!;
      for (let c = 0; c < components.length; c += 1) {
        if (!pattern.test(components[c]!)) {
          warnings.push({
            code: 'edi-charset',
            message: `a character outside ${id} was accepted`,
            segment: s.index,
            tag: s.tag,
            element: e + 1,
            component: c + 1,
            expected: id,
          });
          return;
        }
      }
    }
  }
}
