import type { Symbology } from './types';

// AIM symbology identifiers "]cm" (ISO/IEC 15424): c = symbology, m = modifier.
// Only the combinations below mean GS1 data (FNC1 in first position); see also
// GS1 General Specifications 5.1.2 / 5.4 / 5.5 / 5.6 / 5.8 on symbology identifiers.
const GS1_IDS: Record<string, Symbology> = {
  C1: 'gs1-128',
  d2: 'gs1-datamatrix',
  Q3: 'gs1-qr',
  e0: 'gs1-databar',
  J1: 'gs1-dotcode',
};

const FAMILY: Record<string, Symbology> = {
  A: 'code39',
  C: 'code128',
  G: 'code93',
  F: 'codabar',
  I: 'itf',
  d: 'datamatrix',
  Q: 'qr',
  L: 'pdf417',
  z: 'aztec',
  J: 'dotcode',
  e: 'databar',
};

export interface AimPrefix {
  readonly symbology: Symbology;
  /** True when the identifier says the data is a GS1 element string. */
  readonly gs1: boolean;
  /** Length of the prefix (0 when there is none). */
  readonly length: number;
}

export function readAimPrefix(raw: string): AimPrefix {
  const m = /^\]([A-Za-z])([0-9A-Za-z])/.exec(raw);
  if (!m) return { symbology: 'unknown', gs1: false, length: 0 };
  const code = m[1]! + m[2]!;
  const gs1 = GS1_IDS[code];
  if (gs1) return { symbology: gs1, gs1: true, length: 3 };
  return { symbology: eanFamily(code) ?? FAMILY[m[1]!] ?? 'other', gs1: false, length: 3 };
}

// ]E0 EAN-13/UPC-A (13 digits), ]E4 EAN-8, ]E1/]E2 add-ons, ]E3 with add-on.
function eanFamily(code: string): Symbology | undefined {
  if (code === 'E0' || code === 'E3') return 'ean-13';
  if (code === 'E4') return 'ean-8';
  if (code === 'E1' || code === 'E2') return 'ean-addon';
  return undefined;
}
