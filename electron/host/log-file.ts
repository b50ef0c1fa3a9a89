import { appendFileSync, chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createLogRegistry, type LogRecord, type LogRegistry, type LogSink } from '../../shared/log';

/**
 * The host's log: JSON lines in the user-data folder (`logs/host.log`),
 * rotated by size so a terminal that runs for years never fills its disk
 * with logs. Written synchronously: the host logs little, and a line written
 * just before a crash is the one plant IT needs. Files are 0600: a log is
 * redacted, but it still names operators and orders.
 */
export interface RotatingLogOptions {
  dir: string;
  maxBytes?: number;
  /** Rotated files kept besides the current one (host.1.log … host.N.log). */
  keep?: number;
  /** Also echo each line to stderr (development, `npm start`). */
  echo?: (line: string) => void;
}

export function rotatingLogSink(options: RotatingLogOptions): LogSink {
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = Math.max(1, options.keep ?? 5);
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const current = join(options.dir, 'host.log');
  const rotated = (n: number) => join(options.dir, `host.${n}.log`);
  let size = existsSync(current) ? statSync(current).size : 0;

  const rotate = () => {
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) if (existsSync(rotated(n))) renameSync(rotated(n), rotated(n + 1));
    if (existsSync(current)) renameSync(current, rotated(1));
    size = 0;
  };

  return (record: LogRecord) => {
    const line = `${JSON.stringify(record)}\n`;
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) rotate();
    const created = size === 0;
    appendFileSync(current, line, { mode: 0o600 });
    if (created) chmodSync(current, 0o600);
    size += bytes;
    options.echo?.(`${record.at} ${record.level.toUpperCase()} [${record.logger}] ${record.message}${record.data === undefined ? '' : ` ${JSON.stringify(record.data)}`}`);
  };
}

/** The host process's loggers; the sink is attached once the user-data folder is known. */
export const hostLog: LogRegistry = createLogRegistry();
export const hostLogger = (name: string) => hostLog.logger(name);

/** Sends the host's log lines (and the renderer's) to `<userData>/logs`, echoed to stderr. */
export function attachHostLog(userDataDir: string, echo: ((line: string) => void) | null = (line) => process.stderr.write(`${line}\n`)): void {
  hostLog.setSink(rotatingLogSink({ dir: join(userDataDir, 'logs'), ...(echo ? { echo } : {}) }));
}

/** Records the renderer sent over the bridge, written under the renderer's logger names. */
export function writeRendererRecords(registry: LogRegistry, records: readonly LogRecord[]): number {
  for (const r of records) registry.forward({ ...r, logger: `renderer/${r.logger}` });
  return records.length;
}
