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
