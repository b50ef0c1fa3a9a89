import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER_KINDS, type MasterKind } from '../../shared/master-data';
import { verifyPin } from '../../shared/pin';
import type { PullResponse } from '../../shared/sync-protocol';
import { runServerCli } from '../../server/cli/index';
import { parseCsv } from '../../server/import/csv';
import { upsertMaster } from '../../server/master-data-store';
import { captureIo } from './support/capture-io';
import { bearer, createTestServer, type TestServer } from './support/test-server';

/** One valid row per kind, as a JSON import file would hold it (defaults applied where pull will show them). */
const SAMPLES: { [K in MasterKind]: Record<string, unknown> } = {
  plant: { id: 'P9', name: 'Werk Süd' },
  line: { id: 'L1', plantId: 'P9', name: 'Montage 1' },
  terminal: { id: 'T-IMP-9', lineId: 'L1', name: 'Platz 9' },
  material: { id: 'M-X', number: 'X-1', name: 'Teil X', unit: 'pcs', batchTracked: true, barcodeRules: [{ kind: 'prefix', prefix: 'X-' }] },
  order: { id: 'ORD-J', number: 'ORD-J', lineId: 'L1', materialId: 'M-X', quantity: 4, dueDate: '2025-02-01', status: 'released', bom: [], operations: [] },
  operator: { id: 'OP-X', name: 'Xaver', badge: 'B7', role: 'operator', lineIds: ['L1'] },
  'scrap-reason': { id: 'SR-X', code: 'X', group: 'process', label: { de: 'x', en: 'x' } },
  'jis-sequence': {
    id: 'JIS-X',
    lineId: 'L1',
    customer: 'Autowerk',
    callOffRevision: 2,
    positions: [
      { sequenceNumber: 1, vehicleNumber: 'VIN1', customerPartNumber: 'CP-1', variant: 'grau', quantity: 1, dueTime: '2025-02-01T06:00:00Z', unloadingPoint: 'Tor 3', rack: 'R1', slot: 1, status: 'open' },
    ],
  },
  'blocked-batch': { id: 'BB-X', materialId: 'M-X', batch: 'B-13', reason: 'Reklamation' },
  'container-hold': { id: 'CH-X', containerId: 'C-X', reason: 'Sichtprüfung' },
  'call-off': { id: 'C-AWS/5Q0 915 105 A', customerId: 'C-AWS', customerPartNumber: '5Q0 915 105 A', scheduleNumber: 'S1', open: 480, openFirm: 480, nextDate: '2025-03-03', updatedAt: '2025-03-01T06:00:00.000Z' },
  'dock-container': { id: 'C-1', packageNumber: '12345678', materialId: 'M-X', quantity: 20, batches: [{ materialId: 'M-Y', batch: 'B-1' }], status: 'closed', labelled: true, plantId: 'P9', terminalId: 'T-IMP-9', updatedAt: '2025-03-01T06:00:00.000Z' },
  'label-template': { id: 'LT-X', name: 'KLT', kind: 'container', zpl: '^XA^FDX^FS^XZ' },
  'sscc-range': { id: 'SR-T9', terminalId: 'T-IMP-9', companyPrefix: '4012345', extensionDigit: 3, from: 0, to: 999 },
  customer: {
    id: 'C-AWS', name: 'Autowerk Süd AG', supplierNumber: '4711230',
    shipTo: { name: 'Autowerk Süd, Werk Ingolstadt', address: 'Werkstraße 1, 85045 Ingolstadt', unloadingPoint: 'Tor 3' },
    parts: [{ materialId: 'M-X', customerPartNumber: '5Q0 915 105 A', changeLevel: 'C', unitWeightKg: 0.42, containerTareKg: 1.9 }],
  },
  'shift-model': {
    id: 'SM-L1', lineId: 'L1', timeZone: 'Europe/Berlin',
    shifts: [{ id: 'early', name: 'Frühschicht', start: '06:00', end: '14:00', breaks: [{ start: '09:00', end: '09:30' }] }],
  },
  routing: { id: 'RT-X', materialId: 'M-X', operation: '0010', idealCycleSeconds: 30 },
  'downtime-reason': { id: 'DR-X', lineId: 'L1', code: 'TOOL', loss: 'availability', label: { de: 'Werkzeugwechsel', en: 'Tool change' } },
};

