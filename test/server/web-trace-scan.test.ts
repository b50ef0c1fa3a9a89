import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOUSING_GTIN } from '../../server/demo/demo-data';
import { upsertMaster } from '../../server/master-data-store';
import { recallCsv } from '../../web/trace/recall-csv';
import type { BatchTrace } from '../../web/trace/types';
import { bearer, createTestServer, errorCode, type TestServer } from './support/test-server';

describe('GET /api/v1/trace/scan and the recall CSV', () => {
  let server: TestServer;
  const scan = (code: string) => server.app.inject({ method: 'GET', url: `/api/v1/trace/scan?code=${encodeURIComponent(code)}`, headers: bearer(server.adminToken) });

  beforeAll(async () => {
    server = await createTestServer();
    const w = await upsertMaster(server.database.db, 'material', { id: 'M-HOUSING', number: 'HSG-100', name: 'Gehäuse', gtin: DEMO_HOUSING_GTIN });
    expect(w.ok).toBe(true);
  });
  afterAll(() => server.close());

  it('reads a label as a terminal does: GTIN and batch, part number and batch, a container, a serial', async () => {
    expect((await scan(`]C101${DEMO_HOUSING_GTIN}10H-200`)).json()).toEqual({ kind: 'batch', materialId: 'M-HOUSING', batch: 'H-200' });
    expect((await scan('[)>\u001e06\u001dPHSG-100\u001d1TB-9\u001e\u0004')).json()).toEqual({ kind: 'batch', materialId: 'M-HOUSING', batch: 'B-9' });
    expect((await scan(']C100340123450000000017')).json()).toEqual({ kind: 'container', id: '340123450000000017' });
    expect((await scan(`]C101${DEMO_HOUSING_GTIN}21SN-77`)).json()).toEqual({ kind: 'serial', serial: 'SN-77' });
  });

  it('answers a label it cannot place with 404 scan-unresolved and the reason, and bad input with 400', async () => {
    const unknown = await scan('[)>\u001e06\u001dPNOPE-1\u001d1TB-9\u001e\u0004');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: { code: 'scan-unresolved', message: 'No material is set up for NOPE-1.' } });
    const empty = await server.app.inject({ method: 'GET', url: '/api/v1/trace/scan', headers: bearer(server.adminToken) });
    expect(errorCode(empty)).toBe('bad-request');
  });

  it('writes the recall CSV quoted where needed and defuses spreadsheet formulas', () => {
    const trace: BatchTrace = {
      materialId: 'M',
      batch: 'B',
      blocked: null,
      suppliers: [],
      windows: [],
      orders: [{ orderId: '=HYPERLINK("x")', from: '2025-01-06T06:00:00.000Z', to: null, consumed: 2, goodQuantity: 0, scrapQuantity: 0, status: null }],
      serials: [],
      containers: [{ containerId: 'C,1', sscc: null, openedAt: null, closedAt: null, link: 'window', from: 'a', to: 'b' }],
      shipments: [{ shipmentId: 'SH-1', deliveryNote: 'LS-9', customerId: 'K1', status: null, customer: 'Müller "Nord"', dispatchedAt: 'c', containerIds: ['C,1'] }],
    };
    expect(recallCsv(trace).split('\r\n')).toEqual([
      'kind,id,order,container,shipment,delivery_note,customer,from,to,link,quantity',
      `order,"'=HYPERLINK(""x"")","'=HYPERLINK(""x"")",,,,,2025-01-06T06:00:00.000Z,,,2`,
      'container,"C,1",,"C,1",SH-1,LS-9,"Müller ""Nord""",a,b,window,',
      'shipment,SH-1,,"C,1",SH-1,LS-9,"Müller ""Nord""",c,,,',
      '',
    ]);
  });
});
