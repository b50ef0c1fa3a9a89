import { toCodedError, type CodedError } from '../../shared/errors';
import { compileZpl } from '../../shared/labels/zpl';
import type { LabelModel } from '../../shared/labels/model';
import { blockingCondition, type PrinterStatus } from '../../shared/labels/host-status';
import { HostError } from './coded-error';
import { createPrinterDriver, PrintError, type PrinterDriver } from './printer-driver';
import { parsePrinterTarget } from './printer-link';
import { createSerialLink } from './printer-serial';
import { createTcpLink } from './printer-tcp';

/**
 * The printer behind the bridge: `printer:print` compiles the label model
 * the renderer previewed (the host never takes ZPL from the renderer) and
 * prints it once per job id; `printer:status` asks ~HS; every change is
 * published as a `printer:status` event. Whether a job may be sent at all
 * (queued, not yet printed, or a reprint with a reason) is the journal's
 * decision in the renderer; the job-id check here is a second guard for the
 * life of the process.
 */
export interface PrintRequest {
  jobId: string;
  model: LabelModel;
  copies: number;
  reprintOf?: string | undefined;
  reprintReason?: string | undefined;
}

/**
 * `done`: printed. `held`: nothing was sent (printer not ready); the job stays
 * queued and may be sent again. `failed`: bytes went out but printing was not
 * confirmed; the label may exist, so only a reprint with a reason may follow.
 */
export interface PrintOutcome {
  jobId: string;
  outcome: 'done' | 'held' | 'failed';
  reason?: CodedError;
  status: PrinterStatus;
}

export interface PrinterService {
  print(request: PrintRequest): Promise<PrintOutcome>;
  status(): Promise<PrinterStatus>;
  onStatus(listener: (status: PrinterStatus) => void): () => void;
  start(): void;
  stop(): void;
}

export interface PrinterServiceOptions {
  driver: PrinterDriver | null;
  now?: () => Date;
  /** Background status polling; 0 = only around jobs and on request. */
  pollMs?: number;
}

const NOT_CONFIGURED: PrinterStatus = { state: 'not-configured', message: 'no label printer configured (TAKT_PRINTER)' };

export function printerDriverFromConfig(printer: string, baudRate: number): PrinterDriver | null {
  const target = parsePrinterTarget(printer);
  if (!target) return null;
  const link = target.kind === 'tcp' ? createTcpLink({ host: target.host, port: target.port }) : createSerialLink({ path: target.path, baudRate });
  return createPrinterDriver({ link });
}

export function createPrinterService(options: PrinterServiceOptions): PrinterService {
  const { driver } = options;
  const now = options.now ?? (() => new Date());
  const listeners = new Set<(status: PrinterStatus) => void>();
  const printed = new Set<string>();
  let current: PrinterStatus = driver ? { state: 'offline', printer: driver.target, message: 'not checked yet' } : NOT_CONFIGURED;
  let timer: ReturnType<typeof setInterval> | undefined;

  function publish(status: PrinterStatus): PrinterStatus {
    const changed = status.state !== current.state || status.code !== current.code || status.message !== current.message;
    current = status;
    if (changed) for (const l of listeners) l(status);
    return status;
  }

  function fromError(err: unknown): PrinterStatus {
    // Anything without a code of the closed set (a socket's own error) means the printer is not reachable.
    const { code, message } = toCodedError(err, 'printer-offline');
    const state = code === 'printer-offline' || code === 'printer-timeout' ? 'offline' : 'error';
    return { state, printer: driver?.target, code, message, checkedAt: now().toISOString() };
  }

  async function status(): Promise<PrinterStatus> {
    if (!driver) return NOT_CONFIGURED;
    try {
      const host = await driver.status();
      const blocked = blockingCondition(host);
      return publish({
        state: blocked ? 'error' : 'ready',
        printer: driver.target,
        ...(blocked ? { code: blocked.code, message: blocked.message } : {}),
        host,
        checkedAt: now().toISOString(),
      });
    } catch (err) {
      return publish(fromError(err));
    }
  }

  return {
    async print(request) {
      if (!driver) throw new HostError('printer-not-configured', NOT_CONFIGURED.message ?? 'no printer');
      if (printed.has(request.jobId)) throw new HostError('print-duplicate', `print job ${request.jobId} was already sent; print again only as a reprint with a reason`);
      if (request.reprintOf !== undefined && !request.reprintReason?.trim()) throw new HostError('print-reprint-reason-missing', 'a reprint needs a reason');
      const zpl = compileZpl(request.model, { copies: request.copies });
      if (!zpl.ok) throw new HostError(zpl.error.code, zpl.error.message);
      try {
        const { after } = await driver.print(zpl.value);
        printed.add(request.jobId);
        const status = publish({ state: 'ready', printer: driver.target, host: after, checkedAt: now().toISOString() });
        return { jobId: request.jobId, outcome: 'done', status };
      } catch (err) {
        const status = publish(fromError(err));
        const reason = { code: status.code ?? 'printer-offline', message: status.message ?? 'printer error' };
        // Once bytes went out the label may exist: the id is spent, only a reprint may follow.
        const sent = !(err instanceof PrintError) || err.sent;
        if (sent) printed.add(request.jobId);
        return { jobId: request.jobId, outcome: sent ? 'failed' : 'held', reason, status };
      }
    },
    status,
    onStatus(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    start() {
      if (!driver || !options.pollMs || timer) return;
      void status();
      timer = setInterval(() => void status(), options.pollMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
