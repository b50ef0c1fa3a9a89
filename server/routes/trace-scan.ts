import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { classifyScan, parseBarcode } from '../../shared/barcode';
import { Material } from '../../shared/master-data';
import { describeIssues, sendError } from '../http/errors';
import type { RouteDeps } from './deps';

const Query = z.object({ code: z.string().min(1).max(8192) });

/**
 * GET /api/v1/trace/scan?code=…: what a scanned label names, read exactly as
 * a terminal reads it (the same parser, the plant's materials with their
 * GTINs and barcode rules): a batch of a material, a container or a serial.
 * The page then asks the matching trace route, so it shows what the API says.
 */
export function registerTraceScanRoute(app: FastifyInstance, { db }: RouteDeps): void {
  app.get('/api/v1/trace/scan', { config: { auth: 'admin', permission: 'trace.read' } }, async (request, reply) => {
    const query = Query.safeParse(request.query);
    if (!query.success) return sendError(reply, 'bad-request', describeIssues(query.error, 'query'));
    const rows = await db.selectFrom('master_data').select('data').where('kind', '=', 'material').where('deleted', '=', 0).execute();
    const materials = rows.flatMap((r) => {
      const parsed = Material.safeParse(JSON.parse(r.data ?? 'null'));
      return parsed.success ? [parsed.data] : [];
    });
    const scan = classifyScan(parseBarcode(query.data.code), { operators: [], orders: [], materials });
    if (scan.kind === 'material-batch') return { kind: 'batch', materialId: scan.materialId, batch: scan.batch };
    if (scan.kind === 'container') return { kind: 'container', id: scan.id };
    if (scan.kind === 'part-serial') return { kind: 'serial', serial: scan.serial };
    const reason = scan.kind === 'unknown' ? scan.reason : `the code names ${scan.kind === 'badge' ? 'a badge' : 'an order'}, not a batch, container or serial`;
    return sendError(reply, 'scan-unresolved', reason, 404);
  });
}
