import type { z } from 'zod';
import type { EventEnvelope } from '../../shared/events';
import { ErrorBody, NotifyResponse, PullResponse, PushResponse } from '../../shared/sync-protocol';
import { APP_VERSION, TerminalReportResponse, type TerminalReport } from '../../shared/terminal-report';
import { HostError } from './coded-error';

/**
 * HTTP to the central server (DESIGN §5). The host holds the terminal token,
 * so credentials never reach the renderer. Every failure becomes a HostError
 * with a stable code the sync worker can act on.
 */

export interface ServerTransportOptions {
  serverUrl: string;
  terminalId: string;
  token: string;
  /** The app's version, sent as X-Takt-Version on every request (the terminals page shows it). */
  version?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface ServerTransport {
  push(events: EventEnvelope[]): Promise<PushResponse>;
  pull(after: number, limit: number): Promise<PullResponse>;
  /** Long poll: answers when the line has a revision above `since`, or after `waitSeconds` with `changed: false`. */
  notify(since: number, waitSeconds: number, signal?: AbortSignal): Promise<NotifyResponse>;
  /** The terminal's own state for the terminals page. */
  status(report: TerminalReport): Promise<TerminalReportResponse>;
}

/** Beyond the server's own wait, how long a notify request may take before it counts as lost. */
const NOTIFY_GRACE_MS = 10_000;

export function createServerTransport(options: ServerTransportOptions): ServerTransport {
  const { terminalId, token } = options;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const doFetch = options.fetch ?? globalThis.fetch;
  const base = options.serverUrl.replace(/\/+$/, '');
  const versionHeader: Record<string, string> = options.version && APP_VERSION.test(options.version) ? { 'x-takt-version': options.version } : {};

  async function request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
    call: { timeoutMs?: number; signal?: AbortSignal | undefined } = {},
  ): Promise<z.output<S>> {
    const limitMs = call.timeoutMs ?? timeoutMs;
    if (!token) throw new HostError('unauthorized', 'This terminal has no token yet (TAKT_TERMINAL_TOKEN or terminal.json)');
    const url = `${base}${path}`;
    let response: Response;
    let text: string;
    try {
      // One signal for the whole exchange, so a server that stalls mid-body also times out.
      const timeout = AbortSignal.timeout(limitMs);
      const signal = call.signal ? AbortSignal.any([timeout, call.signal]) : timeout;
      response = await doFetch(url, {
        method,
        signal,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...versionHeader,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      text = await response.text();
    } catch (err) {
      throw networkError(err, method, url, limitMs);
    }
    if (!response.ok) throw statusError(response.status, text, method, path);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HostError('server-error', `${method} ${path}: the server answered ${response.status} with no valid JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).slice(0, 3).join('; ');
      throw new HostError('server-error', `${method} ${path}: unexpected answer from the server (${detail})`);
    }
    return parsed.data;
  }

  return {
    push: (events) => request('POST', '/api/v1/sync/push', PushResponse, { terminalId, events }),
    pull: (after, limit) => {
      const query = new URLSearchParams({ after: String(after), limit: String(limit) });
      return request('GET', `/api/v1/sync/pull?${query}`, PullResponse);
    },
    notify: (since, waitSeconds, signal) => {
      const query = new URLSearchParams({ since: String(since), wait: String(waitSeconds) });
      return request('GET', `/api/v1/sync/notify?${query}`, NotifyResponse, undefined, { timeoutMs: waitSeconds * 1000 + NOTIFY_GRACE_MS, signal });
    },
    status: (report) => request('POST', '/api/v1/sync/status', TerminalReportResponse, { ...report, terminalId }),
  };
}

function networkError(err: unknown, method: string, url: string, timeoutMs: number): HostError {
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new HostError('timeout', `${method} ${url}: no answer within ${timeoutMs} ms`, { cause: err });
  }
  // undici reports refused/reset/DNS failures as TypeError('fetch failed') with the cause attached.
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const detail = typeof cause?.code === 'string' ? cause.code : err instanceof Error ? err.message : String(err);
  return new HostError('server-unreachable', `${method} ${url}: server unreachable (${detail})`, { cause: err });
}

function statusError(status: number, text: string, method: string, path: string): HostError {
  const server = serverError(text);
  const said = server ? `: ${server.message}` : '';
  if (status === 401) return new HostError('unauthorized', `The server did not accept this terminal's token${said}`);
  if (status === 403) return new HostError('forbidden', `The server refused ${method} ${path}${said}`);
  if (status >= 400 && status < 500) {
    // Keep the server's own code first in the message so the sync worker can tell
    // e.g. payload-too-large from rate-limited; the bridge carries only code + message.
    const code = server?.code ?? `http-${status}`;
    return new HostError('server-rejected', `${code}: ${server?.message ?? `${method} ${path} answered ${status}`}`);
  }
  // The server is up but its database is not: same retry, but say so on the status screen.
  if (status === 503 && server?.code === 'database-unavailable') return new HostError('database-unavailable', `${method} ${path}: the server's database is unavailable${said}`);
  return new HostError('server-error', `${method} ${path}: server error ${status}${said}`);
}

function serverError(text: string): { code: string; message: string } | undefined {
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}
