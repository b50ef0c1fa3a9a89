import type { FastifyInstance } from 'fastify';
import { TerminalReport, type TerminalReportResponse } from '../../shared/terminal-report';
import { terminalOf } from '../auth';
import { storeTerminalReport } from '../fleet/terminal-status';
import { describeIssues, sendError } from '../http/errors';
import type { RouteDeps } from './deps';

/**
 * POST /api/v1/sync/status: a terminal reports its own state (version,
 * unsynced events, devices, storage, last error) for the terminals page.
 * The record written is always the token's terminal's; a body naming
 * another terminal is refused.
 */
export function registerSyncStatusRoute(app: FastifyInstance, { db }: RouteDeps): void {
  app.post('/api/v1/sync/status', { config: { auth: 'terminal' }, bodyLimit: 16 * 1024 }, async (request, reply) => {
    const parsed = TerminalReport.safeParse(request.body);
    if (!parsed.success) return sendError(reply, 'bad-request', describeIssues(parsed.error));
    const caller = terminalOf(request);
    if (parsed.data.terminalId !== undefined && parsed.data.terminalId !== caller.terminalId) {
      return sendError(reply, 'forbidden', `terminal ${caller.terminalId} may not report the status of terminal ${parsed.data.terminalId}`);
    }
    const receivedAt = new Date().toISOString();
    await storeTerminalReport(db, caller.terminalId, parsed.data, receivedAt);
    const response: TerminalReportResponse = { receivedAt };
    return response;
  });
}
