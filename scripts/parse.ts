import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { parseBarcode, showControlChars, unescapeControlChars, type ParseOptions, type ParseResult } from '../shared/barcode';

/**
 * `takt parse "<scan>" …` or one scan per line on stdin: what Takt reads in a
 * barcode. `\x1d`-style escapes and `<GS>`, `<RS>`, `<EOT>` (also `<FNC1>`,
 * `<CR>`, `<LF>`, `<0xNN>`) stand for control characters. Human-readable by
 * default; `--json` prints one JSON object per scan and line. A rejected scan
 * is a result, not a failure: the exit status is 0 unless the usage is wrong.
 */

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  stdin?: NodeJS.ReadableStream;
}

const USAGE = 'usage: takt parse ["<scan>" …] [--json] [--year YYYY] [--no-associations]   (no scans: one per line on stdin)\n';

export async function runParse(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        year: { type: 'string' },
        'no-associations': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.stderr.write(`takt parse: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const options: { referenceYear?: number; checkAssociations?: boolean } = {};
  if (values.year !== undefined) {
    const year = Number(values.year);
    if (!Number.isInteger(year) || year < 1900 || year > 9999) {
      io.stderr.write(`takt parse: --year must be a four-digit year, not "${values.year}"\n`);
      return 2;
    }
    options.referenceYear = year;
  }
  if (values['no-associations']) options.checkAssociations = false;

  const emit = (notation: string) => io.stdout.write(formatScan(notation, options, values.json ? 'json' : 'text'));
  if (positionals.length > 0) {
    for (const notation of positionals) emit(notation);
    return 0;
  }
  const input = io.stdin ?? process.stdin;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue; // blank lines separate groups of scans; they are not scans
    emit(line);
  }
  return 0;
}

/** One scan, written in escape notation, as text or as one JSON line. */
export function formatScan(notation: string, options: ParseOptions, mode: 'text' | 'json'): string {
  const raw = unescapeControlChars(notation);
  const result = parseBarcode(raw, options);
  if (mode === 'json') return `${JSON.stringify({ scan: showControlChars(raw), ...result })}\n`;
  return formatText(raw, result);
}

function formatText(raw: string, result: ParseResult): string {
  const out = [`scan       ${showControlChars(raw)}`];
  if (!result.ok) {
    const { code, at, message } = result.error;
    out.push(`rejected   ${code} at ${at}: ${message}`);
    if (raw.length > 0) out.push(`           ${pointer(raw, at)}`);
    return `${out.join('\n')}\n\n`;
  }
  out.push(`accepted   ${result.scheme} · ${result.symbology}`);
  const width = Math.max(...result.elements.map((e) => e.id.length), 2);
  const values = result.elements.map((e) => showControlChars(e.value));
  const valueWidth = Math.max(...values.map((v) => v.length), 0);
  result.elements.forEach((e, i) => {
    out.push(`  (${e.id})${' '.repeat(width - e.id.length)} ${values[i]!.padEnd(valueWidth)}   ${e.title}`);
  });
  const fields = Object.entries(result.fields).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  if (fields.length > 0) out.push(`fields     ${fields.join('  ')}`);
  return `${out.join('\n')}\n\n`;
}

/** A caret under the character the error points at, in the visible notation. */
function pointer(raw: string, at: number): string {
  return `${' '.repeat(showControlChars(raw.slice(0, at)).length)}^`;
}
