import { EOT, GS, RS, parseBarcode } from '../barcode';
import { getAi } from '../barcode/gs1-ai-lookup';
import { ok, type Result } from '../errors';
import { labelFail } from './errors';
import type { DiField, Gs1Element, SymbolElement } from './model';

/**
 * What each symbol carries, as a scanner transmits it (FNC1 separators as GS,
 * without the AIM prefix), plus the symbology identifier it reads back with.
 * The SVG preview, the read-back tests and the ZPL compiler all start here,
 * so "what the screen said" and "what was printed" have one definition.
 */
export interface SymbolContent {
  /** Decoded text, FNC1 separators as GS (0x1D). */
  text: string;
  /** ISO/IEC 15424 symbology identifier a reader reports. */
  aim: string;
}

/** GS1 element string: FNC1 (as GS) only after variable-length AIs that are not last (GS1 Gen Specs 7.8.5). */
export function gs1ElementString(elements: readonly Gs1Element[]): string {
  return elements
    .map((e, i) => {
      const last = i === elements.length - 1;
      return e.ai + e.value + (last || getAi(e.ai)?.predefinedLength ? '' : GS);
    })
    .join('');
}

/** ISO/IEC 15434 format 06: `[)>` RS `06` GS DI+value (GS …) RS EOT. */
export function iso15434Message(fields: readonly DiField[]): string {
  return `[)>${RS}06${GS}${fields.map((f) => f.di + f.value).join(GS)}${RS}${EOT}`;
}

/**
 * Refuses GS1 data the GS1 Barcode Syntax Dictionary rejects (unknown AI,
 * length, character set, check digit, date). Required AI pairs are a rule for
 * the whole label, not one symbol: the logistic label carries (02)+(37) in one
 * symbol and (00) in another, so associations are not checked per symbol.
 */
export function validateGs1(elements: readonly Gs1Element[]): Result<string> {
  for (const e of elements) {
    if (!getAi(e.ai)) return labelFail('label-data-invalid', `unknown GS1 application identifier (${e.ai})`);
    if (e.value.includes(GS)) return labelFail('label-data-invalid', `GS1 AI (${e.ai}) value contains a separator`);
  }
  const text = gs1ElementString(elements);
  const parsed = parseBarcode(`]C1${text}`, { checkAssociations: false });
  if (!parsed.ok) return labelFail('label-data-invalid', `GS1 data: ${parsed.error.message}`);
  return ok(text);
}

function validateIso15434(fields: readonly DiField[]): Result<string> {
  for (const f of fields) {
    // eslint-disable-next-line no-control-regex -- FS, GS, RS and EOT would break the envelope
    if (/[\x1c-\x1e\x04]/.test(f.value)) return labelFail('label-data-invalid', `data identifier ${f.di}: value contains an envelope separator`);
  }
  return ok(iso15434Message(fields));
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** The 43 data characters of Code 39 (ISO/IEC 16388); `*` is start/stop, full ASCII is not used. */
export const CODE39_CHARACTERS = /^[0-9A-Z \-.$/+%]*$/;

export function symbolContent(element: SymbolElement): Result<SymbolContent> {
  switch (element.type) {
    case 'code128':
      // Subset B carries printable ASCII; control characters (subset A) and FNC4 extended
      // characters are refused rather than risk a reader showing something else.
      if (!PRINTABLE_ASCII.test(element.value)) return labelFail('label-value-unencodable', 'Code 128 carries printable ASCII only');
      if (element.value === '') return labelFail('label-value-unencodable', 'Code 128 needs at least one character');
      return ok({ text: element.value, aim: ']C0' });
    case 'code39':
      // Lower case would need full-ASCII pairs ("+A"), which readers set up for VDA 4902 do not decode: refused.
      if (!CODE39_CHARACTERS.test(element.value)) return labelFail('label-value-unencodable', 'Code 39 carries only 0-9, A-Z, space and - . $ / + %');
      if (element.value === '') return labelFail('label-value-unencodable', 'Code 39 needs at least one character');
      {
        // Full ASCII Code 39 (ISO/IEC 16388 annex) spells one character as "$", "%", "+" or "/" and a letter
        // ("+A" is "a", "$S" a control character); many readers switch to it on their own when such a pair
        // appears, so the pair would arrive as that other character.
        const pair = /[$%+/][A-Z]/.exec(element.value);
        if (pair) return labelFail('label-value-unencodable', `Code 39: "${pair[0]}" reads as one full-ASCII character on many scanners`);
      }
      // ]A0: no check character verified, data transmitted as printed.
      return ok({ text: element.value, aim: ']A0' });
    case 'gs1-128': {
      const text = validateGs1(element.elements);
      return text.ok ? ok({ text: text.value, aim: ']C1' }) : text;
    }
    case 'datamatrix': {
      const c = element.content;
      const text = c.kind === 'gs1' ? validateGs1(c.elements) : c.kind === 'iso15434' ? validateIso15434(c.fields) : ok(c.value);
      if (!text.ok) return text;
      if (text.value === '') return labelFail('label-value-unencodable', 'DataMatrix needs data');
      return ok({ text: text.value, aim: c.kind === 'gs1' ? ']d2' : ']d1' });
    }
    case 'qr':
      if (element.value === '') return labelFail('label-value-unencodable', 'QR code needs data');
      return ok({ text: element.value, aim: ']Q1' });
    case 'pdf417':
      if (element.value === '') return labelFail('label-value-unencodable', 'PDF417 needs data');
      return ok({ text: element.value, aim: ']L2' });
  }
}
