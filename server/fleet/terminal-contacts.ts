import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/schema';
import { reportedStatuses, type ReportedStatus } from './terminal-status';

/**
 * Each terminal's last contact with the server, for the terminals page: set
 * by every request a terminal authenticates (push, pull, the notify long
 * poll every 25 s), with its app version when it sends X-Takt-Version, and
 * the last request the server refused it with the reason. A write at most
 * every CONTACT_WRITE_EVERY_MS per terminal unless something changed, so a
 * fleet's polling does not become a write stream.
 */

export const CONTACT_WRITE_EVERY_MS = 30_000;
export const VERSION_HEADER = 'x-takt-version';

declare module 'fastify' {
  interface FastifyRequest {
    /** The error message this request was answered with, for a terminal's last error. */
    errorMessage: string | null;
  }
}

export function installTerminalContacts(app: FastifyInstance, db: Db): void {
  const lastWrite = new Map<string, { at: number; version: string | null }>();
  app.decorateRequest('errorMessage', null);
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.principal?.kind === 'terminal' && reply.statusCode >= 400 && typeof payload === 'string') {
      const message = (JSON.parse(payload) as { error?: { message?: unknown } } | null)?.error?.message;
      request.errorMessage = typeof message === 'string' ? message.slice(0, 500) : null;
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const principal = request.principal;
    if (principal?.kind !== 'terminal') return;
    const header = request.headers[VERSION_HEADER];
    const version = typeof header === 'string' && /^[\w.+-]{1,40}$/.test(header) ? header : null;
    const now = Date.now();
    const seen = lastWrite.get(principal.terminalId);
    const failed = reply.statusCode >= 400;
    if (!failed && seen && now - seen.at < CONTACT_WRITE_EVERY_MS && seen.version === version) return;
    lastWrite.set(principal.terminalId, { at: now, version });
    const at = new Date(now).toISOString();
    const route = `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
    const error = failed ? { last_error_at: at, last_error: `${reply.statusCode}: ${request.errorMessage ?? 'refused'}` } : {};
    try {
      await db
        .insertInto('terminal_contacts')
        .values({ terminal_id: principal.terminalId, last_contact_at: at, last_route: route, app_version: version, last_error_at: null, last_error: null, ...error })
        // The hook runs after the reply, so two requests' writes can land out of order: an older contact never overwrites a newer one.
        .onConflict((oc) =>
          oc
            .column('terminal_id')
            .doUpdateSet({ last_contact_at: at, last_route: route, ...(version ? { app_version: version } : {}), ...error })
            .where('terminal_contacts.last_contact_at', '<=', at),
        )
        .execute();
    } catch (err) {
      request.log.warn({ err }, 'terminal contact not recorded');
    }
  });
}

export interface FleetTerminal {
  terminalId: string;
  lineId: string;
  name: string;
  lastContactAt: string | null;
  lastRoute: string | null;
  appVersion: string | null;
  /** The highest seq the server holds without a gap, and when that event happened on the terminal. */
  lastSeq: number;
  lastEventAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  silent: boolean;
  /** What the terminal last reported about itself (POST /api/v1/sync/status); null before its first report. */
  reported: ReportedStatus | null;
}

export async function listFleet(db: Db, silentAfterMinutes: number, now = new Date()): Promise<FleetTerminal[]> {
  const rows = await db
    .selectFrom('terminals')
    .leftJoin('terminal_contacts', 'terminal_contacts.terminal_id', 'terminals.id')
    .select(['terminals.id', 'terminals.line_id', 'terminals.name', 'terminals.last_seq', 'last_contact_at', 'last_route', 'app_version', 'last_error_at', 'last_error'])
    .orderBy('terminals.line_id')
    .orderBy('terminals.id')
    .execute();
  const silentBefore = new Date(now.getTime() - silentAfterMinutes * 60_000).toISOString();
  const reports = await reportedStatuses(db);
  const out: FleetTerminal[] = [];
  for (const r of rows) {
    const lastSeq = Number(r.last_seq);
    const last = lastSeq > 0 ? await db.selectFrom('events').select('occurred_at').where('terminal_id', '=', r.id).where('seq', '=', lastSeq).executeTakeFirst() : undefined;
    out.push({
      terminalId: r.id,
      lineId: r.line_id,
      name: r.name,
      lastContactAt: r.last_contact_at ?? null,
      lastRoute: r.last_route ?? null,
      appVersion: r.app_version ?? reports.get(r.id)?.appVersion ?? null,
      lastSeq,
      lastEventAt: last?.occurred_at ?? null,
      lastErrorAt: r.last_error_at ?? null,
      lastError: r.last_error ?? null,
      silent: !r.last_contact_at || r.last_contact_at < silentBefore,
      reported: reports.get(r.id) ?? null,
    });
  }
  return out;
}
