/**
 * Named loggers for the renderer and the host (the server keeps pino). A
 * logger is created by name ("sync", "bridge", …) before anything knows where
 * its lines go: records are buffered (bounded) until a sink is attached, so the
 * first lines of a boot are never lost. Every record passes `redact` first:
 * a token, PIN or password never reaches a log line, whoever wrote the call.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogRecord {
  at: string;
  level: LogLevel;
  logger: string;
  message: string;
  data?: unknown;
}

export type LogSink = (record: LogRecord) => void;

export interface Logger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

export interface LogRegistry {
  logger(name: string): Logger;
  /** Attach the sink: buffered records are written to it first, in order. */
  setSink(sink: LogSink | null): void;
  setLevel(level: LogLevel): void;
  /** A record made elsewhere (the renderer's, sent over the bridge): redacted again, its time kept. */
  forward(record: LogRecord): void;
}

const SECRET_KEY = /token|secret|password|passwd|pin(hash)?$|authorization|cookie|credential/i;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;
const TOKEN_PARAM = /([?&](?:token|code|key)=)[^&\s#]+/gi;
const MAX_DEPTH = 5;

function redactString(value: string): string {
  return value.replace(BEARER, '$1[redacted]').replace(TOKEN_PARAM, '$1[redacted]');
}

/** A copy of `value` fit for a log: secret-named fields and bearer/URL tokens blanked, errors as plain objects, depth bounded. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message), ...(value.stack ? { stack: redactString(value.stack) } : {}) };
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export interface LogRegistryOptions {
  clock?: () => Date;
  /** Records kept while no sink is attached; the oldest go first. */
  bufferSize?: number;
  level?: LogLevel;
}

export function createLogRegistry(options: LogRegistryOptions = {}): LogRegistry {
  const clock = options.clock ?? (() => new Date());
  const bufferSize = options.bufferSize ?? 500;
  let minLevel = LOG_LEVELS.indexOf(options.level ?? 'info');
  let sink: LogSink | null = null;
  const buffer: LogRecord[] = [];

  const write = (record: LogRecord) => {
    if (!sink) {
      buffer.push(record);
      if (buffer.length > bufferSize) buffer.shift();
      return;
    }
    try {
      sink(record);
    } catch {
      // A broken sink must never break the caller (a log line is not worth a lost booking).
    }
  };

  const logger = (name: string): Logger => {
    const at = (level: LogLevel) => (message: string, data?: unknown) => {
      if (LOG_LEVELS.indexOf(level) < minLevel) return;
      const record: LogRecord = { at: clock().toISOString(), level, logger: name, message: redactString(message) };
      if (data !== undefined) record.data = redact(data);
      write(record);
    };
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  };

  return {
    logger,
    setSink(next) {
      sink = next;
      if (sink) for (const record of buffer.splice(0)) write(record);
    },
    setLevel(level) {
      minLevel = LOG_LEVELS.indexOf(level);
    },
    forward(record) {
      if (LOG_LEVELS.indexOf(record.level) < minLevel) return;
      const copy: LogRecord = { at: record.at, level: record.level, logger: record.logger, message: redactString(record.message) };
      if (record.data !== undefined) copy.data = redact(record.data);
      write(copy);
    },
  };
}
