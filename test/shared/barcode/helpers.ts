import { parseBarcode, unescapeControlChars, type ParseOptions, type ParseResult } from '../../../shared/barcode';

export const REFERENCE_YEAR = 2026;

/** Parses a scan written in <GS>/<RS>/<EOT> notation with a fixed century window. */
export function scan(notation: string, options: ParseOptions = {}): ParseResult {
  return parseBarcode(unescapeControlChars(notation), { referenceYear: REFERENCE_YEAR, ...options });
}

export function pairs(result: ParseResult): [string, string][] {
  return result.ok ? result.elements.map((e) => [e.id, e.value]) : [];
}
