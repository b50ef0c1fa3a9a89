import type { CallName } from '../../../shared/bridge';
import { toCodedError, type Result } from '../../../shared/errors';
import { openJournalCopy, type JournalCopy } from '../../../electron/host/journal-copy';
import type { FakeBridge } from './fake-bridge';

/**
 * The host's real journal copy (SQLite, here in memory unless a file is
 * given) behind a FakeBridge's `journal:*` calls, so boot and the journal
 * meet the same service the host runs. Opened at the first call.
 */
export function serveJournalCopy(bridge: FakeBridge, open: () => JournalCopy = () => openJournalCopy(':memory:', () => undefined)): { copy(): JournalCopy } {
  let copy: JournalCopy | null = null;
  const get = () => (copy ??= open());
  const wrap =
    <T>(fn: (request: never) => T) =>
    (request: unknown): Result<T> => {
      try {
        return { ok: true, value: fn(request as never) };
      } catch (err) {
        return { ok: false, error: toCodedError(err) };
      }
    };
  const handlers: [CallName, (request: unknown) => Result<unknown>][] = [
    ['journal:head', wrap(() => get().head())],
    ['journal:append', wrap((r: { events: never[]; state?: Record<string, unknown>; printJobs?: { id: string }[] }) => get().append(r.events, r.state, r.printJobs))],
    ['journal:read', wrap((r: { after: number; limit: number }) => ({ events: get().read(r.after, r.limit) }))],
    ['journal:side', wrap(() => get().side())],
    ['journal:print-jobs', wrap((r: { after: string; limit: number }) => ({ jobs: get().printJobs(r.after, r.limit) }))],
    ['journal:mirror', wrap((r: never) => get().mirror(r))],
  ];
  for (const [channel, handler] of handlers) bridge.handle(channel, handler as never);
  return { copy: get };
}
