/**
 * Fitting a text value into its cell of the label. A label cell has a fixed
 * width (the next rule line), and a value from master data can be longer than
 * the template's author expected (a 60-character receiver name and address):
 * drawn at its nominal height it would run across the rule into the next field,
 * which a goods-receipt clerk then reads as part of that field.
 *
 * So a text with a width is drawn at its height when it fits on one line, and
 * otherwise smaller, wrapped at spaces into as many lines as the cell holds, down to a floor that a person
 * can still read at arm's length; a value that does not fit even then is
 * refused rather than printed over its neighbour. The printer and the screen
 * draw the same lines at the same height, because both are computed here.
 *
 * Widths are estimated, not measured (no font file at this layer): per
 * character class, from the advance widths of a Helvetica-like sans (the
 * preview's font) with a margin, which also bounds ZPL font 0 (a condensed
 * face, so narrower). Each printed line is also sent in a one-line ^FB block of
 * the cell's width, so even a wrong estimate cannot draw past the rule.
 */

/** Smallest character height, in dots, a fitted text may shrink to (≈ 1.6 mm at 8 dots/mm). */
export const MIN_TEXT_HEIGHT = 13;

/** Advance width as a fraction of the character height, by character class (Helvetica metrics rounded up). */
function advance(ch: string): number {
  if (' .,:;\'|!iIjlft()[]'.includes(ch)) return 0.32;
  if ('mwMW@%'.includes(ch)) return 0.9;
  if (/[A-ZÄÖÜ&]/.test(ch)) return 0.72;
  if (/[0-9]/.test(ch)) return 0.58;
  return 0.58;
}

export function estimateWidth(text: string, height: number): number {
  let units = 0;
  for (const ch of text) units += advance(ch);
  return Math.ceil(units * height);
}

/** Greedy word wrap at `height`; a word wider than the line is broken between characters. */
function wrap(value: string, height: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line !== '') lines.push(line);
    line = '';
  };
  for (const word of value.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (estimateWidth(candidate, height) <= maxWidth) {
      line = candidate;
      continue;
    }
    push();
    if (estimateWidth(word, height) <= maxWidth) {
      line = word;
      continue;
    }
    for (const ch of word) {
      if (line !== '' && estimateWidth(line + ch, height) > maxWidth) push();
      line += ch;
    }
  }
  push();
  return lines;
}

export interface FittedText {
  height: number;
  lines: string[];
}

/**
 * The lines and character height for `value` in a cell of `maxWidth` ×
 * `maxHeight` dots (default: one line of the nominal `height`): the largest
 * height not above `height` at which the wrapped lines fit the cell; null when
 * none down to `MIN_TEXT_HEIGHT` does.
 */
export function fitText(value: string, height: number, maxWidth?: number, maxHeight = height): FittedText | null {
  if (maxWidth === undefined) return { height, lines: [value] };
  if (value.trim() === '') return { height, lines: [value] };
  for (let h = height; h >= Math.min(height, MIN_TEXT_HEIGHT); h -= 1) {
    // What fits on one line is printed exactly as given, spacing included.
    if (estimateWidth(value, h) <= maxWidth) return { height: h, lines: [value] };
    const lines = wrap(value, h, maxWidth);
    if (lines.length * h <= Math.max(maxHeight, h)) return { height: h, lines };
  }
  return null;
}

/** The refusal's words: which text, and the cell it did not fit. */
export function textTooLong(value: string, maxWidth: number, maxHeight?: number): string {
  const shown = value.length > 24 ? `${value.slice(0, 24)}…` : value;
  return `text "${shown}" (${value.length} characters) does not fit its cell of ${maxWidth}${maxHeight ? ` × ${maxHeight}` : ''} dots even at ${MIN_TEXT_HEIGHT} dots high`;
}
