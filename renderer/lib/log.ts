import type { BridgeClient } from '../../shared/bridge';
import { createLogRegistry, type LogLevel, type LogRecord } from '../../shared/log';

/**
 * The renderer's named loggers. Lines are kept in memory until boot attaches
 * the sink; from then on each line goes to the console (DevTools while
 * developing) and, batched, to the host, which writes the terminal's log file:
 * the kiosk has no console plant IT could read.
 */
export const rendererLog = createLogRegistry();
export const logger = (name: string) => rendererLog.logger(name);

export interface LogSinkOptions {
  bridge: Pick<BridgeClient, 'call'>;
  console?: Pick<Console, LogLevel>;
  flushMs?: number;
  /** Records waiting for the host beyond this are dropped, oldest first: logging never grows without bound. */
  maxPending?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

const BATCH = 200;

export function attachLogSink(options: LogSinkOptions): () => void {
  const out = options.console ?? globalThis.console;
  const flushMs = options.flushMs ?? 1000;
  const maxPending = options.maxPending ?? 1000;
  const setTimer = options.setTimer ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
  const pending: LogRecord[] = [];
  let scheduled = false;
  let sending = false;
  let attached = true;

  const flush = async () => {
    scheduled = false;
    if (sending || pending.length === 0 || !attached) return;
    sending = true;
    const batch = pending.splice(0, BATCH);
    const res = await options.bridge.call('log:write', { records: batch }).catch(() => null);
    sending = false;
    // The host is away: keep the lines for the next try, within the bound.
    if (!res?.ok) pending.unshift(...batch.slice(-(maxPending - pending.length)));
    if (pending.length > 0) schedule();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setTimer(() => void flush(), flushMs);
  };

  rendererLog.setSink((record) => {
    out[record.level](`[${record.logger}] ${record.message}`, ...(record.data === undefined ? [] : [record.data]));
    pending.push(record);
    if (pending.length > maxPending) pending.shift();
    schedule();
  });
  return () => {
    attached = false;
    rendererLog.setSink(null);
  };
}
