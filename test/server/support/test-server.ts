import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { newId } from '../../../shared/ids';
import type { EventEnvelope } from '../../../shared/events';
import { buildServer } from '../../../server/app';
import { issueAdminToken, registerTerminal } from '../../../server/credentials-store';
import { upsertMaster } from '../../../server/master-data-store';
import { createTestDatabase, type TestDatabase } from './test-database';

/** A server on a fresh database with one admin token, driven through `app.inject`. */
export interface TestServer {
  app: FastifyInstance;
  database: TestDatabase;
  adminToken: string;
  addTerminal(id: string, lineId: string): Promise<string>;
  /** A released order of `lineId` in master data: the server projects only bookings on orders of the terminal's line. */
  addOrder(id: string, lineId: string): Promise<void>;
  close(): Promise<void>;
}

export async function createTestServer(): Promise<TestServer> {
  const database = await createTestDatabase();
  const app = buildServer({ db: database.db, dialect: database.dialect, listen: database.listen });
  await app.ready();
  const admin = await issueAdminToken(database.db, 'test admin');
  return {
    app,
    database,
    adminToken: admin.token,
    addTerminal: async (id, lineId) => (await registerTerminal(database.db, { id, lineId })).token,
    addOrder: (id, lineId) => addOrder(database.db, id, lineId),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export async function addOrder(db: TestDatabase['db'], id: string, lineId: string): Promise<void> {
  const written = await upsertMaster(db, 'order', { id, number: id, lineId, materialId: 'M-1', quantity: 10, dueDate: '2025-01-06', status: 'released' });
  if (!written.ok) throw new Error(written.error.message);
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** A valid, known event (OperatorLoggedOut: the smallest payload). */
export function makeEvent(terminalId: string, seq: number, overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    id: newId(),
    terminalId,
    seq,
    type: 'OperatorLoggedOut',
    occurredAt: new Date(Date.UTC(2025, 0, 6, 6, 0, seq)).toISOString(),
    payload: { reason: 'manual' },
    schemaVersion: 1,
    ...overrides,
  };
}

export function push(app: FastifyInstance, token: string, terminalId: string, events: EventEnvelope[]): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: bearer(token), payload: { terminalId, events } });
}

export function errorCode(res: LightMyRequestResponse): string | undefined {
  return (res.json() as { error?: { code?: string } }).error?.code;
}
