import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { MasterKindName, type MasterKind } from '../../shared/master-data';
import { sendError } from '../http/errors';
import { deleteMaster, upsertMaster, type MasterInput } from '../master-data-store';
import type { RouteDeps } from './deps';

const Params = z.object({ kind: z.string(), id: z.string().min(1).max(200) });

/** PUT/DELETE /api/v1/master/:kind/:id: admin writes of master data, each under a new revision. */
export function registerMasterRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.put('/api/v1/master/:kind/:id', { config: { auth: 'admin' } }, async (request, reply) => {
    const target = parseTarget(request.params, reply);
    if (!target) return reply;
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendError(reply, 'bad-request', 'body must be a JSON object');
    const bodyId = (body as { id?: unknown }).id;
    if (bodyId !== undefined && bodyId !== target.id) return sendError(reply, 'bad-request', `body id ${String(bodyId)} does not match the path id ${target.id}`);
    const row = { ...body, id: target.id } as MasterInput<MasterKind>;
    const written = await upsertMaster(db, target.kind, row);
    if (!written.ok) return sendError(reply, written.error.code, written.error.message);
    return { kind: target.kind, id: target.id, ...written.value };
  });

  app.delete('/api/v1/master/:kind/:id', { config: { auth: 'admin' } }, async (request, reply) => {
    const target = parseTarget(request.params, reply);
    if (!target) return reply;
    const written = await deleteMaster(db, target.kind, target.id);
    if (!written.ok) return sendError(reply, written.error.code, written.error.message);
    return { kind: target.kind, id: target.id, deleted: true, ...written.value };
  });
}

function parseTarget(params: unknown, reply: FastifyReply): { kind: MasterKind; id: string } | undefined {
  const parsed = Params.safeParse(params);
  if (!parsed.success) {
    sendError(reply, 'bad-request', 'invalid path');
    return undefined;
  }
  const kind = MasterKindName.safeParse(parsed.data.kind);
  if (!kind.success) {
    sendError(reply, 'not-found', `unknown master-data kind ${parsed.data.kind} (known: ${MasterKindName.options.join(', ')})`);
    return undefined;
  }
  return { kind: kind.data, id: parsed.data.id };
}
