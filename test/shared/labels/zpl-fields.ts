/**
 * A small ZPL reader for tests: splits a ZPL stream into commands (`^XX` or
 * `~XX` plus parameters) and decodes ^FH field data, so tests can say which
 * commands a label holds and what each field carries. It follows the printer's
 * rule that `^` and `~` start a command anywhere in the stream, also inside
 * field data, which is exactly what escaping must prevent.
 */
export interface ZplCommand {
  /** `^FO`, `^FD`, `~HS`, … */
  name: string;
  params: string;
}

export function zplCommands(zpl: string): ZplCommand[] {
  const out: ZplCommand[] = [];
  const re = /([\^~])([A-Z@][A-Z0-9@]?)([^^~]*)/g;
  for (let m = re.exec(zpl); m; m = re.exec(zpl)) {
    // Two-letter command names, except ^A (font) which takes its font name as the next character.
    const name = m[2]!.startsWith('A') && m[1] === '^' && m[2] !== 'A@' ? '^A' : m[1]! + m[2]!;
    const params = name === '^A' ? m[2]!.slice(1) + m[3]! : m[3]!;
    out.push({ name, params: params.replace(/\n$/, '') });
  }
  return out;
}

/** `_XX` → byte, then UTF-8 (^CI28). */
export function decodeFieldHex(data: string, indicator = '_'): string {
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    if (data[i] === indicator && /^[0-9A-Fa-f]{2}$/.test(data.slice(i + 1, i + 3))) {
      bytes.push(parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(data.charCodeAt(i));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** The decoded ^FD data of every field, in order. */
export function zplFields(zpl: string): string[] {
  return zplCommands(zpl)
    .filter((c) => c.name === '^FD')
    .map((c) => decodeFieldHex(c.params));
}

export const commandNames = (zpl: string) => zplCommands(zpl).map((c) => c.name);

/**
 * Field texts as a reader sees them: the lines of one wrapped text (one-line
 * ^FB blocks of the same width, stacked one character height apart at the same
 * x) joined back with a space, every other field as it is.
 */
export function zplTexts(zpl: string): string[] {
  const out: string[] = [];
  let at = { x: -1, y: -1 };
  let height = 0;
  let block = '';
  let previous: { x: number; y: number; height: number; block: string } | null = null;
  for (const c of zplCommands(zpl)) {
    if (c.name === '^FO') {
      const [x, y] = c.params.split(',').map(Number);
      at = { x: x ?? -1, y: y ?? -1 };
      block = '';
    } else if (c.name === '^A') height = Number(c.params.split(',')[1] ?? 0);
    else if (c.name === '^FB') block = c.params.split(',')[0] ?? '';
    else if (c.name === '^FD') {
      const text = decodeFieldHex(c.params);
      const continues = previous && block !== '' && previous.block === block && previous.x === at.x && at.y === previous.y + previous.height;
      if (continues) out[out.length - 1] += ` ${text}`;
      else out.push(text);
      previous = { x: at.x, y: at.y, height, block };
    }
  }
  return out;
}
