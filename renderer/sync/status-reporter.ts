import type { BridgeClient } from '../../shared/bridge';
import type { TerminalReport } from '../../shared/terminal-report';
import type { Timers } from '../bridge/types';
import type { SyncStatus } from './sync-status';

/**
 * Tells the server how this terminal is (POST /api/v1/sync/status through
 * the host's `sync:status`): app version, events not yet acknowledged and
 * the oldest one's time, scanner and printer state, storage left (the
 * smaller of the browser's quota left and the host's free disk) and the
 * sync loop's last error. Once at start and then every `intervalMs`, and
 * sooner (at most every MIN_GAP_MS) when the pending count or the error
 * changes. A report that fails is simply the next one's job: it is
 * telemetry, not a booking, and never touches the journal.
 */

export const STATUS_INTERVAL_MS = 60_000;
export const MIN_GAP_MS = 5_000;

export interface StatusReporterOptions {
  bridge: Pick<BridgeClient, 'call'>;
  /** The sync loop's latest status. */
  status: () => SyncStatus;
  timers: Timers;
  intervalMs?: number | undefined;
  /** Storage the browser still grants this origin; absent where the API is missing. */
  estimate?: (() => Promise<{ quota?: number; usage?: number }>) | undefined;
}

export interface StatusReporter {
  /** The sync status moved: report soon if what the page shows changed. */
  changed(): void;
  stop(): void;
}

export async function collectReport(o: Pick<StatusReporterOptions, 'bridge' | 'status' | 'estimate'>, version: string): Promise<TerminalReport> {
  const [scanner, printer, disk, quota] = await Promise.all([
    o.bridge.call('scanner:status', {}),
    o.bridge.call('printer:status', {}),
    o.bridge.call('host:disk', {}),
    o.estimate?.().catch(() => null) ?? Promise.resolve(null),
  ]);
  const free = [disk.ok ? disk.value.freeBytes : null, quota?.quota !== undefined ? Math.max(0, quota.quota - (quota.usage ?? 0)) : null].filter((n): n is number => n !== null);
  const status = o.status();
  const last = status.lastError ? status.lastErrors?.[0] : undefined;
  return {
    appVersion: version,
    pending: status.pending,
    oldestPendingAt: status.oldestPendingAt ?? null,
    scanner: scanner.ok ? scanner.value.state : 'disconnected',
    printer: printer.ok ? printer.value.state : 'offline',
    storageFreeBytes: free.length > 0 ? Math.floor(Math.min(...free)) : null,
    lastError: last ? { code: last.code.slice(0, 64), message: last.message.slice(0, 500), at: last.at } : null,
  };
}

export function startStatusReporter(o: StatusReporterOptions): StatusReporter {
  const intervalMs = o.intervalMs ?? STATUS_INTERVAL_MS;
  let timer: unknown = null;
  let stopped = false;
  let sending = false;
  let lastSentAt = -Infinity;
  let lastShown = '';
  let version: string | null = null;

  const shown = (): string => {
    const s = o.status();
    return `${s.pending}|${s.lastError?.code ?? ''}`;
  };

  function schedule(delay: number): void {
    if (stopped) return;
    if (timer !== null) o.timers.clearTimeout(timer);
    timer = o.timers.setTimeout(() => {
      timer = null;
      void send();
    }, delay);
  }

  async function send(): Promise<void> {
    if (stopped || sending) return;
    sending = true;
    try {
      if (version === null) {
        const info = await o.bridge.call('host:info', {});
        if (info.ok) version = info.value.version;
      }
      if (version !== null) {
        lastShown = shown();
        lastSentAt = Date.now();
        await o.bridge.call('sync:status', await collectReport(o, version));
      }
    } catch {
      // A bridge that is down reports nothing; the next interval tries again.
    } finally {
      sending = false;
      schedule(intervalMs);
    }
  }

  schedule(0);
  return {
    changed() {
      if (stopped || shown() === lastShown) return;
      schedule(Math.max(0, lastSentAt + MIN_GAP_MS - Date.now()));
    },
    stop() {
      stopped = true;
      if (timer !== null) o.timers.clearTimeout(timer);
      timer = null;
    },
  };
}
