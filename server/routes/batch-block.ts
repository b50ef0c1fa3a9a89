import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeIssues, sendError } from '../http/errors';
import { inTransaction } from '../db/transaction';
import { deleteMaster, upsertMaster } from '../master-data-store';
import type { Db } from '../db/schema';
import type { RouteDeps } from './deps';

const Body = z.object({
  materialId: z.string().trim().min(1).max(100),
  batch: z.string().trim().min(1).max(100),
  reason: z.string().trim().min(1).max(500),
});

/**
 * Block or release a batch by material and batch, with a reason. Both write
 * the `blocked-batch` master rows exactly as `takt import blocked-batch` or
 * the master route do, so the live notify carries the change to the line's
 * terminals within seconds. The reason of a release is kept in the audit log.
 */
export function registerBatchBlockRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.post('/api/v1/batches/block', { config: { auth: 'admin', permission: 'batch.block', action: 'batch.block' } }, async (request, reply) => {
    const body = Body.safeParse(request.body);
    if (!body.success) return sendError(reply, 'bad-request', describeIssues(body.error));
    const { materialId, batch, reason } = body.data;
    request.audit = { target: `${materialId} / ${batch}`, detail: { materialId, batch, reason } };
    const existing = await blockedIds(db, materialId, batch);
    const id = existing[0] ?? `BB-${materialId}-${batch}`;
    const written = await upsertMaster(db, 'blocked-batch', { id, materialId, batch, reason });
    if (!written.ok) return sendError(reply, written.error.code, written.error.message);
    return { materialId, batch, blocked: true, id, rev: written.value.rev };
  });

  app.post('/api/v1/batches/release', { config: { auth: 'admin', permission: 'batch.block', action: 'batch.release' } }, async (request, reply) => {
    const body = Body.safeParse(request.body);
    if (!body.success) return sendError(reply, 'bad-request', describeIssues(body.error));
    const { materialId, batch, reason } = body.data;
    request.audit = { target: `${materialId} / ${batch}`, detail: { materialId, batch, reason } };
    const released = await inTransaction(db, async (trx) => {
      const ids = await blockedIds(trx, materialId, batch);
      for (const id of ids) {
        const written = await deleteMaster(trx, 'blocked-batch', id);
        if (!written.ok) throw new Error(written.error.message);
      }
      return ids;
    });
    if (released.length === 0) return sendError(reply, 'not-found', `batch ${batch} of material ${materialId} is not blocked`);
    return { materialId, batch, blocked: false, released };
  });
}

/** Every blocked-batch row for this batch: an import may have written it under an id of its own. */
async function blockedIds(db: Db, materialId: string, batch: string): Promise<string[]> {
  const rows = await db.selectFrom('blocked_batches').select('master_id').where('material_id', '=', materialId).where('batch', '=', batch).orderBy('master_id').execute();
  return rows.map((r) => r.master_id);
}
