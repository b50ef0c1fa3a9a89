import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageNumberOf } from '../../shared/labels/container-label';
import type { DockContainer } from '../../shared/master-data-shipping';
import type { PullResponse } from '../../shared/sync-protocol';
import { writeOutbox } from '../../server/edi/outbox';
import { upsertMaster } from '../../server/master-data-store';
import { seedCustomer } from './support/edi-customer';
import { build, docks, packed, pullAll as pullDock } from './support/dock-events';
import { bearer, createTestServer, push, type TestServer } from './support/test-server';

/**
 * The dock's container feed on SQLite and (TAKT_TEST_DATABASE_URL)
 * PostgreSQL: the closed containers the lines pushed reach the terminals of
 * their plant that ship, page by page with the master data, with what the
 * record knows of them (package number, part, count, batches, shipment), and
 * reach no other terminal, whose long poll they never wake.
 */

const item = (containerId: string, quantity: number) => ({ containerId, materialId: 'M-HSG', customerPartNumber: 'A0004711', quantity, batches: [{ materialId: 'M-RAW', batch: 'B-7' }] });

describe('the dock container feed', () => {
  let server: TestServer;
  let outbox: string;
  const tokens: Record<string, string> = {};
  const pullAll = (terminalId: string, limit = 500, after = 0) => pullDock(server.app, tokens[terminalId]!, limit, after);
  const latest = (changes: PullResponse['changes'], id: string) => docks(changes).filter((c) => c.id === id).at(-1)?.data as DockContainer | undefined;

  beforeEach(async () => {
    server = await createTestServer();
    await seedCustomer(server.database.db);
    for (const [kind, row] of [
      ['plant', { id: 'P2', name: 'Werk Süd' }],
      ['line', { id: 'DOCK', plantId: 'P1', name: 'Versand' }],
      ['line', { id: 'L9', plantId: 'P2', name: 'Süd 9' }],
    ] as const) expect((await upsertMaster(server.database.db, kind, row as never)).ok).toBe(true);
    await server.addOrder('ORD-1', 'L1');
    for (const [id, lineId, ships] of [['T-PACK', 'L1', false], ['T-LINE', 'L1', false], ['T-DOCK', 'DOCK', true], ['T-SOUTH', 'L9', true], ['T-LINE-SHIPS', 'L1', true]] as const) {
      tokens[id] = await server.addTerminal(id, lineId);
      if (ships) expect((await upsertMaster(server.database.db, 'terminal', { id, lineId, name: id, ships: true })).ok).toBe(true);
    }
    outbox = mkdtempSync(join(tmpdir(), 'takt-dock-feed-'));
    const production = build('T-PACK', 1, [
      [0, 'OrderStarted', 'ORD-1', { orderNumber: 'ORD-1', materialId: 'M-HSG', quantity: 5000 }],
      [1, 'MaterialLoaded', 'ORD-1', { materialId: 'M-RAW', batch: 'B-7', supplier: 'Guss AG' }],
      ...packed(2, 'C-1', 500),
      ...packed(3, 'C-2', 48),
      ...packed(4, 'C-3', 10, false),
    ]);
    expect((await push(server.app, tokens['T-PACK']!, 'T-PACK', production)).statusCode).toBe(200);
  });
  afterEach(async () => {
    await server.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('offers the closed containers, with what the record knows, to the terminals of the plant that ship', async () => {
    const { seen } = await pullAll('T-DOCK');
    expect(docks(seen).map((c) => c.id).sort()).toEqual(['C-1', 'C-2']);
    expect(latest(seen, 'C-1')).toEqual({
      id: 'C-1',
      packageNumber: packageNumberOf('C-1'),
      materialId: 'M-HSG',
      quantity: 500,
      batches: [{ materialId: 'M-RAW', batch: 'B-7' }],
      status: 'closed',
      labelled: true,
      plantId: 'P1',
      terminalId: 'T-PACK',
      updatedAt: '2025-03-03T06:02:00.000Z',
    });
    // A line terminal registered as shipping (dispatch mode) gets them too.
    expect(docks((await pullAll('T-LINE-SHIPS')).seen).map((c) => c.id).sort()).toEqual(['C-1', 'C-2']);
  });

  it('reaches neither a terminal that does not ship nor one of another plant', async () => {
    for (const terminal of ['T-LINE', 'T-PACK', 'T-SOUTH']) {
      const { seen } = await pullAll(terminal);
      expect(seen.length, terminal).toBeGreaterThan(0);
      expect(docks(seen), terminal).toEqual([]);
    }
  });

  it('pages through the containers like any master data', async () => {
    const { seen, pages } = await pullAll('T-DOCK', 1);
    expect(pages).toBeGreaterThan(3);
    expect(docks(seen).map((c) => c.id).sort()).toEqual(['C-1', 'C-2']);
    const revs = seen.map((c) => c.rev);
    expect(revs).toEqual([...revs].sort((a, b) => a - b));
  });

  it('wakes only the shipping terminals when a container closes', async () => {
    const before: Record<string, number> = {};
    for (const t of ['T-DOCK', 'T-LINE']) before[t] = (await pullAll(t)).rev;
    expect((await push(server.app, tokens['T-PACK']!, 'T-PACK', build('T-PACK', 11, [[9, 'ContainerClosed', undefined, { containerId: 'C-3' }]]))).statusCode).toBe(200);
    const notify = async (t: string) => (await server.app.inject({ method: 'GET', url: `/api/v1/sync/notify?since=${before[t]}&wait=0`, headers: bearer(tokens[t]!) })).json<{ changed: boolean }>();
    expect(await notify('T-DOCK')).toMatchObject({ changed: true });
    expect(await notify('T-LINE')).toMatchObject({ changed: false });
    expect(latest((await pullAll('T-DOCK', 500, before['T-DOCK'])).seen, 'C-3')).toMatchObject({ status: 'closed', quantity: 10, updatedAt: '2025-03-03T06:09:00.000Z' });
  });

  it('marks a container shipped once a dispatched shipment carries it, and offers it again when the server refuses that truck', async () => {
    const { rev } = await pullAll('T-DOCK');
    const truck = (seq: number, shipmentId: string, items: ReturnType<typeof item>[]) =>
      build('T-DOCK', seq, [[30 + seq, 'ShipmentDispatched', undefined, { shipmentId, containerIds: items.map((i) => i.containerId), customerId: 'AWS000001', items }]]);
    expect((await push(server.app, tokens['T-DOCK']!, 'T-DOCK', truck(1, 'SH-1', [item('C-1', 500)]))).statusCode).toBe(200);
    const afterTruck = await pullAll('T-DOCK', 500, rev);
    expect(latest(afterTruck.seen, 'C-1')).toMatchObject({ shippedIn: 'SH-1', updatedAt: '2025-03-03T06:31:00.000Z' });
    expect(latest(afterTruck.seen, 'C-2')).toBeUndefined();

    // Quality holds C-2 by the number its label prints; the hold reaches the dock in the same feed.
    expect((await upsertMaster(server.database.db, 'container-hold', { id: 'H-2', containerId: packageNumberOf('C-2'), reason: 'Sichtprüfung offen' })).ok).toBe(true);
    expect((await push(server.app, tokens['T-DOCK']!, 'T-DOCK', truck(2, 'SH-2', [item('C-2', 48)]))).statusCode).toBe(200);
    const shipped = await pullAll('T-DOCK', 500, afterTruck.rev);
    expect(shipped.seen.find((c) => c.kind === 'container-hold')?.data).toMatchObject({ containerId: latest(shipped.seen, 'C-2')?.packageNumber });
    expect(latest(shipped.seen, 'C-2')).toMatchObject({ shippedIn: 'SH-2' });

    const results = await writeOutbox(server.database.db, { outboxDir: outbox, formats: ['DESADV-D96A'], graceMs: 0, now: () => new Date('2025-03-03T08:00:00Z') });
    expect(results.find((r) => r.shipmentId === 'SH-2')?.status).toBe('refused');
    const again = latest((await pullAll('T-DOCK', 500, shipped.rev)).seen, 'C-2');
    expect(again).toBeDefined();
    expect(again?.shippedIn).toBeUndefined();
  });
});
