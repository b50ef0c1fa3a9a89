import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events';
import { newId } from '../../shared/ids';
import { addUser } from '../../server/users/user-store';
import { seedCustomer } from './support/edi-customer';
import { bearer, createTestServer, errorCode, push, type TestServer } from './support/test-server';

/**
 * The deliveries and EDI page reads the archive and the shipments with a
 * person's session: every role may read, nobody without a session or with a
 * terminal's token may, and a shipment's summary says what it holds.
 */

const fixture = (name: string) => readFileSync(new URL(`../fixtures/edi/${name}`, import.meta.url), 'utf8');
const PASSWORD = 'Lager-Tor-7-offen';

const event = (seq: number, type: string, payload: Record<string, unknown>, orderId?: string): EventEnvelope => ({
  id: newId(),
  terminalId: 'T-SHIP',
  seq,
  type,
  occurredAt: new Date(Date.UTC(2025, 2, 3, 6, seq)).toISOString(),
  operatorId: 'OP-1',
  ...(orderId ? { orderId } : {}),
  payload,
  schemaVersion: 1,
});

describe('deliveries and EDI for the web pages', () => {
  let server: TestServer;
  let cookie: string;
  let terminalToken: string;
  beforeAll(async () => {
    server = await createTestServer();
    await seedCustomer(server.database.db);
    await server.addOrder('ORD-1', 'L1');
    terminalToken = await server.addTerminal('T-SHIP', 'L1');
    expect((await addUser(server.database.db, { username: 'gast', role: 'viewer', password: PASSWORD, displayName: 'Gast' })).ok).toBe(true);
    const login = await server.app.inject({ method: 'POST', url: '/api/v1/web/login', payload: { username: 'gast', password: PASSWORD } });
    cookie = /takt_session=[^;]+/.exec(String(login.headers['set-cookie']))?.[0] ?? '';
    expect(cookie).not.toBe('');
    const inbound = (payload: string) => server.app.inject({ method: 'POST', url: '/api/v1/edi/inbound', headers: { ...bearer(server.adminToken), 'content-type': 'application/edifact' }, payload });
    expect((await inbound(fixture('delfor-d96a.edi'))).json()).toMatchObject({ status: 'applied' });
    expect((await inbound("UNA:+.? 'UNB+UNOC:3+X+Y+250303:0600+R1'UNH+1+DELFOR:D:96A:UN'BGM+241+S1+9'")).statusCode).toBe(422);
    const items = [
      { containerId: 'C-1', materialId: 'M-HSG', customerPartNumber: 'A0004711', quantity: 500, batches: [{ materialId: 'M-RAW', batch: 'B-7' }] },
      { containerId: 'C-2', materialId: 'M-HSG', customerPartNumber: 'A0004711', quantity: 240, batches: [{ materialId: 'M-RAW', batch: 'B-7' }] },
    ];
    const pushed = await push(server.app, terminalToken, 'T-SHIP', [
      event(1, 'ShipmentDispatched', { shipmentId: 'SH-1', containerIds: ['C-1', 'C-2'], customerId: 'AWS000001', masterSscc: '340123450000000093', items }),
      event(2, 'ShipmentDispatched', { shipmentId: 'SH-OLD', containerIds: ['C-9'] }),
    ]);
    expect(pushed.statusCode).toBe(200);
  });
  afterAll(() => server.close());

  const asViewer = (url: string) => server.app.inject({ method: 'GET', url, headers: { cookie } });

  it('lets a viewer read the messages in and out, with the rejected one and its error', async () => {
    const res = await asViewer('/api/v1/edi/messages?direction=in');
    expect(res.statusCode).toBe(200);
    const messages = (res.json() as { messages: { status: string; format: string; error: string | null }[] }).messages;
    expect(messages.map((m) => m.status).sort()).toEqual(['applied', 'rejected']);
    expect(messages.find((m) => m.status === 'rejected')?.error).toBeTruthy();
    expect(messages.find((m) => m.status === 'applied')?.format).toMatch(/DELFOR/);
  });

  it('sums each shipment: containers and parts; a dispatch without detail says why', async () => {
    const res = await asViewer('/api/v1/edi/shipments');
    expect(res.statusCode).toBe(200);
    const shipments = (res.json() as { shipments: { shipment_id: string; containers: number; quantity: number; status: string; error: string | null; master_sscc: string | null }[] }).shipments;
    expect(shipments.find((s) => s.shipment_id === 'SH-1')).toMatchObject({ containers: 2, quantity: 740, master_sscc: '340123450000000093' });
    expect(shipments.find((s) => s.shipment_id === 'SH-OLD')).toMatchObject({ containers: 0, quantity: 0, status: 'no-detail', master_sscc: null });
    expect(shipments.find((s) => s.shipment_id === 'SH-OLD')?.error).toMatch(/customerId, items/);
  });

  it('refuses the pages to a caller without a session (401) and to a terminal (403)', async () => {
    for (const url of ['/api/v1/edi/messages', '/api/v1/edi/shipments', '/api/v1/edi/schedules']) {
      const anonymous = await server.app.inject({ method: 'GET', url });
      expect(anonymous.statusCode).toBe(401);
      const terminal = await server.app.inject({ method: 'GET', url, headers: bearer(terminalToken) });
      expect(terminal.statusCode).toBe(403);
      expect(errorCode(terminal)).toBeTruthy();
    }
  });
});
