/**
 * Builds a 128-character VDA record from (column, text) pairs, columns from 1
 * as the record descriptions give them: the fixtures are written from the
 * descriptions, independently of the engine's tables.
 */
export function record(...fields: [column: number, text: string][]): string {
  const chars = Array.from({ length: 128 }, () => ' ');
  for (const [column, text] of fields) {
    for (let i = 0; i < text.length; i += 1) chars[column - 1 + i] = text[i]!;
  }
  return chars.join('');
}
