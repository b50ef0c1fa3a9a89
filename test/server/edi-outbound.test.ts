import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDesadv } from '../../shared/edi/messages/desadv-read';
import { writeOutbox } from '../../server/edi/outbox';
import { packageNumberOf } from '../../shared/labels/container-label';
import { seedCustomer } from './support/edi-customer';
import { bearer, createTestServer, makeEvent, push, type TestServer } from './support/test-server';

const { Reader } = createRequire(import.meta.url)('edifact') as { Reader: new () => { parse(text: string): unknown[] } };
const fixture = (name: string) => readFileSync(new URL(`../fixtures/edi/${name}`, import.meta.url), 'utf8');

const dispatched = (seq: number, shipmentId: string, note: string, quantity: number) =>
  makeEvent('T-SHIP', seq, {
    type: 'ShipmentDispatched',
    occurredAt: `2025-03-03T09:${String(seq).padStart(2, '0')}:00.000Z`,
    payload: {
      shipmentId,
      containerIds: [`C-${seq}`],
      customer: 'Autowerk Süd',
      customerId: 'AWS000001',
      deliveryNoteNumber: note,
      items: [{ containerId: `C-${seq}`, sscc: '340123450000000017', materialId: 'M-HSG', customerPartNumber: 'A0004711', quantity, batches: [{ materialId: 'M-RAW', batch: 'B-7' }] }],
    },
  });

/** C-1 (480) and C-2 (48) housings packed and closed on line L1: the record the dispatches are checked against. */
const packed = () =>
  [['C-1', 480], ['C-2', 48]].flatMap(([containerId, quantity], i) => [
    makeEvent('T-PACK', i * 3 + 1, { type: 'ContainerOpened', payload: { containerId, materialId: 'M-HSG' } }),
    makeEvent('T-PACK', i * 3 + 2, { type: 'PartPacked', orderId: 'ORD-1', payload: { containerId, quantity } }),
    makeEvent('T-PACK', i * 3 + 3, { type: 'ContainerClosed', payload: { containerId } }),
  ]);

describe('outbound EDI from ShipmentDispatched', () => {
  let server: TestServer;
  let outbox: string;
  let terminalToken: string;
  beforeEach(async () => {
    server = await createTestServer();
    await seedCustomer(server.database.db);
    terminalToken = await server.addTerminal('T-SHIP', 'L1');
    await server.addOrder('ORD-1', 'L1');
    expect((await push(server.app, await server.addTerminal('T-PACK', 'L1'), 'T-PACK', packed())).statusCode).toBe(200);
    outbox = mkdtempSync(join(tmpdir(), 'takt-outbox-'));
  });
  afterEach(async () => {
    await server.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const api = (method: 'GET' | 'POST', url: string, payload?: string) =>
    server.app.inject({ method, url, headers: { ...bearer(server.adminToken), ...(payload ? { 'content-type': 'application/edifact' } : {}) }, ...(payload ? { payload } : {}) });

  it('writes DESADV (D.96A, Global D.07A) and VDA 4913 that name the shipment, and counts it against the schedule', async () => {
    expect((await api('POST', '/api/v1/edi/inbound', fixture('delfor-d96a.edi'))).json()).toMatchObject({ status: 'applied' });
    // 12345 is the customer's last booked note: ours after it is in transit.
    expect((await push(server.app, terminalToken, 'T-SHIP', [dispatched(1, 'SH-1', '12345', 480), dispatched(2, 'SH-2', '12346', 48)])).statusCode).toBe(200);
    const written = await writeOutbox(server.database.db, { outboxDir: outbox, now: () => new Date('2025-03-03T09:10:00Z') });
    expect(written.map((w) => [w.shipmentId, w.status, w.files.length])).toEqual([
      ['SH-1', 'written', 3],
      ['SH-2', 'written', 3],
    ]);
    expect(readdirSync(outbox).sort()).toContain('AWS000001-12346-DESADV-GLOBAL-D07A.edi');
    for (const name of ['AWS000001-12346-DESADV-D96A.edi', 'AWS000001-12346-DESADV-GLOBAL-D07A.edi']) {
      const text = readFileSync(join(outbox, name), 'utf8');
      const read = parseDesadv(text);
      expect(read.ok && read.value).toMatchObject({ deliveryNoteNumber: '12346', supplier: '47110815', customer: 'AWS000001', unloadingPoint: 'Tor 3', packages: [{ label: packageNumberOf('C-2'), sscc: '340123450000000017', customerPartNumber: 'A0004711', quantity: 48, batches: ['B-7'] }] });
      expect(() => new Reader().parse(text)).not.toThrow();
    }
    expect(readFileSync(join(outbox, 'AWS000001-12346-VDA4913.vda'), 'utf8')).toMatch(/^711/);
    // Nothing is written twice.
    expect(await writeOutbox(server.database.db, { outboxDir: outbox })).toEqual([]);
    const schedules = (await api('GET', '/api/v1/edi/schedules?customer=AWS000001')).json() as { schedules: { customerPartNumber: string; shippedSince: number; cumulativeExpected: number }[] };
    expect(schedules.schedules[0]).toMatchObject({ customerPartNumber: 'A0004711', shippedSince: 528, cumulativeExpected: 12480 + 528 });
    const out = (await api('GET', '/api/v1/edi/messages?direction=out')).json() as { messages: { format: string }[] };
    expect(out.messages.map((m) => m.format).sort()).toEqual(['DESADV-D96A', 'DESADV-D96A', 'DESADV-GLOBAL-D07A', 'DESADV-GLOBAL-D07A', 'VDA4913', 'VDA4913']);
    // A new schedule naming 12345 as the last note received counts only what came after it.
    const next = fixture('delfor-d96a.edi').replaceAll('DF000123', 'DF000124');
    expect((await api('POST', '/api/v1/edi/inbound', next)).json()).toMatchObject({ status: 'applied', effect: { parts: [{ customerPartNumber: 'A0004711', shippedSince: 48 }, { customerPartNumber: 'A0004712', shippedSince: 0 }] } });
  });

  it('keeps a dispatch without delivery detail, saying why no DESADV was written', async () => {
    await push(server.app, terminalToken, 'T-SHIP', [makeEvent('T-SHIP', 1, { type: 'ShipmentDispatched', payload: { shipmentId: 'SH-OLD', containerIds: ['C-1'] } })]);
    expect(await writeOutbox(server.database.db, { outboxDir: outbox })).toEqual([]);
    const shipments = (await api('GET', '/api/v1/edi/shipments')).json() as { shipments: { status: string; error: string }[] };
    expect(shipments.shipments[0]).toMatchObject({ status: 'no-detail', error: expect.stringContaining('customerId, items') });
  });

  it('answers an unreadable message with 422, the error and the APERAK; needs a token', async () => {
    const res = await api('POST', '/api/v1/edi/inbound', 'UNB+UNOC:3+A+B+250101:0000+R1\'UNH+1+DELFOR:D:96A:UN\'');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ status: 'rejected', error: { code: 'edi-no-unt' }, answer: expect.stringContaining('APERAK') });
    const anonymous = await server.app.inject({ method: 'POST', url: '/api/v1/edi/inbound', payload: 'x', headers: { 'content-type': 'text/plain' } });
    expect(anonymous.statusCode).toBe(401);
  });
});
