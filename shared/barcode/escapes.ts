// Visible notation for the control characters in scans, for logs, screens and
// the `takt parse` CLI:  GS ⇄ <GS>, RS ⇄ <RS>, EOT ⇄ <EOT>; other control
// characters show as <0xNN>. Unescaping also accepts \x1d-style escapes.
import { EOT, GS, RS } from './control-chars';

const NAMES: Record<string, string> = { [GS]: '<GS>', [RS]: '<RS>', [EOT]: '<EOT>', '\r': '<CR>', '\n': '<LF>' };

export function showControlChars(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.charCodeAt(0);
    out += code < 0x20 || code === 0x7f ? (NAMES[c] ?? `<0x${code.toString(16).padStart(2, '0').toUpperCase()}>`) : c;
  }
  return out;
}

const BY_NAME: Record<string, string> = { GS, RS, EOT, CR: '\r', LF: '\n', FNC1: GS };

/** Turns <GS>, <RS>, <EOT>, <CR>, <LF>, <FNC1>, <0xNN> and \xNN into characters. */
export function unescapeControlChars(s: string): string {
  return s.replace(/<(GS|RS|EOT|CR|LF|FNC1)>|<0x([0-9A-Fa-f]{2})>|\\x([0-9A-Fa-f]{2})/g, (_m, name?: string, hex1?: string, hex2?: string) =>
    name !== undefined ? BY_NAME[name]! : String.fromCharCode(parseInt((hex1 ?? hex2)!, 16)),
  );
}
