import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { containerLabelData, renderTemplate } from '../../shared/labels';
import { MASTER_KINDS, type Customer, type JisSequence, type Line, type Material, type Operator, type Order, type Plant } from '../../shared/master-data';
import { verifyPin } from '../../shared/pin';
import type { PullResponse } from '../../shared/sync-protocol';
import { buildServer } from '../../server/app';
import { DEMO_BADGES, DEMO_JIS_POSITIONS, DEMO_JIS_SEQUENCE_ID, DEMO_ORDERS, DEMO_PIN, DEMO_TERMINALS } from '../../server/demo/demo-data';
import { seedDemoData } from '../../server/demo/seed';
import { upsertMaster } from '../../server/master-data-store';
import { bearer } from './support/test-server';
import { createTestDatabase, type TestDatabase } from './support/test-database';

describe('demo seed', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.close());

  const rows = async (kind: string) =>
    (await database.db.selectFrom('master_data').select(['id', 'data', 'line_id']).where('kind', '=', kind).orderBy('id').execute()).map((r) => ({
      id: r.id,
      lineId: r.line_id,
      data: JSON.parse(r.data ?? 'null') as unknown,
    }));

  it('seeds the demo plant into an empty database, and every row is valid for its kind', async () => {
    const outcome = await seedDemoData(database.db, { now: new Date('2025-03-10T08:00:00Z') });
    expect(outcome.seeded).toBe(true);
    const all = await database.db.selectFrom('master_data').select(['kind', 'data']).execute();
    for (const row of all) expect(MASTER_KINDS[row.kind as keyof typeof MASTER_KINDS].safeParse(JSON.parse(row.data ?? '')).success).toBe(true);

    expect((await rows('plant')).map((r) => r.data)).toEqual([{ id: 'P1', name: 'Takt Elektronik GmbH Werk Nord', address: 'Industriestr. 12, 38440 Wolfsburg' }]);
    expect((await rows('line')).map((r) => r.id)).toEqual(['L1', 'L2']);
    expect((await rows('terminal')).map((r) => [r.id, r.lineId])).toEqual([
      [DEMO_TERMINALS.L1, 'L1'],
      [DEMO_TERMINALS.L2, 'L2'],
    ]);
    const terminals = await database.db.selectFrom('terminals').select(['id', 'line_id']).orderBy('id').execute();
    expect(terminals).toEqual([
      { id: DEMO_TERMINALS.L1, line_id: 'L1' },
      { id: DEMO_TERMINALS.L2, line_id: 'L2' },
    ]);

    const materials = (await rows('material')).map((r) => r.data as Material);
    expect(materials.length).toBeGreaterThanOrEqual(5);
    expect(new Set(materials.flatMap((m) => m.barcodeRules.map((rule) => rule.kind)))).toEqual(new Set(['gtin', 'part-number', 'prefix', 'pattern']));

    const operators = (await rows('operator')).map((r) => r.data as Operator);
    expect(operators.map((o) => o.badge).sort()).toEqual(Object.values(DEMO_BADGES).sort());
    const lead = operators.find((o) => o.badge === DEMO_BADGES.shiftLead)!;
    expect(lead).toMatchObject({ name: 'Petra Schmidt', role: 'shift-lead' });
    expect(verifyPin(DEMO_PIN, lead.pinHash!)).toBe(true);
    expect(verifyPin('0000', lead.pinHash!)).toBe(false);

    const orders = (await rows('order')).map((r) => r.data as Order);
    for (const [line, numbers] of Object.entries(DEMO_ORDERS)) {
      const ofLine = orders.filter((o) => o.lineId === line);
      expect(ofLine.map((o) => o.number).sort()).toEqual([...numbers].sort());
      for (const o of ofLine) {
        expect(o).toMatchObject({ status: 'released', dueDate: '2025-03-10' });
        expect(o.bom.length).toBeGreaterThan(0);
        expect(o.operations.length).toBeGreaterThan(0);
        for (const item of o.bom) expect(materials.map((m) => m.id)).toContain(item.materialId);
      }
    }

    const scrap = (await rows('scrap-reason')).map((r) => r.data as { group: string });
    expect(scrap.length).toBeGreaterThanOrEqual(6);
    expect(new Set(scrap.map((s) => s.group)).size).toBe(3);

    // Every demo order's container prints a real VDA 4902 label: customer, ship-to, customer part, weights, our supplier number.
    const customers = (await rows('customer')).map((r) => r.data as Customer);
    const lines = (await rows('line')).map((r) => r.data as Line);
    const plants = (await rows('plant')).map((r) => r.data as Plant);
    for (const o of orders) {
      const data = containerLabelData('vda-4902', {
        order: o, material: materials.find((m) => m.id === o.materialId), customers, lines, plants,
        container: { containerId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', quantity: 20 }, packageNumber: '712445956301', now: new Date('2025-03-10T08:00:00Z'),
      });
      expect(data.ok ? renderTemplate('vda-4902', data.value).ok : data.error).toBe(true);
    }

    const [jis] = (await rows('jis-sequence')).map((r) => r.data as JisSequence);
    expect(jis).toMatchObject({ id: DEMO_JIS_SEQUENCE_ID, lineId: 'L1' });
    expect(jis!.positions).toHaveLength(DEMO_JIS_POSITIONS);
  });

  it('seeds only once, and never into a database that holds data', async () => {
    expect((await seedDemoData(database.db)).seeded).toBe(true);
    const before = await database.db.selectFrom('master_data').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const again = await seedDemoData(database.db);
    expect(again).toEqual({ seeded: false, reason: expect.stringContaining('master_data') });
    const after = await database.db.selectFrom('master_data').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('leaves a real plant alone', async () => {
    await upsertMaster(database.db, 'plant', { id: 'REAL', name: 'Real plant' });
    expect((await seedDemoData(database.db)).seeded).toBe(false);
    expect(await database.db.selectFrom('master_data').select('id').execute()).toEqual([{ id: 'REAL' }]);
  });

  it('returns working tokens, and the L2 terminal never sees L1 orders', async () => {
    const outcome = await seedDemoData(database.db);
    if (!outcome.seeded) throw new Error('not seeded');
    const app = buildServer({ db: database.db, dialect: database.dialect });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/sync/pull?limit=1000', headers: bearer(outcome.terminalTokens[DEMO_TERMINALS.L2]!) });
      const body = res.json() as PullResponse;
      const orderNumbers = body.changes.filter((c) => c.kind === 'order').map((c) => c.id);
      expect(orderNumbers.sort()).toEqual([...DEMO_ORDERS.L2].sort());
      expect(body.changes.some((c) => c.kind === 'jis-sequence')).toBe(false);
      const events = await app.inject({ method: 'GET', url: `/api/v1/events?terminalId=${DEMO_TERMINALS.L1}`, headers: bearer(outcome.adminToken) });
      expect(events.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
