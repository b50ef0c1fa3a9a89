// Single-field data-identifier codes as printed on VDA 4902 goods tags (Code 39
// bars "P…" customer part number, "Q…" quantity, "V…" supplier number, "S…"
// package number, "H…" batch number, "N…" delivery note number).
//
// Heuristic, chosen so that ordinary codes stay plain: a VDA field is one of
// these letters followed by data that starts with a digit and uses only the
// Code 39 characters A-Z 0-9 space - . / ; Q must be a number. So "P4711-A"
// and "Q100" are DI codes, while "B-1001", "PALLET-7", "ORD-2026-0001" and
// "Station1" stay plain.
import { DATA_IDENTIFIERS } from './data-identifiers';
import type { ScanElement } from './types';

const VDA4902_DIS = new Set(['P', 'Q', 'V', 'S', 'H', 'N']);

export function matchSingleFieldDi(text: string): ScanElement | undefined {
  const di = text[0];
  if (di === undefined || !VDA4902_DIS.has(di)) return undefined;
  const value = text.slice(1);
  const ok = di === 'Q' ? /^[0-9]{1,9}(\.[0-9]{1,6})?$/.test(value) : /^[0-9][0-9A-Z .\-/]{0,34}$/.test(value);
  if (!ok || value.endsWith(' ')) return undefined;
  const title = di === 'S' ? 'Package number' : di === 'H' ? 'Batch number' : DATA_IDENTIFIERS.get(di)!.title;
  return { id: di, value, title };
}
