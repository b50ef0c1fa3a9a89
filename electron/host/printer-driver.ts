import { blockingCondition, hostStatusStrings, parseHostStatus, type HostStatus } from '../../shared/labels/host-status';
import { toCodedError, type ErrorCode } from '../../shared/errors';
import { HostError } from './coded-error';
import type { PrinterLink } from './printer-link';

/**
 * One printer behind a link. Every job is: ~HS before (refuse to send into a
 * printer that cannot print, so the job stays queued), the ZPL, then ~HS
 * until the batch is through (labels remaining 0, nothing in the buffer).
 * Exchanges are serialised: a status poll never interleaves with a job.
 */
export interface PrinterDriver {
  readonly target: string;
  status(): Promise<HostStatus>;
  /** Resolves once printed; throws HostError with `sent` telling whether bytes reached the printer. */
  print(zpl: string): Promise<{ before: HostStatus; after: HostStatus }>;
}

export interface PrinterDriverOptions {
  link: PrinterLink;
  /** How long to wait for the three ~HS strings. */
  statusTimeoutMs?: number;
  /** How long a job may take to come out before it counts as failed. */
  printTimeoutMs?: number;
  pollMs?: number;
}

export class PrintError extends HostError {
  constructor(
    code: ErrorCode,
    message: string,
    /** False: nothing was sent, the job may simply be tried again. True: it may have printed. */
    readonly sent: boolean,
  ) {
    super(code, message);
  }
}

export function createPrinterDriver(options: PrinterDriverOptions): PrinterDriver {
  const { link } = options;
  const statusTimeoutMs = options.statusTimeoutMs ?? 2000;
  const printTimeoutMs = options.printTimeoutMs ?? 30_000;
  const pollMs = options.pollMs ?? 200;
  let queue: Promise<unknown> = Promise.resolve();

  function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  }

  /** Sends ~HS and waits for three complete strings. Current firmware stays silent while media/ribbon out or head open. */
  function askStatus(): Promise<HostStatus> {
    return new Promise((resolve, reject) => {
      let text = '';
      const done = (fn: () => void) => {
        clearTimeout(timer);
        offData();
        offClose();
        fn();
      };
      const timer = setTimeout(
        () => done(() => reject(new HostError('printer-timeout', `printer ${link.target} did not answer the status request (~HS) within ${statusTimeoutMs} ms`))),
        statusTimeoutMs,
      );
      const offData = link.onData((chunk) => {
        text += chunk.toString('latin1');
        if (hostStatusStrings(text).length < 3) return;
        const status = parseHostStatus(text);
        done(() => (status ? resolve(status) : reject(new HostError('printer-timeout', `printer ${link.target} sent an unreadable status`))));
      });
      const offClose = link.onClose(() => done(() => reject(new HostError('printer-offline', `printer ${link.target} went away`))));
      link.write('~HS').catch((err: unknown) => done(() => reject(err)));
    });
  }

  async function withLink<T>(work: () => Promise<T>): Promise<T> {
    await link.open();
    try {
      return await work();
    } finally {
      await link.close();
    }
  }

  const fail = (err: unknown, sent: boolean): never => {
    // A link's own error (a socket's ECONNRESET) means the printer is not reachable; its code stays in the message.
    const { code, message } = toCodedError(err, 'printer-offline');
    throw new PrintError(code, message, sent);
  };

  return {
    target: link.target,
    status: () => exclusive(() => withLink(askStatus)),
    print: (zpl) =>
      exclusive(async () => {
        try {
          await link.open();
        } catch (err) {
          return fail(err, false);
        }
        try {
          let before: HostStatus;
          try {
            before = await askStatus();
          } catch (err) {
            return fail(err, false);
          }
          const blocked = blockingCondition(before);
          if (blocked) throw new PrintError(blocked.code, blocked.message, false);
          try {
            await link.write(zpl);
          } catch (err) {
            return fail(err, true);
          }
          const deadline = Date.now() + printTimeoutMs;
          for (;;) {
            let after: HostStatus;
            try {
              after = await askStatus();
            } catch (err) {
              return fail(err, true);
            }
            const problem = blockingCondition(after);
            if (problem) throw new PrintError(problem.code, `${problem.message} (after the label was sent: check it before reprinting)`, true);
            if (after.labelsRemaining === 0 && after.formatsInBuffer === 0 && !after.partialFormat) return { before, after };
            if (Date.now() > deadline) throw new PrintError('printer-timeout', `printer ${link.target} did not finish the job within ${printTimeoutMs} ms`, true);
            await new Promise((r) => setTimeout(r, pollMs));
          }
        } finally {
          await link.close();
        }
      }),
  };
}
