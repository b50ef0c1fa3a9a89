// Public surface of the barcode module: parse a raw scan, classify it against
// master data, and show / type control characters.
export { parseBarcode, MAX_SCAN_LENGTH } from './parse-barcode';
export { classifyScan } from './classify';
export type { BarcodeRule, ScanClassification, ScanContext } from './classify';
export { SCAN_ERROR_CODES } from './errors';
export type { ScanError, ScanErrorCode } from './errors';
export type {
  FailedScan,
  ParseOptions,
  ParseResult,
  ParsedScan,
  ScanElement,
  ScanFields,
  Scheme,
  Symbology,
} from './types';
export { showControlChars, unescapeControlChars } from './escapes';
export { GS, RS, EOT } from './control-chars';
export { GS1_AI_TABLE, GS1_SYNTAX_DICTIONARY_RELEASE } from './gs1-ai-table';
export type { Gs1AiDefinition, Gs1Component } from './gs1-ai-types';
export { DATA_IDENTIFIERS } from './data-identifiers';
