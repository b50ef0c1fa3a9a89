import { closeSync, openSync, writeSync, constants } from 'node:fs';
import { parseArgs } from 'node:util';
import { demoScannerDevicePath } from './demo-paths';

/**
 * `takt scan "<data>"`: types a scan on the virtual scanner, as a real scanner
 * would send it: the bytes, then the CR suffix. `\x1d`, `<GS>`, `<RS>` and
 * `<EOT>` stand for the control characters of GS1 and ISO/IEC 15434 codes.
 */
const NAMED: Record<string, string> = { GS: '\x1d', RS: '\x1e', EOT: '\x04', FNC1: '\x1d', CR: '\r', LF: '\n' };

export function unescapeScan(text: string): string {
  return text
    .replace(/\\x([0-9a-fA-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/<(GS|RS|EOT|FNC1|CR|LF)>/g, (_m, name: string) => NAMED[name] ?? '');
}

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export async function runScan(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' }, suffix: { type: 'string', default: 'CR' } },
  });
  if (positionals.length === 0) {
    io.stderr.write('usage: takt scan "<data>" [more scans…] [--port <device path>] [--suffix CR|LF|CRLF]\n');
    return 2;
  }
  const suffix = { CR: '\r', LF: '\n', CRLF: '\r\n' }[String(values.suffix).toUpperCase()];
  if (suffix === undefined) {
    io.stderr.write(`takt scan: unknown suffix ${values.suffix}\n`);
    return 2;
  }
  const port = values.port ?? process.env.TAKT_SCAN_DEVICE ?? demoScannerDevicePath();
  let fd: number;
  try {
    fd = openSync(port, constants.O_WRONLY | constants.O_NOCTTY);
  } catch (err) {
    io.stderr.write(`takt scan: cannot open the virtual scanner at ${port} (${(err as Error).message}). Is \`npm start\` running?\n`);
    return 1;
  }
  try {
    for (const scan of positionals) {
      writeSync(fd, Buffer.from(unescapeScan(scan) + suffix, 'latin1'));
      io.stdout.write(`scanned ${JSON.stringify(scan)} on ${port}\n`);
    }
  } finally {
    closeSync(fd);
  }
  return 0;
}
