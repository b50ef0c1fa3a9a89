import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageNumberOf } from '../../shared/labels/container-label';
import { startEdiService, type EdiService } from '../../server/edi/service';
import { ediSettings } from '../../server/edi/settings';
import { upsertMaster } from '../../server/master-data-store';
import { DEFAULT_DOCK_RETENTION_DAYS, dockRetentionDays } from '../../server/shipping/dock-retention';
import { seedCustomer } from './support/edi-customer';
import { build, docks, packed, pullAll, started } from './support/dock-events';
import { createTestServer, push, type TestServer } from './support/test-server';

/**
 * Retention of the dock's container copies on SQLite and
 * (TAKT_TEST_DATABASE_URL) PostgreSQL, with the EDI service's clock
 * injected: a container on a shipment the server accepted is retired
 * (a tombstone the shipping terminals pull) once the shipment is older than
 * TAKT_DOCK_RETENTION_DAYS; one on a refused truck and one never shipped stay.
 */
describe('dock container retention', () => {
  let server: TestServer;
  let dir: string;
  let service: EdiService | undefined;
  let now = new Date('2025-03-03T08:00:00.000Z');
  const tokens: Record<string, string> = {};
  const pull = (after = 0) => pullAll(server.app, tokens['T-DOCK']!, 500, after);
  const item = (containerId: string, quantity: number) => ({ containerId, materialId: 'M-HSG', customerPartNumber: 'A0004711', quantity, batches: [{ materialId: 'M-RAW', batch: 'B-7' }] });
  const truck = (seq: number, shipmentId: string, containerId: string, quantity: number) =>
    build('T-DOCK', seq, [[30 + seq, 'ShipmentDispatched', undefined, { shipmentId, containerIds: [containerId], customerId: 'AWS000001', items: [item(containerId, quantity)] }]]);
  const start = (env: Record<string, string> = {}) => {
    service = startEdiService(server.database.db, { ...ediSettings(dir, env), pollMs: 60_000, graceMs: 0 }, undefined, () => now);
    return service;
  };
  const at = async (iso: string) => {
    now = new Date(iso);
    await service!.tick();
  };

  beforeEach(async () => {
    server = await createTestServer();
    dir = mkdtempSync(join(tmpdir(), 'takt-dock-retention-'));
    await seedCustomer(server.database.db);
    expect((await upsertMaster(server.database.db, 'line', { id: 'DOCK', plantId: 'P1', name: 'Versand' })).ok).toBe(true);
    await server.addOrder('ORD-1', 'L1');
    for (const [id, lineId] of [['T-PACK', 'L1'], ['T-DOCK', 'DOCK']] as const) tokens[id] = await server.addTerminal(id, lineId);
    expect((await upsertMaster(server.database.db, 'terminal', { id: 'T-DOCK', lineId: 'DOCK', name: 'T-DOCK', ships: true })).ok).toBe(true);
    const production = [...started('T-PACK'), ...build('T-PACK', 3, [...packed(2, 'C-1', 500), ...packed(3, 'C-2', 48), ...packed(4, 'C-3', 10)])];
    expect((await push(server.app, tokens['T-PACK']!, 'T-PACK', production)).statusCode).toBe(200);
    // SH-1 (C-1) is accepted; SH-2 (C-2, on hold) is refused; C-3 never leaves.
    expect((await upsertMaster(server.database.db, 'container-hold', { id: 'H-2', containerId: packageNumberOf('C-2'), reason: 'Sichtprüfung offen' })).ok).toBe(true);
    expect((await push(server.app, tokens['T-DOCK']!, 'T-DOCK', [...truck(1, 'SH-1', 'C-1', 500), ...truck(2, 'SH-2', 'C-2', 48)])).statusCode).toBe(200);
  });
  afterEach(async () => {
    await service?.close();
    service = undefined;
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('retires a container shipped on an accepted truck once the truck is older than the retention, through the same revisions', async () => {
    start();
    await at('2025-03-03T08:00:00.000Z');
    const { seen, rev } = await pull();
    expect(docks(seen).map((c) => c.id).sort()).toEqual(['C-1', 'C-2', 'C-3']);

    // Thirteen days on: still within the default fourteen.
    await at('2025-03-16T08:00:00.000Z');
    expect(docks((await pull(rev)).seen)).toEqual([]);

    await at('2025-03-17T08:00:00.000Z');
    const later = await pull(rev);
    expect(docks(later.seen)).toEqual([{ kind: 'dock-container', id: 'C-1', rev: expect.any(Number), deleted: true }]);
    // A terminal pulling from the start never sees it; the refused and the unshipped one stay.
    expect(docks((await pull()).seen).filter((c) => !c.deleted).map((c) => c.id).sort()).toEqual(['C-2', 'C-3']);
    // Retired once: the next run changes nothing.
    await at('2025-03-18T09:00:00.000Z');
    expect(docks((await pull(later.rev)).seen)).toEqual([]);
  });

  it('takes the number of days from TAKT_DOCK_RETENTION_DAYS and runs at most once an hour', async () => {
    start({ TAKT_DOCK_RETENTION_DAYS: '2' });
    await at('2025-03-03T08:00:00.000Z');
    const { rev } = await pull();
    await at('2025-03-05T06:00:00.000Z');
    expect(docks((await pull(rev)).seen)).toEqual([]);
    // Two days after SH-1 (06:31), but within the hour of the last run: not yet.
    await at('2025-03-05T06:45:00.000Z');
    expect(docks((await pull(rev)).seen)).toEqual([]);
    await at('2025-03-05T07:00:00.000Z');
    expect(docks((await pull(rev)).seen).map((c) => [c.id, c.deleted])).toEqual([['C-1', true]]);
  });

  it('refuses a retention that is not a whole number of days, naming the variable', () => {
    expect(dockRetentionDays(undefined)).toBe(DEFAULT_DOCK_RETENTION_DAYS);
    expect(ediSettings(dir, {}).dockRetentionDays).toBe(14);
    for (const bad of ['0', '-3', '1.5', 'two weeks']) expect(() => dockRetentionDays(bad), bad).toThrow(/TAKT_DOCK_RETENTION_DAYS/);
  });
});
