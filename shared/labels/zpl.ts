import { ok, type Result } from '../errors';
import { code128Payload, gs1_128Payload } from './code128-zpl';
import { labelFail } from './errors';
import { LabelModel, isSymbol, type LabelElement, type SymbolElement } from './model';
import { symbolContent } from './symbol-content';
import { fieldHex, hexByte, HEX_INDICATOR } from './zpl-escape';
import { fitText, textTooLong } from './text-fit';

/**
 * The ZPL II compiler (command syntax from the ZPL II Programming Guide).
 * Layout numbers come from the validated model (integers only); every value
 * goes through ^FH escaping. A value a symbology cannot carry fails the whole
 * label with a coded error: nothing half-right is ever sent.
 */

export interface CompileOptions {
  /** ^PQ print quantity. */
  copies?: number;
}

export const MAX_COPIES = 999;

const FH = `^FH${HEX_INDICATOR}`;
/**
 * ^BX escape character candidates (ZPL II guide, ^BX parameter g: any character).
 * It is always given explicitly (the printers' default changed between firmware
 * versions) and is one the symbol's data does not contain, so every data
 * character, `_` included, is encoded literally; a GS1 symbol uses it only for
 * FNC1. Not `,` `^` `~` (they would end the parameter or start a command), and
 * `#` early: GS1 data (character set 82) never holds it.
 */
const DM_ESCAPES = ['_', '#', '`', '|', '@', '$', '!', '&', '*', '=', '?', '[', ']', '{', '}', '\\', '<', '>', ';', ':'];

/** The escape character for a DataMatrix carrying `text`, or undefined when the data holds every candidate. */
export function datamatrixEscape(text: string): string | undefined {
  return DM_ESCAPES.find((c) => !text.includes(c));
}

/** Whether the compiler can put this symbol on a label unchanged: its content, and for DataMatrix a free escape character. */
export function checkSymbol(e: SymbolElement): Result<null> {
  const content = symbolContent(e);
  if (!content.ok) return content;
  if (e.type === 'datamatrix' && datamatrixEscape(content.value.text) === undefined) {
    return labelFail('label-value-unencodable', `DataMatrix data uses every possible escape character (${DM_ESCAPES.join(' ')})`);
  }
  return ok(null);
}

export function compileZpl(input: LabelModel, options: CompileOptions = {}): Result<string> {
  const parsed = LabelModel.safeParse(input);
  if (!parsed.success) return labelFail('label-data-invalid', `label model: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const copies = options.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) return labelFail('label-data-invalid', `copies must be 1 to ${MAX_COPIES}`);
  const model = parsed.data;
  // ^CI28: field data bytes are UTF-8. ^PW/^LL: label size in dots. ^LH0,0: origin at the corner.
  const lines = ['^XA', '^CI28', `^PW${model.widthDots}`, `^LL${model.heightDots}`, '^LH0,0'];
  for (const [index, element] of model.elements.entries()) {
    const zpl = compileElement(element);
    if (!zpl.ok) return labelFail(zpl.error.code as 'label-value-unencodable', `element ${index + 1} (${element.type}): ${zpl.error.message}`);
    lines.push(zpl.value);
  }
  // ^PQq,p,r,o: q labels, no pause, one replicate, no pause override.
  lines.push(`^PQ${copies},0,1,N`, '^XZ');
  return ok(lines.join('\n') + '\n');
}

function compileElement(e: LabelElement): Result<string> {
  const at = `^FO${e.x},${e.y}`;
  switch (e.type) {
    case 'text': {
      if (e.maxWidth === undefined) return ok(`${at}^A0N,${e.height},${e.height}${FH}^FD${fieldHex(e.value)}^FS`);
      const fitted = fitText(e.value, e.height, e.maxWidth, e.maxHeight);
      if (!fitted) return labelFail('label-text-too-long', textTooLong(e.value, e.maxWidth, e.maxHeight));
      // One field per line, each in a one-line ^FB of the cell's width: the printer clips at the rule whatever its font measures.
      return ok(
        fitted.lines
          .map((line, i) => `^FO${e.x},${e.y + i * fitted.height}^A0N,${fitted.height},${fitted.height}^FB${e.maxWidth},1,0,L,0${FH}^FD${fieldHex(line)}^FS`)
          .join('\n'),
      );
    }
    case 'box':
      return ok(`${at}^GB${e.width},${e.height},${e.thickness}^FS`);
    case 'line':
      return ok(e.direction === 'horizontal' ? `${at}^GB${e.length},${e.thickness},${e.thickness}^FS` : `${at}^GB${e.thickness},${e.length},${e.thickness}^FS`);
    default:
      return isSymbol(e) ? compileSymbol(e, at) : labelFail('label-data-invalid', 'unknown element');
  }
}

function compileSymbol(e: SymbolElement, at: string): Result<string> {
  const content = symbolContent(e);
  if (!content.ok) return content;
  const text = content.value.text;
  switch (e.type) {
    case 'code128':
      // ^BCo,h,f,g,e,m: no interpretation line (the layout prints its own), mode N.
      return ok(`${at}^BY${e.moduleWidth},3,${e.height}^BCN,${e.height},N,N,N,N${FH}^FD${code128Payload(text)}^FS`);
    case 'code39':
      // ^BY w,3.0: wide = 3 × narrow, the top of ISO/IEC 16388's 2:1–3:1 range: most tolerant of
      // thermal bar growth at a 2-dot (0.25 mm) narrow bar, and the ratio the preview draws.
      // ^B3o,e,h,f,g: no Mod 43 check character (e=N), since a reader not set up for one transmits
      // it as data ("Q100" would arrive as "Q100X"); no interpretation line (the layout prints its own).
      return ok(`${at}^BY${e.moduleWidth},3.0,${e.height}^B3N,N,${e.height},N,N${FH}^FD${fieldHex(text)}^FS`);
    case 'gs1-128':
      return ok(`${at}^BY${e.moduleWidth},3,${e.height}^BCN,${e.height},N,N,N,N${FH}^FD${gs1_128Payload(text)}^FS`);
    case 'datamatrix': {
      // ^BXo,h,s,c,r,f,g: ECC 200, size automatic, escape character explicit.
      // ^FH is applied before the escape sequences (ZPL II guide, ^BX), so FNC1 is
      // written as the hex of the escape character + `1` (`_231` for `#1`); GS1 separators are FNC1 too.
      const escape = datamatrixEscape(text);
      if (escape === undefined) return labelFail('label-value-unencodable', 'DataMatrix data uses every possible escape character');
      const fnc1 = hexByte(escape.charCodeAt(0)) + '1';
      const body =
        e.content.kind === 'gs1'
          ? fnc1 + text.split('\u001d').map(fieldHex).join(fnc1)
          : fieldHex(text);
      return ok(`${at}^BXN,${e.moduleSize},200,0,0,6,${escape}${FH}^FD${body}^FS`);
    }
    case 'qr':
      // ^BQo,2,m: model 2. Field data: error correction level, A (automatic input), comma, data.
      return ok(`${at}^BQN,2,${e.magnification}${FH}^FD${e.errorCorrection}A,${fieldHex(text)}^FS`);
    case 'pdf417':
      // ^B7o,h,s,c,r,t: row height, security level, columns (or automatic), not truncated.
      return ok(`${at}^BY${e.moduleWidth},3^B7N,${e.rowHeight},${e.securityLevel},${e.columns ?? ''},,N${FH}^FD${fieldHex(text)}^FS`);
  }
}
