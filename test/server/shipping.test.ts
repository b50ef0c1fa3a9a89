import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events';
import { parseDesadv } from '../../shared/edi/messages/desadv-read';
import { parseVda4913 } from '../../shared/edi/vda/vda4913-read';
import { writeOutbox } from '../../server/edi/outbox';
import { activeRows } from '../../server/edi/store';
import { CallOff } from '../../shared/master-data-shipping';
import { packageNumberOf } from '../../shared/labels/container-label';
import { upsertMaster } from '../../server/master-data-store';
import { build, type Spec } from './support/dock-events';
import { seedCustomer } from './support/edi-customer';
import { bearer, createTestServer, push, type TestServer } from './support/test-server';

/**
 * Shipping on the plant's record, on SQLite and (TAKT_TEST_DATABASE_URL)
 * PostgreSQL: a truck's dispatch is checked against what the record knows
 * of every container, allocated to the call-off firm-first by date, given a
 * delivery note, written out in the customer's format, and traced both ways.
 */

const fixture = (name: string) => readFileSync(new URL(`../fixtures/edi/${name}`, import.meta.url), 'utf8');
const HSG = 'A0004711';

const container = (minute: number, id: string, materialId: string, quantity: number, close = true): Spec[] => [
  [minute, 'ContainerOpened', undefined, { containerId: id, materialId }],
  [minute, 'PartPacked', 'ORD-1', { containerId: id, quantity }],
  ...(close ? [[minute, 'ContainerClosed', undefined, { containerId: id }] as Spec] : []),
];

/** Packing on line L1: batch B-7 in C-1, C-2, C-3 (left open), C-4 (a seat, not the housing), C-5 (put on hold); B-9 (blocked) in C-6. */
const production = (): EventEnvelope[] =>
  build('T-PACK', 1, [
    [0, 'OrderStarted', 'ORD-1', { orderNumber: 'ORD-1', materialId: 'M-HSG', quantity: 5000 }],
    [1, 'MaterialLoaded', 'ORD-1', { materialId: 'M-RAW', batch: 'B-7', supplier: 'Guss AG' }],
    ...container(2, 'C-1', 'M-HSG', 500),
    ...container(3, 'C-2', 'M-HSG', 500),
    ...container(4, 'C-3', 'M-HSG', 10, false),
    ...container(5, 'C-4', 'M-SEAT-A', 4),
    ...container(6, 'C-5', 'M-HSG', 48),
    [10, 'MaterialLoaded', 'ORD-1', { materialId: 'M-RAW', batch: 'B-9', supplier: 'Guss AG' }],
    ...container(11, 'C-6', 'M-HSG', 48),
  ]);

const item = (containerId: string, quantity: number, customerPartNumber = HSG) => ({ containerId, materialId: 'M-HSG', customerPartNumber, quantity, batches: [{ materialId: 'M-RAW', batch: 'B-7' }] });
const dispatch = (seq: number, shipmentId: string, items: ReturnType<typeof item>[], extra: Record<string, unknown> = {}) =>
  build('T-SHIP', seq, [[30 + seq, 'ShipmentDispatched', undefined, { shipmentId, containerIds: items.map((i) => i.containerId), customerId: 'AWS000001', items, ...extra }]]);