describe('takt import', () => {
  let server: TestServer;
  let dir: string;
  let terminalToken: string;
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const run = async (...argv: string[]) => {
    const io = captureIo(server.database.env);
    const code = await runServerCli([...argv, '--data', server.database.dataDir], io);
    return { code, out: io.out(), err: io.err() };
  };
  const pulled = async (kind: MasterKind): Promise<unknown[]> => {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/sync/pull?limit=1000', headers: bearer(terminalToken) });
    const body = res.json() as PullResponse;
    return body.changes.filter((c) => c.kind === kind && !c.deleted).map((c) => c.data);
  };

  beforeAll(async () => {
    server = await createTestServer();
    terminalToken = await server.addTerminal('T-IMP', 'L1');
    // A terminal that ships, so that the plant's dock containers reach it as well.
    expect((await upsertMaster(server.database.db, 'terminal', { id: 'T-IMP', lineId: 'L1', name: 'Versand', ships: true })).ok).toBe(true);
    dir = mkdtempSync(join(tmpdir(), 'takt-import-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a JSON file of every kind and pulls the same rows back', async () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(MASTER_KINDS).sort());
    for (const [kind, row] of Object.entries(SAMPLES)) {
      const { code, out, err } = await run('import', kind, file(`${kind}.json`, JSON.stringify([row])), '--json');
      expect({ kind, code, err }).toEqual({ kind, code: 0, err: '' });
      expect(JSON.parse(out)).toMatchObject({ kind, rows: 1, changed: 1 });
      expect(await pulled(kind as MasterKind), kind).toContainEqual(row);
    }
  });

  it('imports CSV with nested fields as JSON cells, quoted separators and a semicolon dialect', async () => {
    const csv = [
      'id,number,lineId,materialId,quantity,dueDate,status,bom,operations',
      'ORD-C1,ORD-C1,L1,M-X,120,2025-02-03,released,"[{""materialId"":""M-X"",""quantityPerUnit"":2}]","[{""number"":""0010"",""name"":""Montage, vor""}]"',
      'ORD-C2,ORD-C2,L1,M-X,5,2025-02-04,released,,',
    ].join('\r\n');
    const { code, out } = await run('import', 'order', file('orders.csv', `${csv}\r\n`));
    expect(code).toBe(0);
    expect(out).toContain('Imported 2 order row(s)');
    const orders = await pulled('order');
    expect(orders).toContainEqual({
      id: 'ORD-C1', number: 'ORD-C1', lineId: 'L1', materialId: 'M-X', quantity: 120, dueDate: '2025-02-03', status: 'released',
      bom: [{ materialId: 'M-X', quantityPerUnit: 2 }],
      operations: [{ number: '0010', name: 'Montage, vor' }],
    });
    expect(orders).toContainEqual(expect.objectContaining({ id: 'ORD-C2', quantity: 5, bom: [], operations: [] }));

    const semicolons = 'id;number;name;batchTracked;barcodeRules\nM-S;S-1;Schraube;nein;"[{""kind"":""part-number"",""value"":""S-1""}]"\n';
    expect((await run('import', 'material', file('materials.csv', semicolons))).code).toBe(0);
    expect(await pulled('material')).toContainEqual({ id: 'M-S', number: 'S-1', name: 'Schraube', unit: 'pcs', batchTracked: false, barcodeRules: [{ kind: 'part-number', value: 'S-1' }] });
  });

  it('imports customers from CSV: ship-to and customer parts as JSON cells', async () => {
    const csv = [
      'id;name;supplierNumber;shipTo;parts',
      'C-CSV;Nutzfahrzeuge Ost GmbH;88-1234;"{""name"":""NFO Werk 2"",""unloadingPoint"":""HALLE 4""}";"[{""materialId"":""M-X"",""customerPartNumber"":""A 000 545 12 01""}]"',
    ].join('\n');
    expect((await run('import', 'customer', file('customers.csv', csv))).code).toBe(0);
    expect(await pulled('customer')).toContainEqual({
      id: 'C-CSV', name: 'Nutzfahrzeuge Ost GmbH', supplierNumber: '88-1234',
      shipTo: { name: 'NFO Werk 2', address: '', unloadingPoint: 'HALLE 4' },
      parts: [{ materialId: 'M-X', customerPartNumber: 'A 000 545 12 01', changeLevel: '' }],
    });
    const missing = await run('import', 'customer', file('no-number.json', JSON.stringify([{ id: 'C-BAD', name: 'X', shipTo: { name: 'Y' } }])));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/row 1: supplierNumber/);
  });

  it('refuses a file with bad rows, naming each row, and imports none of it', async () => {
    const csv = [
      'id,materialId,batch,reason',
      'BB-OK,M-X,B-1,fine row',
      'BB-BAD,M-X,,missing batch',
      'BB-OK2,M-X,B-2,fine too',
      'BB-OK,M-X,B-3,duplicate id',
      'BB-SHORT,M-X',
    ].join('\n');
    const { code, out, err } = await run('import', 'blocked-batch', file('blocked.csv', csv));
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/row 3: batch/);
    expect(err).toMatch(/row 5: id BB-OK already given in row 2/);
    expect(err).toMatch(/row 6: 2 cells/);
    expect(err).not.toMatch(/row 4/);
    const ids = (await pulled('blocked-batch')).map((r) => (r as { id: string }).id);
    expect(ids).not.toContain('BB-OK');

    const json = await run('import', 'order', file('bad.json', JSON.stringify([{ ...SAMPLES.order, id: 'ORD-B1', quantity: 0 }])), '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.err)).toMatchObject({ error: { code: 'import-invalid', rows: [{ row: 1, message: expect.stringContaining('quantity') }] } });
    expect((await run('import', 'order', file('notes.txt', 'id,colour\nX,red\n'))).err).toMatch(/unknown column\(s\) colour/);
    expect((await run('import', 'gizmo', file('g.json', '[]'))).code).toBe(2);
  });

  it('never lets SSCC ranges of one prefix overlap (import and REST)', async () => {
    const csv = 'id,terminalId,companyPrefix,extensionDigit,from,to\nSR-A,T-1,4099999,0,0,499\nSR-B,T-2,4099999,0,500,999\nSR-C,T-3,4099999,1,0,999\n';
    expect((await run('import', 'sscc-range', file('ranges.csv', csv))).code).toBe(0);
    const overlapping = 'id,terminalId,companyPrefix,extensionDigit,from,to\nSR-D,T-4,4088888,0,0,9\nSR-E,T-4,4099999,0,450,550\n';
    const refused = await run('import', 'sscc-range', file('overlap.csv', overlapping), '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.err).error.rows).toEqual([{ row: 3, message: expect.stringMatching(/^sscc-range-overlap: .*SR-A.*/) }]);
    expect((await pulled('sscc-range')).map((r) => (r as { id: string }).id)).not.toContain('SR-D');

    const put = await server.app.inject({
      method: 'PUT',
      url: '/api/v1/master/sscc-range/SR-F',
      headers: bearer(server.adminToken),
      payload: { terminalId: 'T-5', companyPrefix: '4099999', extensionDigit: 0, from: 999, to: 1000 },
    });
    expect(put.statusCode).toBe(409);
    expect(put.json().error.code).toBe('sscc-range-overlap');
    // Moving a range within its own space is not an overlap with itself.
    const resize = await server.app.inject({
      method: 'PUT',
      url: '/api/v1/master/sscc-range/SR-B',
      headers: bearer(server.adminToken),
      payload: { terminalId: 'T-2', companyPrefix: '4099999', extensionDigit: 0, from: 500, to: 1999 },
    });
    expect(resize.statusCode).toBe(200);
  });

  it('hashes a plain operator PIN on import and never stores the PIN', async () => {
    const csv = 'id,name,badge,role,lineIds,pin\nOP-Q,Quinn,B77,quality,"[""L1""]",471108\n';
    expect((await run('import', 'operator', file('operators.csv', csv))).code).toBe(0);
    const row = (await pulled('operator')).find((r) => (r as { id: string }).id === 'OP-Q') as { pinHash: string };
    expect(row).not.toHaveProperty('pin');
    expect(verifyPin('471108', row.pinHash)).toBe(true);
    const bad = await run('import', 'operator', file('badpin.csv', 'id,name,badge,role,pin\nOP-R,R,B78,operator,12\n'));
    expect(bad.err).toMatch(/row 2: pin: must be 4–12 digits/);
  });

  it('reads RFC 4180 CSV: quotes, doubled quotes, line breaks in quotes, BOM', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","he said ""hi"""\n"multi\nline",2\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'he said "hi"'] },
      { line: 3, cells: ['multi\nline', '2'] },
    ]);
  });
});
