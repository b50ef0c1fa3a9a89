import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MasterKindName } from '../../shared/master-data';
import { verifyPin } from '../../shared/pin';
import { runServerCli } from '../../server/cli/index';
import { getMaster, upsertMaster } from '../../server/master-data-store';
import { addUser } from '../../server/users/user-store';
import { captureIo } from './support/capture-io';
import { bearer, createTestServer, errorCode, type TestServer } from './support/test-server';

const PASSWORD = 'korrekt-Pferd-9';

interface Who {
  cookie: string;
  csrf: string;
}

/** A file with a bad row 3, a duplicate id in row 5 and a short row 6: the CLI's own example. */
const BAD_CSV = ['id,materialId,batch,reason', 'BB-OK,M-X,B-1,fine row', 'BB-BAD,M-X,,missing batch', 'BB-OK2,M-X,B-2,fine too', 'BB-OK,M-X,B-3,duplicate id', 'BB-SHORT,M-X'].join('\n');

describe('the master-data page API: read every kind, edit the daily ones, import like takt import', () => {
  let server: TestServer;
  let dir: string;
  const who: Record<string, Who> = {};

  beforeAll(async () => {
    server = await createTestServer();
    dir = mkdtempSync(join(tmpdir(), 'takt-web-master-'));
    for (const [username, role] of [
      ['qa', 'quality'],
      ['lead', 'shift-lead'],
      ['it', 'plant-it'],
      ['gast', 'viewer'],
    ] as const) {
      expect((await addUser(server.database.db, { username, role, password: PASSWORD, displayName: username })).ok).toBe(true);
      const res = await server.app.inject({ method: 'POST', url: '/api/v1/web/login', payload: { username, password: PASSWORD } });
      const cookie = /takt_session=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1] ?? '';
      who[username] = { cookie: `takt_session=${cookie}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
    }
    const db = server.database.db;
    await upsertMaster(db, 'material', { id: 'M-X', number: 'X-1', name: 'Teil X' });
    await upsertMaster(db, 'operator', { id: 'OP-1', name: 'Anna', badge: 'B-100', role: 'shift-lead', lineIds: ['L1'], pinHash: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g' });
    await upsertMaster(db, 'scrap-reason', { id: 'SR-1', code: 'KRATZER', group: 'surface', label: { de: 'Kratzer', en: 'Scratch' } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (name: string, method: 'GET' | 'PUT' | 'DELETE' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> => {
    const w = who[name]!;
    return server.app.inject({ method, url, headers: { cookie: w.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': w.csrf }), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  };

  it('needs a session or a token to read, and lists every kind with its count', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/web/master' })).statusCode).toBe(401);
    const res = await as('gast', 'GET', '/api/v1/web/master');
    expect(res.statusCode).toBe(200);
    const { kinds } = res.json() as { kinds: { kind: string; count: number; editable: boolean }[] };
    expect(kinds.map((k) => k.kind)).toEqual(MasterKindName.options);
    expect(kinds.find((k) => k.kind === 'operator')).toEqual({ kind: 'operator', count: 1, editable: false });
    const lead = (await as('lead', 'GET', '/api/v1/web/master')).json() as { kinds: { kind: string; editable: boolean }[] };
    expect(lead.kinds.filter((k) => k.editable).map((k) => k.kind).sort()).toEqual(['downtime-reason', 'operator', 'scrap-reason']);
    const admin = await server.app.inject({ method: 'GET', url: '/api/v1/web/master/material', headers: bearer(server.adminToken) });
    expect(admin.json()).toMatchObject({ kind: 'material', rows: [{ data: { id: 'M-X', name: 'Teil X' } }] });
  });

  it('reads the rows of a kind in pages, and never hands out a PIN hash', async () => {
    const res = await as('gast', 'GET', '/api/v1/web/master/operator');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ kind: 'operator', editable: false, rows: [{ rev: expect.any(Number), data: { id: 'OP-1', name: 'Anna', badge: 'B-100', role: 'shift-lead', lineIds: ['L1'], hasPin: true } }] });
    expect(res.body).not.toContain('scrypt');
    for (let i = 0; i < 3; i++) await upsertMaster(server.database.db, 'plant', { id: `P${i}`, name: `Werk ${i}` });
    const first = (await as('gast', 'GET', '/api/v1/web/master/plant?limit=2')).json() as { rows: { data: { id: string } }[]; next?: string };
    expect([first.rows.map((r) => r.data.id), first.next]).toEqual([['P0', 'P1'], 'P1']);
    const second = (await as('gast', 'GET', `/api/v1/web/master/plant?limit=2&after=${first.next}`)).json() as typeof first;
    expect([second.rows.map((r) => r.data.id), second.next]).toEqual([['P2'], undefined]);
  });

  it('answers bad input with a coded error', async () => {
    const unknown = await as('gast', 'GET', '/api/v1/web/master/widgets');
    expect([unknown.statusCode, errorCode(unknown)]).toEqual([404, 'not-found']);
    const limit = await as('gast', 'GET', '/api/v1/web/master/plant?limit=0');
    expect([limit.statusCode, errorCode(limit)]).toEqual([400, 'bad-request']);
    const notObject = await as('lead', 'PUT', '/api/v1/web/master/scrap-reason/SR-2', [1, 2]);
    expect([notObject.statusCode, errorCode(notObject)]).toEqual([400, 'bad-request']);
    const missing = await as('lead', 'PUT', '/api/v1/web/master/scrap-reason/SR-2', { code: 'X', group: 'g' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({ error: { code: 'bad-request', message: expect.stringMatching(/^scrap-reason SR-2: label: /) } });
    const otherId = await as('lead', 'PUT', '/api/v1/web/master/scrap-reason/SR-2', { id: 'SR-3', code: 'X', group: 'g', label: { de: 'x', en: 'x' } });
    expect(otherId.json().error.message).toContain('does not match');
    const hash = await as('lead', 'PUT', '/api/v1/web/master/operator/OP-1', { name: 'Anna', badge: 'B', role: 'operator', pinHash: 'scrypt$x' });
    expect([hash.statusCode, errorCode(hash)]).toEqual([400, 'bad-request']);
    const shortPin = await as('lead', 'PUT', '/api/v1/web/master/operator/OP-1', { name: 'Anna', badge: 'B', role: 'shift-lead', pin: '1234' });
    expect(shortPin.json().error.message).toContain('approves overrides and needs 6');
    const badImport = await as('it', 'POST', '/api/v1/web/master/plant/import', { format: 'xml', text: '' });
    expect([badImport.statusCode, errorCode(badImport)]).toEqual([400, 'bad-request']);
    const notEditable = await as('it', 'PUT', '/api/v1/web/master/material/M-X', { number: 'X-1', name: 'Teil X' });
    expect(notEditable.statusCode).toBe(404);
    expect(await getMaster(server.database.db, 'scrap-reason', 'SR-2')).toBeUndefined();
  });

  it('lets each role edit what the roles table gives it, on the API itself, with CSRF', async () => {
    const reason = { code: 'LUNKER', group: 'casting', label: { de: 'Lunker', en: 'Cavity' } };
    const viewer = await as('gast', 'PUT', '/api/v1/web/master/scrap-reason/SR-2', reason);
    expect(viewer.json()).toEqual({ error: { code: 'forbidden', message: 'role viewer may not reasons.edit' } });
    expect((await as('gast', 'DELETE', '/api/v1/web/master/scrap-reason/SR-1')).statusCode).toBe(403);
    expect((await as('qa', 'PUT', '/api/v1/web/master/operator/OP-1', { name: 'Anna', badge: 'B-7', role: 'operator' })).statusCode).toBe(403);
    expect((await as('lead', 'PUT', '/api/v1/web/master/blocked-batch/BB-1', { materialId: 'M-X', batch: 'B-1', reason: 'x' })).statusCode).toBe(403);
    expect((await as('lead', 'PUT', '/api/v1/web/master/scrap-reason/SR-2', reason, { 'x-csrf-token': '' })).statusCode).toBe(403);
    expect(await getMaster(server.database.db, 'scrap-reason', 'SR-2')).toBeUndefined();

    const made = await as('qa', 'PUT', '/api/v1/web/master/scrap-reason/SR-2', reason);
    expect(made.json()).toEqual({ kind: 'scrap-reason', id: 'SR-2', changed: true });
    expect(await getMaster(server.database.db, 'scrap-reason', 'SR-2')).toEqual({ id: 'SR-2', ...reason });
    const blocked = await as('qa', 'PUT', '/api/v1/web/master/blocked-batch/BB-1', { materialId: 'M-X', batch: 'B-1', reason: 'Reklamation' });
    expect(blocked.statusCode).toBe(200);
    const rows = await server.database.db.selectFrom('blocked_batches').select(['master_id', 'batch']).execute();
    expect(rows).toEqual([{ master_id: 'BB-1', batch: 'B-1' }]);
    expect((await as('qa', 'DELETE', '/api/v1/web/master/blocked-batch/BB-1')).json()).toEqual({ kind: 'blocked-batch', id: 'BB-1', deleted: true });
    expect(await server.database.db.selectFrom('blocked_batches').selectAll().execute()).toEqual([]);
    const gone = await as('qa', 'DELETE', '/api/v1/web/master/scrap-reason/SR-404');
    expect([gone.statusCode, errorCode(gone)]).toEqual([404, 'not-found']);
  });

  it('changes an operator badge and role and keeps the PIN unless a new one is given', async () => {
    const before = (await getMaster(server.database.db, 'operator', 'OP-1')) as { pinHash: string };
    const edited = await as('lead', 'PUT', '/api/v1/web/master/operator/OP-1', { name: 'Anna', badge: 'B-200', role: 'quality', lineIds: ['L1', 'L2'] });
    expect(edited.statusCode).toBe(200);
    expect(await getMaster(server.database.db, 'operator', 'OP-1')).toEqual({ id: 'OP-1', name: 'Anna', badge: 'B-200', role: 'quality', lineIds: ['L1', 'L2'], pinHash: before.pinHash });
    expect((await as('it', 'PUT', '/api/v1/web/master/operator/OP-1', { name: 'Anna', badge: 'B-200', role: 'quality', lineIds: ['L1'], pin: '864209' })).statusCode).toBe(200);
    const after = (await getMaster(server.database.db, 'operator', 'OP-1')) as { pinHash: string };
    expect(after.pinHash).not.toBe(before.pinHash);
    expect(verifyPin('864209', after.pinHash)).toBe(true);
  });

  it('imports a file with the same row-numbered errors as takt import, all or nothing', async () => {
    const path = join(dir, 'blocked.csv');
    writeFileSync(path, BAD_CSV);
    const io = captureIo(server.database.env);
    expect(await runServerCli(['import', 'blocked-batch', path, '--json', '--data', server.database.dataDir], io)).toBe(1);
    const cli = JSON.parse(io.err()) as { error: { code: string; rows: { row: number; message: string }[] } };

    const web = await as('it', 'POST', '/api/v1/web/master/blocked-batch/import', { format: 'csv', text: BAD_CSV });
    expect(web.statusCode).toBe(400);
    expect(web.json()).toEqual(cli);
    expect(cli.error.code).toBe('import-invalid');
    expect(cli.error.rows.map((r) => r.row)).toEqual([3, 5, 6]);
    expect(await server.database.db.selectFrom('blocked_batches').selectAll().execute()).toEqual([]);

    const notJson = await as('it', 'POST', '/api/v1/web/master/plant/import', { format: 'json', text: '{oops' });
    expect(notJson.json().error).toMatchObject({ code: 'import-invalid', rows: [{ row: 0, message: expect.stringMatching(/^not JSON/) }] });

    const good = await as('it', 'POST', '/api/v1/web/master/downtime-reason/import', {
      format: 'json',
      text: JSON.stringify([{ id: 'DR-1', lineId: 'L1', code: 'TOOL', loss: 'availability', label: { de: 'Werkzeugwechsel', en: 'Tool change' } }]),
    });
    expect(good.json()).toEqual({ kind: 'downtime-reason', rows: 1, changed: 1 });
    expect((await as('lead', 'POST', '/api/v1/web/master/downtime-reason/import', { format: 'json', text: '[]' })).statusCode).toBe(403);
  });

  it('writes every edit, refusal and import into the audit log under the person, never the PIN', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/v1/audit?limit=200', headers: bearer(server.adminToken) });
    const entries = (res.json() as { entries: { actor: string; action: string; target: string; status: number; detail: Record<string, unknown> | null }[] }).entries;
    const mine = entries.filter((e) => e.action.startsWith('master.'));
    expect(mine).toContainEqual(expect.objectContaining({ actor: 'qa', action: 'master.edit', target: 'scrap-reason SR-2', status: 200 }));
    expect(mine).toContainEqual(expect.objectContaining({ actor: 'gast', action: 'master.edit', status: 403 }));
    expect(mine).toContainEqual(expect.objectContaining({ actor: 'qa', action: 'master.delete', target: 'blocked-batch BB-1', status: 200 }));
    expect(mine).toContainEqual(expect.objectContaining({ actor: 'it', action: 'master.import', target: 'blocked-batch', status: 400, detail: expect.objectContaining({ problems: 3 }) }));
    expect(mine).toContainEqual(expect.objectContaining({ actor: 'it', action: 'master.edit', target: 'operator OP-1', detail: expect.objectContaining({ badge: 'B-200', pin: 'changed' }) }));
    expect(JSON.stringify(entries)).not.toContain('864209');
  });
});
