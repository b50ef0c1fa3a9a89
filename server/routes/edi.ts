import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listSchedules } from '../edi/apply-schedule';
import { receiveEdi } from '../edi/inbound';
import { getMessage, listMessages, listShipments } from '../edi/store';
import { sendError } from '../http/errors';
import type { RouteDeps } from './deps';

/**
 * The EDI interface for gateways (admin or integration token) and the
 * plant's web pages (a session whose role may read EDI): POST a message as it arrived (the raw body, any of
 * the content types an AS2/OFTP2 gateway sends, or JSON `{ text, fileName }`),
 * read the archive, the delivery schedules and the shipments written out.
 */

const RAW_TYPES = ['text/plain', 'application/edifact', 'application/edi-x12', 'application/octet-stream', 'application/x-vda'];
const JsonBody = z.object({ text: z.string().min(1), fileName: z.string().max(255).optional() });
const ListQuery = z.object({ direction: z.enum(['in', 'out']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) });

export function registerEdiRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  app.addContentTypeParser(
    RAW_TYPES.filter((t) => t !== 'text/plain'),
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );
  const jisLineId = process.env.TAKT_EDI_JIS_LINE || undefined;

  app.post('/api/v1/edi/inbound', { config: { auth: 'admin' } }, async (request, reply) => {
    let text: string;
    let fileName: string | null = null;
    if (typeof request.body === 'string') text = request.body;
    else if (Buffer.isBuffer(request.body)) text = request.body.toString('utf8');
    else {
      const parsed = JsonBody.safeParse(request.body);
      if (!parsed.success) return sendError(reply, 'bad-request', 'send the message as the raw body (text/plain, application/edifact) or as JSON { text, fileName }');
      text = parsed.data.text;
      fileName = parsed.data.fileName ?? null;
    }
    const outcome = await receiveEdi(db, text, 'api', fileName, { jisLineId });
    // A message we keep but cannot apply is the sender's problem, said precisely: 422 with the APERAK.
    return reply.code(outcome.status === 'rejected' ? 422 : 200).send(outcome);
  });

  app.get('/api/v1/edi/messages', { config: { auth: 'admin', permission: 'edi.read' } }, async (request, reply) => {
    const q = ListQuery.safeParse(request.query);
    if (!q.success) return sendError(reply, 'bad-request', 'direction must be in or out, limit 1–1000');
    return { messages: await listMessages(db, q.data.direction, q.data.limit) };
  });

  app.get('/api/v1/edi/messages/:id', { config: { auth: 'admin', permission: 'edi.read' } }, async (request, reply) => {
    const message = await getMessage(db, (request.params as { id: string }).id);
    if (!message) return sendError(reply, 'not-found', 'no such EDI message');
    return message;
  });

  app.get('/api/v1/edi/schedules', { config: { auth: 'admin', permission: 'edi.read' } }, async (request) => {
    const customer = (request.query as { customer?: unknown }).customer;
    return { schedules: await listSchedules(db, typeof customer === 'string' ? customer : undefined) };
  });

  app.get('/api/v1/edi/shipments', { config: { auth: 'admin', permission: 'edi.read' } }, async () => {
    return { shipments: await listShipments(db) };
  });
}
