import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServerCli } from '../../server/cli/index';
import { captureIo } from './support/capture-io';
import { ASSEMBLY, PACKING, assemblyEvents, packingEvents } from './support/genealogy-fixture';
import { bearer, createTestServer, makeEvent, push, type TestServer } from './support/test-server';

const at = (hhmm: string): string => `2025-01-06T${hhmm}:00.000Z`;

describe('projections and traceability on a seeded genealogy', () => {
  let server: TestServer;
  let tokens: Record<string, string>;
  const get = async (url: string) => {
    const res = await server.app.inject({ method: 'GET', url, headers: bearer(server.adminToken) });
    return { status: res.statusCode, body: res.json() };
  };
  const cli = async (...argv: string[]) => {
    const io = captureIo(server.database.env);
    const code = await runServerCli([...argv, '--data', server.database.dataDir], io);
    return { code, out: io.out(), err: io.err() };
  };

  beforeAll(async () => {
    server = await createTestServer();
    tokens = { [ASSEMBLY]: await server.addTerminal(ASSEMBLY, 'L1'), [PACKING]: await server.addTerminal(PACKING, 'L1'), 'T-B': await server.addTerminal('T-B', 'L1') };
    await server.addOrder('ORD-1', 'L1');
    await server.addOrder('ORD-2', 'L1');
    // The shift lead who approves the fixture's sequence override (the server checks every approver).
    const lead = { name: 'Petra', badge: 'B9001', role: 'shift-lead', lineIds: ['L1'], pinHash: 'scrypt$32768$8$1$00$00' };
    expect((await server.app.inject({ method: 'PUT', url: '/api/v1/master/operator/OP-9001', headers: bearer(server.adminToken), payload: lead })).statusCode).toBe(200);
    const blocked = await server.app.inject({
      method: 'PUT',
      url: '/api/v1/master/blocked-batch/BB-1',
      headers: bearer(server.adminToken),
      payload: { materialId: 'M-PCB', batch: 'P-9', reason: 'solder defect' },
    });
    expect(blocked.statusCode).toBe(200);
    // Packing first (another terminal's events may arrive before the parts they pack), then assembly in
    // two batches; every batch twice, as after a lost answer.
    const packing = packingEvents();
    const assembly = assemblyEvents();
    for (const [terminal, batch] of [
      [PACKING, packing],
      [ASSEMBLY, assembly.slice(0, 9)],
      [ASSEMBLY, assembly.slice(0, 9)],
      [ASSEMBLY, assembly],
      [PACKING, packing],
      [ASSEMBLY, assembly.slice(9)],
    ] as const) {
      const res = await push(server.app, tokens[terminal]!, terminal, [...batch]);
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(() => server.close());

  it('projects order progress once, however often a batch was resent', async () => {
    const rows = await server.database.db.selectFrom('order_progress').selectAll().orderBy('order_id').execute();
    expect(rows.map((r) => ({ ...r, good_quantity: Number(r.good_quantity), scrap_quantity: Number(r.scrap_quantity) }))).toEqual([
      { order_id: 'ORD-1', line_id: 'L1', material_id: 'M-SG1', status: 'completed', status_at: at('06:50'), good_quantity: 3, scrap_quantity: 1, started_at: at('06:00'), completed_at: at('06:50') },
      { order_id: 'ORD-2', line_id: 'L1', material_id: 'M-SG2', status: 'completed', status_at: at('07:40'), good_quantity: 5, scrap_quantity: 0, started_at: at('07:00'), completed_at: at('07:40') },
    ]);
  });

  it('traces a batch forward through its window: orders, serials, containers, shipments', async () => {
    const { status, body } = await get('/api/v1/trace/batch/M-HOUSING/H-200');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      materialId: 'M-HOUSING',
      batch: 'H-200',
      blocked: null,
      suppliers: ['Gehäusebau GmbH'],
      windows: [
        { orderId: 'ORD-1', terminalId: ASSEMBLY, operatorId: 'OP-1', from: at('06:30'), to: at('06:50') },
        { orderId: 'ORD-2', terminalId: ASSEMBLY, from: at('07:01'), to: at('07:40') },
      ],
      orders: [
        { orderId: 'ORD-1', from: at('06:30'), to: at('06:50'), consumed: 2, goodQuantity: 3, status: 'completed' },
        { orderId: 'ORD-2', from: at('07:01'), to: at('07:40'), consumed: 0, goodQuantity: 5 },
      ],
      serials: [{ serial: 'S-003', orderId: 'ORD-1', producedAt: at('06:40'), link: 'window' }],
      containers: [
        { containerId: 'C-2', link: 'serial', from: at('06:45'), to: at('06:45') },
        { containerId: 'C-3', link: 'window', from: at('07:35'), to: at('07:35') },
      ],
      shipments: [
        { shipmentId: 'SH-1', containerIds: ['C-3'], customer: 'Autowerk Süd', dispatchedAt: at('08:00') },
        { shipmentId: 'SH-2', containerIds: ['C-2'] },
      ],
    });
  });

  it('keeps a recall narrow: the first housing batch reaches only C-1 and SH-1', async () => {
    const { body } = await get('/api/v1/trace/batch/M-HOUSING/H-100');
    expect(body.serials.map((s: { serial: string }) => s.serial)).toEqual(['S-001', 'S-002']);
    expect(body.containers.map((c: { containerId: string }) => c.containerId)).toEqual(['C-1']);
    expect(body.shipments).toEqual([{ shipmentId: 'SH-1', deliveryNote: null, customerId: null, customer: 'Autowerk Süd', status: 'no-detail', dispatchedAt: at('08:00'), containerIds: ['C-1'] }]);
  });

  it('prefers a part scanned for a serial over the window of its material', async () => {
    const scanned = (await get('/api/v1/trace/batch/M-PCB/P-9')).body;
    expect(scanned).toMatchObject({ blocked: 'solder defect', windows: [], serials: [{ serial: 'S-002', link: 'component' }], shipments: [{ shipmentId: 'SH-1' }] });
    expect(scanned.orders).toMatchObject([{ orderId: 'ORD-1', consumed: 1 }]);
    const windowed = (await get('/api/v1/trace/batch/M-PCB/P-1')).body;
    expect(windowed.serials.map((s: { serial: string }) => s.serial)).toEqual(['S-001', 'S-003']);
    expect(windowed.containers.map((c: { containerId: string }) => c.containerId)).toEqual(['C-1', 'C-2']);
  });

  it('traces a container backward to batches, suppliers, operators and terminals', async () => {
    const { body } = await get('/api/v1/trace/container/C-1');
    expect(body).toMatchObject({
      containerId: 'C-1',
      sscc: '340123450000000017',
      openedAt: at('06:15'),
      closedAt: at('06:26'),
      serials: [
        { serial: 'S-001', orderId: 'ORD-1', producedAt: at('06:10'), packedAt: at('06:15') },
        { serial: 'S-002', orderId: 'ORD-1', producedAt: at('06:20'), packedAt: at('06:25') },
      ],
      orders: [],
      batches: [
        { materialId: 'M-HOUSING', batch: 'H-100', supplier: 'Gehäusebau GmbH', link: 'window' },
        { materialId: 'M-PCB', batch: 'P-1', supplier: 'PCB Ltd', link: 'window' },
        { materialId: 'M-PCB', batch: 'P-9', supplier: null, link: 'component' },
      ],
      suppliers: ['Gehäusebau GmbH', 'PCB Ltd'],
      operators: ['OP-1', 'OP-2'],
      terminals: [ASSEMBLY, PACKING],
      shipments: [{ shipmentId: 'SH-1', containerIds: ['C-1'] }],
    });
    const unserialised = (await get('/api/v1/trace/container/C-3')).body;
    expect(unserialised).toMatchObject({
      serials: [],
      orders: [{ orderId: 'ORD-2', quantity: 5, from: at('07:35'), to: at('07:35') }],
      batches: [{ materialId: 'M-HOUSING', batch: 'H-200', link: 'window' }],
      suppliers: ['Gehäusebau GmbH'],
    });
  });

  it('traces a serial backward, and answers 404 for an unknown one', async () => {
    const { body } = await get('/api/v1/trace/serial/S-003');
    expect(body).toMatchObject({
      serial: 'S-003',
      orderId: 'ORD-1',
      producedAt: at('06:40'),
      containerIds: ['C-2'],
      batches: [
        { materialId: 'M-HOUSING', batch: 'H-200' },
        { materialId: 'M-PCB', batch: 'P-1' },
      ],
      operators: ['OP-1', 'OP-2'],
      terminals: [ASSEMBLY, PACKING],
      shipments: [{ shipmentId: 'SH-2' }],
    });
    expect((await get('/api/v1/trace/serial/S-999')).status).toBe(404);
    expect((await get('/api/v1/trace/container/C-999')).body.error.code).toBe('not-found');
  });

  it('lets only admins trace', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/trace/serial/S-001', headers: bearer(tokens[ASSEMBLY]!) });
    expect(res.statusCode).toBe(403);
  });

  it('takt trace --json prints the same documents as the API', async () => {
    for (const [argv, url] of [
      [['trace', 'batch', 'M-HOUSING', 'H-200'], '/api/v1/trace/batch/M-HOUSING/H-200'],
      [['trace', 'container', 'C-1'], '/api/v1/trace/container/C-1'],
      [['trace', 'serial', 'S-002'], '/api/v1/trace/serial/S-002'],
    ] as const) {
      const { code, out, err } = await cli(...argv, '--json');
      expect({ code, err }).toEqual({ code: 0, err: '' });
      expect(JSON.parse(out)).toEqual((await get(url)).body);
    }
    const human = await cli('trace', 'container', 'C-3');
    expect(human.out).toContain('M-HOUSING H-200');
    const missing = await cli('trace', 'serial', 'S-999', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.err)).toMatchObject({ error: { code: 'not-found' } });
  });

  it('raises quality flags: blocked and expired batch, sequence override, unknown event type', async () => {
    const { body } = await get('/api/v1/quality/flags');
    const flags = (body.flags as { kind: string; type: string; batch: string | null; terminalId: string }[]).map((f) => `${f.kind} ${f.type} ${f.batch ?? '-'}`);
    expect(flags.sort()).toEqual(
      [
        'blocked-batch PartProduced P-9',
        'blocked-batch MaterialConsumed P-9',
        'expired-batch MaterialLoaded P-1',
        'sequence-override SequenceOverride -',
        'unknown-event-type RobotCalibrated -',
      ].sort(),
    );
    expect((await get('/api/v1/quality/flags?kind=blocked-batch')).body.flags).toHaveLength(2);
  });

  it('confirms completed orders to the ERP by cursor, and re-confirms after a late booking', async () => {
    const first = (await get('/api/v1/erp/confirmations?after=0')).body;
    expect(first).toMatchObject({ cursor: 2, hasMore: false });
    expect(first.confirmations).toMatchObject([
      {
        number: 1,
        orderId: 'ORD-1',
        goodQuantity: 3,
        scrapQuantity: 1,
        scrapByReason: [{ reasonId: 'SR-01', quantity: 1 }],
        consumption: [
          { materialId: 'M-HOUSING', batch: 'H-100', quantity: 2 },
          { materialId: 'M-HOUSING', batch: 'H-200', quantity: 2 },
          { materialId: 'M-PCB', batch: 'P-1', quantity: 2 },
          { materialId: 'M-PCB', batch: 'P-9', quantity: 1 },
        ],
        supersedes: null,
      },
      { number: 2, orderId: 'ORD-2', goodQuantity: 5, consumption: [] },
    ]);
    expect((await get('/api/v1/erp/confirmations?after=0')).body).toEqual(first);

    // A terminal that was offline books one more good part of ORD-1 after the completion reached the server.
    const late = makeEvent('T-B', 1, { type: 'GoodQuantityBooked', orderId: 'ORD-1', occurredAt: at('06:44'), payload: { quantity: 1 } });
    for (let i = 0; i < 2; i++) expect((await push(server.app, tokens['T-B']!, 'T-B', [late])).statusCode).toBe(200);
    const next = (await get('/api/v1/erp/confirmations?after=2')).body;
    expect(next.confirmations).toMatchObject([{ number: 3, orderId: 'ORD-1', goodQuantity: 4, supersedes: 1 }]);
    expect((await get('/api/v1/erp/confirmations?after=3')).body).toEqual({ confirmations: [], cursor: 3, hasMore: false });
    const paged = (await get('/api/v1/erp/confirmations?after=0&limit=2')).body;
    expect(paged).toMatchObject({ cursor: 2, hasMore: true });
    expect((await get('/api/v1/erp/confirmations?after=-1')).status).toBe(400);
  });
});
