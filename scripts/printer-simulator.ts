import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Duplex } from 'node:stream';
import { formatHostStatus, type HostStatus } from '../shared/labels/host-status';

/**
 * A ZPL label printer for the demo and the tests: a TCP peer (port 9100
 * style) or any byte stream (a socat pty), that answers `~HS` with the
 * three-line host status, can be put out of paper / head open / paused, and
 * stores every label it prints as `.zpl` and `.png` (zpl-renderer-js) in a
 * folder. While it cannot print, received formats wait in its buffer and
 * come out when the condition clears, as on a real printer.
 *
 * Control command on the same connection (not ZPL): `!sim paper-out`,
 * `!sim head-open`, `!sim ribbon-out`, `!sim pause`, `!sim ok`, then LF.
 */
export type SimCondition = 'ok' | 'paper-out' | 'head-open' | 'ribbon-out' | 'pause';

export interface PrintedLabel {
  index: number;
  zpl: string;
  zplPath: string;
  pngPath: string | null;
}

export interface PrinterSimulator {
  port: number;
  dir: string;
  labels: PrintedLabel[];
  setCondition(condition: SimCondition): void;
  condition(): SimCondition;
  /** Serve a byte stream (e.g. the device end of a pty pair) as well. */
  attach(stream: Duplex): void;
  /** Resolves when every received label is written (PNG included). */
  idle(): Promise<void>;
  /** Stop answering ~HS (a printer that hangs). */
  setSilent(silent: boolean): void;
  /** Take the next label, then drop the connection: a cable pulled mid-job. */
  unplugAfterNextLabel(): void;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  port?: number;
  host?: string;
  dir: string;
  /** Dots per millimetre for the PNG (8 = 203 dpi, 12 = 300 dpi). */
  dpmm?: number;
  png?: boolean;
  log?: (line: string) => void;
}

const FORMAT = /\^XA[\s\S]*?\^XZ/;

export async function startPrinterSimulator(options: SimulatorOptions): Promise<PrinterSimulator> {
  const { dir } = options;
  const dpmm = options.dpmm ?? 8;
  const log = options.log ?? (() => {});
  await mkdir(dir, { recursive: true });
  // A restarted simulator must not overwrite the labels of an earlier run: numbering continues after the highest file.
  const firstIndex = (await highestLabelIndex(dir)) + 1;
  let condition: SimCondition = 'ok';
  let silent = false;
  let unplugAfterLabel = false;
  const waiting: string[] = [];
  const labels: PrintedLabel[] = [];
  let writing: Promise<void> = Promise.resolve();

  const status = (): HostStatus => ({
    paperOut: condition === 'paper-out',
    paused: condition === 'pause',
    labelLengthDots: 0,
    formatsInBuffer: waiting.length,
    bufferFull: false,
    diagnosticMode: false,
    partialFormat: false,
    corruptRam: false,
    underTemperature: false,
    overTemperature: false,
    headOpen: condition === 'head-open',
    ribbonOut: condition === 'ribbon-out',
    thermalTransfer: false,
    printMode: 2,
    labelWaiting: false,
    labelsRemaining: 0,
    graphicsStored: 0,
  });

  function flush(): void {
    if (condition !== 'ok') return;
    for (const zpl of waiting.splice(0)) {
      // ^PQ n prints n labels; one file per format is enough to see and decode it.
      const index = firstIndex + labels.length;
      const base = join(dir, `label-${String(index).padStart(4, '0')}`);
      const label: PrintedLabel = { index, zpl, zplPath: `${base}.zpl`, pngPath: options.png === false ? null : `${base}.png` };
      labels.push(label);
      writing = writing.then(() => store(label, base)).catch((err: unknown) => log(`printer-sim: cannot store ${base}: ${String(err)}`));
    }
  }

  async function store(label: PrintedLabel, base: string): Promise<void> {
    await writeFile(`${base}.zpl`, label.zpl);
    if (label.pngPath) {
      const { ready } = await import('zpl-renderer-js');
      const { api } = await ready;
      const w = Number(/\^PW(\d+)/.exec(label.zpl)?.[1] ?? 812) / dpmm;
      const h = Number(/\^LL(\d+)/.exec(label.zpl)?.[1] ?? 1218) / dpmm;
      await writeFile(label.pngPath, Buffer.from(await api.zplToBase64Async(label.zpl, w, h, dpmm), 'base64'));
    }
    log(`printer-sim: printed ${base}.zpl`);
  }

  function serve(stream: Duplex): void {
    let buffer = '';
    stream.on('error', () => {});
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        const sim = /^\s*!sim ([a-z-]+)\r?\n/.exec(buffer);
        if (sim) {
          buffer = buffer.slice(sim[0].length);
          api.setCondition(sim[1] as SimCondition);
          continue;
        }
        const hs = buffer.indexOf('~HS');
        const format = FORMAT.exec(buffer);
        if (hs !== -1 && (!format || hs < format.index)) {
          buffer = buffer.slice(0, hs) + buffer.slice(hs + 3);
          if (!silent) stream.write(Buffer.from(formatHostStatus(status()), 'latin1'));
          continue;
        }
        if (format) {
          buffer = buffer.slice(format.index + format[0].length);
          waiting.push(format[0]);
          flush();
          if (unplugAfterLabel) {
            unplugAfterLabel = false;
            stream.destroy();
            return;
          }
          continue;
        }
        break;
      }
    });
  }

  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 9100, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 9100);

  const api: PrinterSimulator = {
    port,
    dir,
    labels,
    setCondition(next) {
      if (!['ok', 'paper-out', 'head-open', 'ribbon-out', 'pause'].includes(next)) return;
      condition = next;
      log(`printer-sim: ${next}`);
      flush();
    },
    condition: () => condition,
    attach: serve,
    idle: () => writing,
    setSilent(value) {
      silent = value;
    },
    unplugAfterNextLabel() {
      unplugAfterLabel = true;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await writing;
    },
  };
  return api;
}

const LABEL_FILE = /^label-(\d+)\.(?:zpl|png)$/;

async function highestLabelIndex(dir: string): Promise<number> {
  let highest = 0;
  for (const name of await readdir(dir)) {
    const match = LABEL_FILE.exec(name);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** `takt printer-sim [--port 9100] [--dir .takt/labels] [--dpi 203|300]`; conditions typed on stdin (`paper-out`, `ok`, …). */
export async function runPrinterSim(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string', default: '9100' }, dir: { type: 'string', default: '.takt/labels' }, dpi: { type: 'string', default: '203' }, host: { type: 'string', default: '127.0.0.1' } },
  });
  const sim = await startPrinterSimulator({
    port: Number(values.port),
    host: values.host,
    dir: values.dir,
    dpmm: values.dpi === '300' ? 12 : 8,
    log: (line) => io.stdout.write(line + '\n'),
  });
  io.stdout.write(`printer-sim: listening on tcp://${values.host}:${sim.port}, labels in ${sim.dir}\n`);
  io.stdout.write('printer-sim: type paper-out, head-open, ribbon-out, pause or ok and Enter to change its state\n');
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (text: string) => {
    for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) sim.setCondition(line as SimCondition);
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.close();
  return 0;
}
