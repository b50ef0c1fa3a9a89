import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MasterKindName, type MasterKind } from '../../shared/master-data';
import { describeIssues, sendError } from '../http/errors';
import { importRows, parseImportFile, pinPolicyFromEnv, type ImportFailure } from '../import/import-master';
import { deleteMaster, getMaster } from '../master-data-store';
import { MASTER_EDIT_PERMISSIONS, mayDo, type EditableMasterKind } from '../users/roles';
import type { RouteDeps } from './deps';

/**
 * The master-data page's API. Every kind can be read; the kinds a plant
 * changes daily (MASTER_EDIT_PERMISSIONS) can be written row by row, each
 * under the permission the roles table gives it; any kind can be imported
 * as a file. Writes, single rows included, go through the import's own
 * validation (`importRows`), so the page refuses exactly what `takt import`
 * refuses, with the same row-numbered errors. PIN hashes never leave the
 * server: an operator row says `hasPin` instead.
 */

const DEFAULT_PAGE = 100;
const MAX_PAGE = 500;

const KindParam = z.object({ kind: z.string().max(100) });
const IdParam = z.object({ id: z.string().trim().min(1).max(200) });
const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
  /** The last id of the previous page. */
  after: z.string().max(200).optional(),
});
const ImportBody = z.object({ format: z.enum(['csv', 'json']), text: z.string().max(7 * 1024 * 1024) });

export function registerWebMasterRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const pins = pinPolicyFromEnv(process.env);

  app.get('/api/v1/web/master', { config: { auth: 'admin', permission: 'master.read' } }, async (request) => {
    const counts = await db.selectFrom('master_data').select(['kind', (eb) => eb.fn.countAll<number | string>().as('n')]).where('deleted', '=', 0).groupBy('kind').execute();
    const byKind = new Map(counts.map((c) => [c.kind, Number(c.n)]));
    return {
      kinds: MasterKindName.options.map((kind) => ({ kind, count: byKind.get(kind) ?? 0, editable: editableBy(request, kind) })),
    };
  });

  app.get('/api/v1/web/master/:kind', { config: { auth: 'admin', permission: 'master.read' } }, async (request, reply) => {
    const kind = parseKind(request.params, reply);
    if (!kind) return reply;
    const query = ListQuery.safeParse(request.query);
    if (!query.success) return sendError(reply, 'bad-request', describeIssues(query.error, 'query'));
    const { limit, after } = query.data;
    const rows = await db
      .selectFrom('master_data')
      .select(['id', 'rev', 'data'])
      .where('kind', '=', kind)
      .where('deleted', '=', 0)
      .$if(after !== undefined, (qb) => qb.where('id', '>', after as string))
      .orderBy('id')
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    return {
      kind,
      editable: editableBy(request, kind),
      rows: page.map((r) => ({ rev: Number(r.rev), data: forThePage(kind, JSON.parse(r.data ?? 'null') as Record<string, unknown>) })),
      next: rows.length > limit ? page.at(-1)?.id : undefined,
    };
  });

  for (const [kind, permission] of Object.entries(MASTER_EDIT_PERMISSIONS) as [EditableMasterKind, (typeof MASTER_EDIT_PERMISSIONS)[EditableMasterKind]][]) {
    const url = `/api/v1/web/master/${kind}/:id`;
    app.put(url, { config: { auth: 'admin', permission, action: 'master.edit' } }, async (request, reply) => {
      const id = parseId(request.params, reply);
      if (!id) return reply;
      const body = request.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendError(reply, 'bad-request', 'body must be a JSON object');
      const given = body as Record<string, unknown>;
      if (given.id !== undefined && given.id !== id) return sendError(reply, 'bad-request', `body id ${String(given.id)} does not match the path id ${id}`);
      if ('pinHash' in given) return sendError(reply, 'bad-request', 'pinHash: set a PIN with the pin field, never a hash');
      request.audit = { target: `${kind} ${id}`, detail: { kind, id, ...withoutPin(given), ...('pin' in given && given.pin !== '' ? { pin: 'changed' } : {}) } };
      const row: Record<string, unknown> = { ...given, id };
      if (kind === 'operator' && (row.pin === undefined || row.pin === '')) {
        // An edit that does not change the PIN keeps the one the operator has.
        delete row.pin;
        const existing = (await getMaster(db, 'operator', id)) as { pinHash?: string } | undefined;
        if (existing?.pinHash) row.pinHash = existing.pinHash;
      }
      const written = await importRows(db, kind, { rows: [{ row: 1, value: row }], errors: [] }, pins);
      if (!written.ok) return sendError(reply, 'bad-request', `${kind} ${id}: ${written.error.rows.map((e) => e.message).join('; ')}`);
      return { kind, id, changed: written.value.changed === 1 };
    });
    app.delete(url, { config: { auth: 'admin', permission, action: 'master.delete' } }, async (request, reply) => {
      const id = parseId(request.params, reply);
      if (!id) return reply;
      request.audit = { target: `${kind} ${id}`, detail: { kind, id } };
      const deleted = await deleteMaster(db, kind, id);
      if (!deleted.ok) return sendError(reply, deleted.error.code, deleted.error.message);
      return { kind, id, deleted: true };
    });
  }

  app.post('/api/v1/web/master/:kind/import', { config: { auth: 'admin', permission: 'master.import', action: 'master.import' } }, async (request, reply) => {
    const kind = parseKind(request.params, reply);
    if (!kind) return reply;
    const body = ImportBody.safeParse(request.body);
    if (!body.success) return sendError(reply, 'bad-request', describeIssues(body.error));
    const { format, text } = body.data;
    request.audit = { target: kind, detail: { kind, format, bytes: Buffer.byteLength(text) } };
    const outcome = await importRows(db, kind, parseImportFile(kind, text, format), pins);
    if (!outcome.ok) {
      request.audit.detail = { ...request.audit.detail, problems: outcome.error.rows.length };
      return refuseImport(reply, outcome.error);
    }
    request.audit.detail = { ...request.audit.detail, rows: outcome.value.rows, changed: outcome.value.changed };
    return outcome.value;
  });
}

