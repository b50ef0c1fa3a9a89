import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { describeIssues, sendError } from '../http/errors';
import { traceContainer, traceSerial } from '../trace/backward';
import { traceDeliveryNote } from '../trace/delivery-note';
import { traceBatch } from '../trace/forward';
import type { RouteDeps } from './deps';

const Part = z.string().min(1).max(200);

/** Traceability for quality engineers and recalls (admin token): forward from a batch, backward from a container, serial or delivery note. */
export function registerTraceRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.get('/api/v1/trace/batch/:material/:batch', { config: { auth: 'admin', permission: 'trace.read' } }, async (request, reply) => {
    const params = z.object({ material: Part, batch: Part }).safeParse(request.params);
    if (!params.success) return sendError(reply, 'bad-request', describeIssues(params.error, 'path'));
    return traceBatch(db, params.data.material, params.data.batch);
  });

  app.get('/api/v1/trace/container/:id', { config: { auth: 'admin', permission: 'trace.read' } }, async (request, reply) => {
    const params = z.object({ id: Part }).safeParse(request.params);
    if (!params.success) return sendError(reply, 'bad-request', describeIssues(params.error, 'path'));
    const trace = await traceContainer(db, params.data.id);
    return trace ?? sendError(reply, 'not-found', `no container ${params.data.id} in the record`);
  });

  app.get('/api/v1/trace/serial/:serial', { config: { auth: 'admin', permission: 'trace.read' } }, async (request, reply) => {
    const params = z.object({ serial: Part }).safeParse(request.params);
    if (!params.success) return sendError(reply, 'bad-request', describeIssues(params.error, 'path'));
    const trace = await traceSerial(db, params.data.serial);
    return trace ?? sendError(reply, 'not-found', `no serial ${params.data.serial} in the record`);
  });

  app.get('/api/v1/trace/delivery-note/:note', { config: { auth: 'admin', permission: 'trace.read' } }, async (request, reply) => {
    const params = z.object({ note: Part }).safeParse(request.params);
    const query = z.object({ customer: Part.optional() }).safeParse(request.query);
    if (!params.success) return sendError(reply, 'bad-request', describeIssues(params.error, 'path'));
    if (!query.success) return sendError(reply, 'bad-request', describeIssues(query.error, 'query'));
    const trace = await traceDeliveryNote(db, params.data.note, query.data.customer);
    return trace ?? sendError(reply, 'not-found', `no delivery note ${params.data.note} in the record`);
  });
}
