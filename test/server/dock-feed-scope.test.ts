import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerTerminal, setTerminalShips } from '../../server/credentials-store';
import { upsertMaster } from '../../server/master-data-store';
import { seedCustomer } from './support/edi-customer';
import { build, docks, packed, pullAll, started } from './support/dock-events';
import { bearer, createTestServer, push, type TestServer } from './support/test-server';

/**
 * A terminal whose scope opens onto a plant's containers after it has pulled
 * (it starts shipping, or moves to a line of another plant, or its line
 * does) is past their revisions: on SQLite and (TAKT_TEST_DATABASE_URL)
 * PostgreSQL its next pull after its cursor still carries every current
 * container of the plant, and its long poll wakes for them. One that stops
 * shipping receives none any more.
 */
describe('the dock feed when a terminal starts or stops shipping', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const pull = (terminalId: string, after = 0) => pullAll(server.app, tokens[terminalId]!, 500, after);
  const dockIds = async (terminalId: string, after: number) => docks((await pull(terminalId, after)).seen).map((c) => c.id).sort();
  const write = async (kind: 'plant' | 'line' | 'terminal', row: object) => expect((await upsertMaster(server.database.db, kind, row as never)).ok).toBe(true);

  beforeEach(async () => {
    server = await createTestServer();
    await seedCustomer(server.database.db);
    await write('plant', { id: 'P2', name: 'Werk Süd' });
    await write('line', { id: 'DOCK', plantId: 'P1', name: 'Versand' });
    await write('line', { id: 'L9', plantId: 'P2', name: 'Süd 9' });
    await server.addOrder('ORD-1', 'L1');
    for (const [id, lineId] of [['T-PACK', 'L1'], ['T-DOCK', 'DOCK'], ['T-SOUTH', 'L9']] as const) tokens[id] = await server.addTerminal(id, lineId);
    const production = [...started('T-PACK'), ...build('T-PACK', 3, [...packed(2, 'C-1', 500), ...packed(3, 'C-2', 48), ...packed(4, 'C-3', 10, false)])];
    expect((await push(server.app, tokens['T-PACK']!, 'T-PACK', production)).statusCode).toBe(200);
  });
  afterEach(() => server.close());

  it('offers the plant’s current containers to a terminal that starts shipping after it pulled, and wakes it', async () => {
    const { seen, rev } = await pull('T-DOCK');
    expect(docks(seen)).toEqual([]);
    expect((await setTerminalShips(server.database.db, 'T-DOCK', true))?.changed).toBe(true);

    const notify = await server.app.inject({ method: 'GET', url: `/api/v1/sync/notify?since=${rev}&wait=0`, headers: bearer(tokens['T-DOCK']!) });
    expect(notify.json()).toMatchObject({ changed: true });
    const after = await pull('T-DOCK', rev);
    expect(docks(after.seen).map((c) => c.id).sort()).toEqual(['C-1', 'C-2']);
    expect(docks(after.seen).find((c) => c.id === 'C-1')?.data).toMatchObject({ quantity: 500, plantId: 'P1', status: 'closed' });
    // The terminal's own row comes first, so a terminal applying page by page learns it ships before the rows arrive.
    const ownRev = after.seen.find((c) => c.kind === 'terminal' && c.id === 'T-DOCK')!.rev;
    expect(docks(after.seen).every((c) => c.rev > ownRev)).toBe(true);
    // Nothing new opened: a second "on" or a rename re-offers nothing.
    expect((await setTerminalShips(server.database.db, 'T-DOCK', true))?.changed).toBe(false);
    await write('terminal', { id: 'T-DOCK', lineId: 'DOCK', name: 'Tor 3', ships: true });
    expect(await dockIds('T-DOCK', after.rev)).toEqual([]);
  });

  it('offers them to a shipping terminal moved to a line of another plant', async () => {
    await setTerminalShips(server.database.db, 'T-SOUTH', true);
    const { seen, rev } = await pull('T-SOUTH');
    expect(docks(seen)).toEqual([]);
    tokens['T-SOUTH'] = (await registerTerminal(server.database.db, { id: 'T-SOUTH', lineId: 'DOCK' })).token;
    expect(await dockIds('T-SOUTH', rev)).toEqual(['C-1', 'C-2']);
  });

  it('offers them to the shipping terminals of a line moved to another plant', async () => {
    await write('line', { id: 'DOCK', plantId: 'P2', name: 'Versand' });
    await setTerminalShips(server.database.db, 'T-DOCK', true);
    const { seen, rev } = await pull('T-DOCK');
    expect(docks(seen)).toEqual([]);
    await write('line', { id: 'DOCK', plantId: 'P1', name: 'Versand' });
    expect(await dockIds('T-DOCK', rev)).toEqual(['C-1', 'C-2']);
  });

  it('sends a terminal that stops shipping its own row without the flag and no container after it', async () => {
    await setTerminalShips(server.database.db, 'T-DOCK', true);
    const { seen, rev } = await pull('T-DOCK');
    expect(docks(seen).map((c) => c.id).sort()).toEqual(['C-1', 'C-2']);
    await setTerminalShips(server.database.db, 'T-DOCK', false);
    expect((await push(server.app, tokens['T-PACK']!, 'T-PACK', build('T-PACK', 12, [[9, 'ContainerClosed', undefined, { containerId: 'C-3' }]]))).statusCode).toBe(200);
    const after = await pull('T-DOCK', rev);
    expect(after.seen.filter((c) => c.kind === 'terminal' && c.id === 'T-DOCK').map((c) => c.data)).toEqual([{ id: 'T-DOCK', lineId: 'DOCK', name: 'T-DOCK' }]);
    expect(docks(after.seen)).toEqual([]);
    expect(docks((await pull('T-DOCK')).seen)).toEqual([]);
  });
});