/** The same `{ error }` body `takt import --json` prints, every bad row listed. */
function refuseImport(reply: FastifyReply, failure: ImportFailure): FastifyReply {
  return reply.code(400).type('application/json; charset=utf-8').send({ error: failure });
}

function editableBy(request: FastifyRequest, kind: MasterKind): boolean {
  const permission = (MASTER_EDIT_PERMISSIONS as Partial<Record<MasterKind, (typeof MASTER_EDIT_PERMISSIONS)[EditableMasterKind]>>)[kind];
  if (!permission) return false;
  const principal = request.principal;
  // An admin token passes every admin route, so it may edit too.
  return principal?.kind === 'admin' || (principal?.kind === 'user' && mayDo(principal.role, permission));
}

function forThePage(kind: MasterKind, data: Record<string, unknown>): Record<string, unknown> {
  if (kind !== 'operator') return data;
  const { pinHash, ...rest } = data;
  return { ...rest, hasPin: typeof pinHash === 'string' };
}

function withoutPin(row: Record<string, unknown>): Record<string, unknown> {
  const { pin: _pin, ...rest } = row;
  return rest;
}

function parseKind(params: unknown, reply: FastifyReply): MasterKind | undefined {
  const kind = MasterKindName.safeParse(KindParam.safeParse(params).data?.kind);
  if (kind.success) return kind.data;
  sendError(reply, 'not-found', `unknown master-data kind (known: ${MasterKindName.options.join(', ')})`);
  return undefined;
}

function parseId(params: unknown, reply: FastifyReply): string | undefined {
  const id = IdParam.safeParse(params);
  if (id.success) return id.data.id;
  sendError(reply, 'bad-request', 'invalid id in path');
  return undefined;
}
