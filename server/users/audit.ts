import type { FastifyInstance, FastifyRequest } from 'fastify';
import { newId } from '../../shared/ids';
import type { Db } from '../db/schema';

/**
 * The audit log: every write by a person (web session) or an integration
 * (admin token) is recorded after it is answered, with who, what, when and
 * the status, so refused attempts show too. Terminals' writes are not here:
 * each of their events is itself a record naming terminal and operator.
 * A route may name its action and add context (a block's reason) through
 * `request.audit`; without it the action is the method and route pattern.
 */

export interface AuditNote {
  action?: string;
  target?: string;
  detail?: Record<string, unknown>;
  /** For routes without a principal (a login): who the request claims to be. */
  actor?: { kind: string; name: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    audit: AuditNote | null;
  }
  interface FastifyContextConfig {
    /** The action's name in the audit log, for refused attempts too (the handler never ran). */
    action?: string;
  }
}

export interface AuditEntry {
  id: string;
  at: string;
  actorKind: string;
  actor: string;
  action: string;
  target: string | null;
  status: number;
  detail: Record<string, unknown> | null;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function installAuditLog(app: FastifyInstance, db: Db): void {
  app.decorateRequest('audit', null);
  app.addHook('onResponse', async (request, reply) => {
    if (!WRITE_METHODS.has(request.method)) return;
    const actor = actorOf(request);
    if (!actor) return;
    const note = request.audit ?? {};
    try {
      await db
        .insertInto('audit_log')
        .values({
          id: newId(),
          at: new Date().toISOString(),
          actor_kind: actor.kind,
          actor: actor.name,
          action: note.action ?? request.routeOptions.config.action ?? `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`,
          target: note.target ?? request.url.split('?')[0] ?? null,
          status: reply.statusCode,
          detail: note.detail ? JSON.stringify(note.detail) : null,
        })
        .execute();
    } catch (err) {
      // The write itself is done and answered; a lost audit line must at least reach the log.
      request.log.error({ err, action: note.action }, 'audit log write failed');
    }
  });
}

function actorOf(request: FastifyRequest): { kind: string; name: string } | undefined {
  const principal = request.principal;
  if (principal?.kind === 'user') return { kind: 'user', name: principal.username };
  if (principal?.kind === 'admin') return { kind: 'admin-token', name: principal.name };
  return request.audit?.actor;
}

export async function listAudit(db: Db, options: { limit: number; before?: string | undefined; actor?: string | undefined }): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .$if(options.before !== undefined, (qb) => qb.where('at', '<', options.before as string))
    .$if(options.actor !== undefined, (qb) => qb.where('actor', '=', options.actor as string))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorKind: r.actor_kind,
    actor: r.actor,
    action: r.action,
    target: r.target,
    status: Number(r.status),
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null,
  }));
}