describe('shipping on the plant record', () => {
  let server: TestServer;
  let outbox: string;
  let packToken: string;
  let shipToken: string;
  beforeEach(async () => {
    server = await createTestServer();
    await seedCustomer(server.database.db);
    await server.addOrder('ORD-1', 'L1');
    packToken = await server.addTerminal('T-PACK', 'L1');
    shipToken = await server.addTerminal('T-SHIP', 'L1');
    for (const [kind, row] of [
      ['container-hold', { id: 'H-1', containerId: 'C-5', reason: 'Sichtprüfung offen' }],
      ['blocked-batch', { id: 'BB-9', materialId: 'M-RAW', batch: 'B-9', reason: 'Lunker im Guss' }],
    ] as const) expect((await upsertMaster(server.database.db, kind, row as never)).ok).toBe(true);
    outbox = mkdtempSync(join(tmpdir(), 'takt-shipping-'));
    expect((await push(server.app, packToken, 'T-PACK', production())).statusCode).toBe(200);
    const delfor = await server.app.inject({ method: 'POST', url: '/api/v1/edi/inbound', headers: { ...bearer(server.adminToken), 'content-type': 'application/edifact' }, payload: fixture('delfor-d96a.edi') });
    expect(delfor.json()).toMatchObject({ status: 'applied' });
  });
  afterEach(async () => {
    await server.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  const get = async <T>(url: string): Promise<T> => (await server.app.inject({ method: 'GET', url, headers: bearer(server.adminToken) })).json() as T;
  const shipments = () => get<{ shipments: { shipment_id: string; status: string; delivery_note: string | null; error: string | null }[] }>('/api/v1/edi/shipments');
  const outboxNow = (graceMs = 0, formats: ('DESADV-D96A' | 'VDA4913')[] = ['DESADV-D96A']) => writeOutbox(server.database.db, { outboxDir: outbox, formats, graceMs, now: () => new Date('2025-03-03T08:00:00Z') });
  const shippedSince = async () => (await get<{ schedules: { customerPartNumber: string; shippedSince: number }[] }>('/api/v1/edi/schedules?customer=AWS000001')).schedules.find((s) => s.customerPartNumber === HSG)!.shippedSince;

  it('gives a delivery note, allocates firm lines first by date, and writes the DESADV for the unloading point', async () => {
    expect((await push(server.app, shipToken, 'T-SHIP', [...dispatch(1, 'SH-1', [item('C-1', 500)], { unloadingPoint: 'Tor 7' }), ...dispatch(2, 'SH-2', [item('C-2', 500)], { deliveryNoteNumber: '4711' })])).statusCode).toBe(200);
    const rows = (await shipments()).shipments;
    expect(rows.find((s) => s.shipment_id === 'SH-1')).toMatchObject({ status: 'pending', delivery_note: '1' });
    expect(rows.find((s) => s.shipment_id === 'SH-2')).toMatchObject({ status: 'pending', delivery_note: '4711' });
    // Counted when the outbox accepts it, not before; the call-off the dispatch terminals load against follows.
    const callOff = async () => (await activeRows(server.database.db, 'call-off', CallOff)).find((c) => c.customerPartNumber === HSG);
    expect(await callOff()).toMatchObject({ id: `AWS000001/${HSG}`, open: 12_960, openFirm: 960, nextDate: '2025-03-03' });
    expect(await shippedSince()).toBe(0);
    const written = await outboxNow();
    expect(written.map((w) => [w.shipmentId, w.status])).toEqual([['SH-1', 'written'], ['SH-2', 'written']]);
    expect(await shippedSince()).toBe(1000);
    expect(await callOff()).toMatchObject({ open: 11_960, openFirm: 0, nextDate: '2025-03-10' });
    // Firm 480 on 03-03 and 480 on 03-04, then the forecast of week 11: the second truck covers what the first left.
    const first = await get<{ shipments: { allocations: unknown[] }[] }>('/api/v1/trace/delivery-note/1');
    expect(first.shipments[0]!.allocations).toEqual([
      { customerPartNumber: HSG, lineDate: '2025-03-03', commitment: 'firm', quantity: 480 },
      { customerPartNumber: HSG, lineDate: '2025-03-04', commitment: 'firm', quantity: 20 },
    ]);
    const second = await get<{ shipments: { allocations: { lineDate: string; commitment: string; quantity: number }[] }[] }>('/api/v1/trace/delivery-note/4711?customer=AWS000001');
    expect(second.shipments[0]!.allocations.map((a) => [a.commitment, a.quantity])).toEqual([['firm', 460], ['forecast', 40]]);
    const read = parseDesadv(readFileSync(join(outbox, 'AWS000001-1-DESADV-D96A.edi'), 'utf8'));
    expect(read.ok && read.value).toMatchObject({ deliveryNoteNumber: '1', unloadingPoint: 'Tor 7', packages: [{ label: packageNumberOf('C-1'), customerPartNumber: HSG, quantity: 500 }] });
  });

  it('keeps the master label of a mixed load and nests its containers under it in the despatch advice', async () => {
    const master = '340123450000005007';
    await push(server.app, shipToken, 'T-SHIP', [...dispatch(1, 'SH-1', [item('C-1', 500), item('C-2', 500)], { masterSscc: master }), ...dispatch(2, 'SH-2', [item('C-5', 48)])]);
    const stored = await server.database.db.selectFrom('edi_shipments').select(['shipment_id', 'master_sscc']).orderBy('shipment_id').execute();
    expect(stored).toEqual([{ shipment_id: 'SH-1', master_sscc: master }, { shipment_id: 'SH-2', master_sscc: null }]);
    await writeOutbox(server.database.db, { outboxDir: outbox, formats: ['DESADV-D96A', 'DESADV-GLOBAL-D07A'], graceMs: 0, now: () => new Date('2025-03-03T08:00:00Z') });
    for (const format of ['D96A', 'GLOBAL-D07A']) {
      const read = parseDesadv(readFileSync(join(outbox, `AWS000001-1-DESADV-${format}.edi`), 'utf8'));
      expect(read.ok && read.value.masterSscc).toBe(master);
      expect(read.ok && read.value.packages.map((p) => p.label)).toEqual([packageNumberOf('C-1'), packageNumberOf('C-2')]);
    }
  });

  it('writes the master label of a mixed load into the VDA 4913 it sends, as a load carrier over both containers', async () => {
    const master = '340123450000005007';
    await push(server.app, shipToken, 'T-SHIP', dispatch(1, 'SH-1', [item('C-1', 500), item('C-2', 500)], { masterSscc: master }));
    await outboxNow(0, ['VDA4913']);
    const read = parseVda4913(readFileSync(join(outbox, 'AWS000001-1-VDA4913.vda'), 'utf8'));
    expect(read.ok && read.warnings).toEqual([]);
    expect(read.ok && read.value.masterSscc).toBe(master);
    expect(read.ok && read.value.packages.map((p) => [p.label, p.customerPartNumber, p.quantity, p.batches])).toEqual([
      [packageNumberOf('C-1'), HSG, 500, ['B-7']],
      [packageNumberOf('C-2'), HSG, 500, ['B-7']],
    ]);
  });

  it('refuses a truck that carries an open container, the wrong part, a held container, a blocked batch, a shipped or unknown container', async () => {
    await push(server.app, shipToken, 'T-SHIP', dispatch(1, 'SH-1', [item('C-1', 500)]));
    const bad = [item('C-2', 500), item('C-3', 10), item('C-4', 4), item('C-5', 48), item('C-6', 48), item('C-1', 500), item('C-404', 1)];
    expect((await push(server.app, shipToken, 'T-SHIP', dispatch(2, 'SH-2', bad, { deliveryNoteNumber: '1' }))).statusCode).toBe(200);
    const written = await outboxNow();
    expect(written.map((w) => [w.shipmentId, w.status, w.files.length])).toEqual([['SH-1', 'written', 1], ['SH-2', 'refused', 0]]);
    const trace = await get<{ shipments: { shipmentId: string; status: string; refusals: { containerId: string; code: string; message: string }[] }[] }>('/api/v1/trace/delivery-note/1');
    const refused = trace.shipments.find((s) => s.shipmentId === 'SH-2')!;
    expect(refused.status).toBe('refused');
    expect(refused.refusals.map((r) => [r.containerId, r.code])).toEqual([
      ['', 'delivery-note-taken'],
      ['C-1', 'already-shipped'],
      ['C-3', 'container-not-closed'],
      ['C-4', 'wrong-customer-part'],
      ['C-404', 'container-unknown'],
      ['C-5', 'container-on-hold'],
      ['C-6', 'batch-blocked'],
    ]);
    expect(refused.refusals.find((r) => r.containerId === 'C-5')!.message).toContain('Sichtprüfung offen');
    expect(refused.refusals.find((r) => r.containerId === 'C-6')!.message).toContain('B-9');
    // Nothing counted, no despatch advice, and quality hears of it.
    expect(await shippedSince()).toBe(500);
    expect(readdirSync(outbox)).toEqual(['AWS000001-1-DESADV-D96A.edi']);
    const flags = await get<{ flags: { kind: string; message: string }[] }>('/api/v1/quality/flags?kind=shipment-refused');
    expect(flags.flags).toHaveLength(1);
    expect(flags.flags[0]!.message).toContain('SH-2');
    // C-2 was fine; on a truck of its own it goes.
    await push(server.app, shipToken, 'T-SHIP', dispatch(3, 'SH-3', [item('C-2', 500)]));
    expect((await outboxNow()).map((w) => [w.shipmentId, w.status])).toEqual([['SH-3', 'written']]);
    expect((await shipments()).shipments.find((s) => s.shipment_id === 'SH-3')).toMatchObject({ status: 'written', delivery_note: '2' });
  });

  it('refuses a declared quantity the record does not hold, and a part the container is not', async () => {
    await push(server.app, shipToken, 'T-SHIP', dispatch(1, 'SH-1', [item('C-1', 480), item('C-2', 500, '5Q0-857-001-A')]));
    await outboxNow();
    const trace = await get<{ shipments: { refusals: { containerId: string; code: string }[] }[] }>('/api/v1/trace/delivery-note/1');
    expect(trace.shipments[0]!.refusals.map((r) => [r.containerId, r.code])).toEqual([['C-1', 'quantity-mismatch'], ['C-2', 'wrong-customer-part']]);
  });

  it('waits for packings another terminal has not synced yet, and refuses them once the grace period is over', async () => {
    // C-7 is packed by a terminal that is still offline; C-8 never existed.
    await push(server.app, shipToken, 'T-SHIP', [...dispatch(1, 'SH-1', [item('C-7', 24)]), ...dispatch(2, 'SH-2', [item('C-8', 24)])]);
    expect((await outboxNow(2 * 3_600_000)).map((w) => [w.shipmentId, w.status])).toEqual([['SH-1', 'waiting'], ['SH-2', 'waiting']]);
    expect((await shipments()).shipments.find((s) => s.shipment_id === 'SH-1')).toMatchObject({ status: 'pending', error: expect.stringContaining('C-7') });
    const late = build('T-PACK', production().length + 1, [[20, 'MaterialLoaded', 'ORD-1', { materialId: 'M-RAW', batch: 'B-7', supplier: 'Guss AG' }], ...container(20, 'C-7', 'M-HSG', 24)]);
    expect((await push(server.app, packToken, 'T-PACK', late)).statusCode).toBe(200);
    expect((await outboxNow(2 * 3_600_000)).map((w) => [w.shipmentId, w.status])).toEqual([['SH-1', 'written'], ['SH-2', 'waiting']]);
    // Past the two hours of grace the record still has no C-8: refused for it.
    const later = await writeOutbox(server.database.db, { outboxDir: outbox, formats: ['DESADV-D96A'], graceMs: 2 * 3_600_000, now: () => new Date('2025-03-03T09:00:00Z') });
    expect(later.map((w) => [w.shipmentId, w.status, w.refusals?.map((r) => r.code)])).toEqual([['SH-2', 'refused', ['container-unknown']]]);
  });

  it('gives a container to the earlier of two trucks, and refuses it on the later one', async () => {
    await push(server.app, shipToken, 'T-SHIP', [...dispatch(1, 'SH-B', [item('C-1', 500)]), ...dispatch(2, 'SH-A', [item('C-1', 500)])]);
    const written = await outboxNow();
    expect(written.map((w) => [w.shipmentId, w.status, w.refusals?.map((r) => r.code)])).toEqual([['SH-B', 'written', undefined], ['SH-A', 'refused', ['already-shipped']]]);
  });

  it('writes only the formats the customer reads', async () => {
    const customer = await upsertMaster(server.database.db, 'customer', {
      id: 'AWS000001', name: 'Autowerk Süd', supplierNumber: '47110815', shipTo: { name: 'Autowerk Süd Werk 1', unloadingPoint: 'Tor 3' },
      parts: [{ materialId: 'M-HSG', customerPartNumber: HSG }], despatchAdvice: ['VDA4913'],
    });
    expect(customer.ok).toBe(true);
    await push(server.app, shipToken, 'T-SHIP', dispatch(1, 'SH-1', [item('C-1', 500)]));
    await writeOutbox(server.database.db, { outboxDir: outbox, graceMs: 0 });
    expect(readdirSync(outbox)).toEqual(['AWS000001-1-VDA4913.vda']);
  });

  it('traces forward from a batch to the delivery note and customer, and back from the note to the batches', async () => {
    await push(server.app, shipToken, 'T-SHIP', [...dispatch(1, 'SH-1', [item('C-1', 500)]), ...dispatch(2, 'SH-2', [item('C-2', 500)])]);
    expect(((await get<{ shipments: { status: string }[] }>('/api/v1/trace/batch/M-RAW/B-7')).shipments).map((s) => s.status)).toEqual(['pending', 'pending']);
    await outboxNow();
    const forward = await get<{ shipments: { shipmentId: string; deliveryNote: string; customerId: string; status: string; containerIds: string[] }[] }>('/api/v1/trace/batch/M-RAW/B-7');
    expect(forward.shipments).toEqual([
      expect.objectContaining({ shipmentId: 'SH-1', deliveryNote: '1', customerId: 'AWS000001', status: 'written', containerIds: ['C-1'] }),
      expect.objectContaining({ shipmentId: 'SH-2', deliveryNote: '2', customerId: 'AWS000001', containerIds: ['C-2'] }),
    ]);
    const blocked = await get<{ shipments: unknown[] }>('/api/v1/trace/batch/M-RAW/B-9');
    expect(blocked.shipments).toEqual([]);
    const back = await get<{ containerIds: string[]; batches: { materialId: string; batch: string; supplier: string }[] }>('/api/v1/trace/delivery-note/2');
    expect(back.containerIds).toEqual(['C-2']);
    expect(back.batches.map((b) => [b.materialId, b.batch, b.supplier])).toEqual([['M-RAW', 'B-7', 'Guss AG']]);
    const missing = await server.app.inject({ method: 'GET', url: '/api/v1/trace/delivery-note/999', headers: bearer(server.adminToken) });
    expect(missing.statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/trace/delivery-note/2' })).statusCode).toBe(401);
  });
});
