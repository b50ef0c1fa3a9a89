/**
 * ^FH field-hex escaping (ZPL II Programming Guide, ^FH): with `^FH_`, `_XX`
 * in field data is the byte 0xXX. Everything outside the printable ASCII range,
 * and the three characters with meaning to the printer (`^` format prefix,
 * `~` control prefix, `_` the hex indicator itself) is written as hex, so the
 * ZPL stream stays 7-bit and no value can start or end a command. With ^CI28
 * the bytes are UTF-8.
 */
export const HEX_INDICATOR = '_';

const encoder = new TextEncoder();

const isLiteral = (byte: number) => byte >= 0x20 && byte <= 0x7e && byte !== 0x5e && byte !== 0x7e && byte !== 0x5f;

export function hexByte(byte: number): string {
  return HEX_INDICATOR + byte.toString(16).toUpperCase().padStart(2, '0');
}

export function fieldHex(value: string): string {
  let out = '';
  for (const byte of encoder.encode(value)) out += isLiteral(byte) ? String.fromCharCode(byte) : hexByte(byte);
  return out;
}
