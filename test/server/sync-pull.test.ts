import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/sync-protocol';
import { bearer, createTestServer, errorCode, type TestServer } from './support/test-server';

const order = (id: string, lineId: string, quantity = 10) => ({
  number: id,
  lineId,
  materialId: 'M-1',
  quantity,
  dueDate: '2025-01-06',
  status: 'released',
});

describe('master-data writes and GET /api/v1/sync/pull', () => {
  let server: TestServer;
  let l1Token: string;
  let l2Token: string;
  const put = (kind: string, id: string, body: unknown) =>
    server.app.inject({ method: 'PUT', url: `/api/v1/master/${kind}/${id}`, headers: bearer(server.adminToken), payload: body as object });
  const del = (kind: string, id: string) => server.app.inject({ method: 'DELETE', url: `/api/v1/master/${kind}/${id}`, headers: bearer(server.adminToken) });
  const pull = async (token: string, after: number, limit: number): Promise<PullResponse> => {
    const res = await server.app.inject({ method: 'GET', url: `/api/v1/sync/pull?after=${after}&limit=${limit}`, headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  /** Pulls page by page as a terminal does and returns every change seen. */
  const pullAll = async (token: string, limit: number) => {
    const seen: PullResponse['changes'] = [];
    let after = 0;
    for (let pages = 0; pages < 100; pages++) {
      const page = await pull(token, after, limit);
      seen.push(...page.changes);
      after = page.rev;
      if (!page.hasMore) return { seen, rev: after, pages: pages + 1 };
    }
    throw new Error('pull did not finish');
  };

  beforeAll(async () => {
    server = await createTestServer();
    // registerTerminal writes the two terminal master rows (revisions 1 and 2).
    l1Token = await server.addTerminal('T-L1', 'L1');
    l2Token = await server.addTerminal('T-L2', 'L2');
    expect((await put('line', 'L1', { plantId: 'P1', name: 'Montage 1' })).statusCode).toBe(200);
    expect((await put('line', 'L2', { plantId: 'P1', name: 'Montage 2' })).statusCode).toBe(200);
    for (const n of [1, 2, 3, 4, 5]) expect((await put('order', `ORD-10${n}`, order(`ORD-10${n}`, 'L1'))).statusCode).toBe(200);
    expect((await put('order', 'ORD-201', order('ORD-201', 'L2'))).statusCode).toBe(200);
    expect((await put('order', 'ORD-102', order('ORD-102', 'L1', 99))).statusCode).toBe(200);
    expect((await del('order', 'ORD-103')).statusCode).toBe(200);
  });
  afterAll(() => server.close());

  it('pages through changes in revision order with tombstones and the latest state only', async () => {
    const { seen, rev, pages } = await pullAll(l1Token, 3);
    expect(pages).toBeGreaterThan(2);
    const revs = seen.map((c) => c.rev);
    expect(revs).toEqual([...revs].sort((a, b) => a - b));
    const orders = seen.filter((c) => c.kind === 'order');
    expect(orders.map((c) => c.id)).toEqual(['ORD-101', 'ORD-104', 'ORD-105', 'ORD-102', 'ORD-103']);
    expect(orders.find((c) => c.id === 'ORD-103')).toEqual({ kind: 'order', id: 'ORD-103', rev: expect.any(Number), deleted: true });
    expect(orders.find((c) => c.id === 'ORD-102')?.data).toMatchObject({ quantity: 99, bom: [], operations: [] });
    expect(rev).toBe(revs.at(-1));
    expect(await pull(l1Token, rev, 3)).toEqual({ changes: [], rev, hasMore: false });
  });

  it("never shows a terminal another line's orders, terminals or tombstones", async () => {
    const { seen } = await pullAll(l2Token, 2);
    const ids = seen.map((c) => `${c.kind}:${c.id}`);
    expect(ids).toContain('order:ORD-201');
    expect(ids).toContain('terminal:T-L2');
    expect(ids).toEqual(expect.arrayContaining(['line:L1', 'line:L2']));
    expect(ids.filter((id) => id.startsWith('order:') && id !== 'order:ORD-201')).toEqual([]);
    expect(ids).not.toContain('terminal:T-L1');
  });

  it('refuses a bad query with 400', async () => {
    for (const query of ['after=-1', 'limit=0', 'limit=100000', 'after=abc']) {
      const res = await server.app.inject({ method: 'GET', url: `/api/v1/sync/pull?${query}`, headers: bearer(l1Token) });
      expect(res.statusCode, query).toBe(400);
      expect(errorCode(res)).toBe('bad-request');
    }
  });

  it('validates master rows against their kind and keeps ids consistent', async () => {
    const invalid = await put('order', 'ORD-X', { ...order('ORD-X', 'L1'), quantity: 0 });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toContain('quantity');
    expect((await put('order', 'ORD-X', { ...order('ORD-X', 'L1'), id: 'ORD-Y' })).statusCode).toBe(400);
    expect((await put('gizmo', 'G-1', { id: 'G-1' })).statusCode).toBe(404);
    expect((await put('line', 'L3', [1, 2])).statusCode).toBe(400);
    expect((await del('order', 'ORD-NEVER')).statusCode).toBe(404);
  });

  it('takes a new revision per change, none for an identical write or a repeated delete', async () => {
    const first = (await put('scrap-reason', 'SR-1', { code: 'X', group: 'g', label: { de: 'a', en: 'b' } })).json();
    const same = (await put('scrap-reason', 'SR-1', { code: 'X', group: 'g', label: { de: 'a', en: 'b' } })).json();
    expect(same).toEqual({ ...first, changed: false });
    const changed = (await put('scrap-reason', 'SR-1', { code: 'Y', group: 'g', label: { de: 'a', en: 'b' } })).json();
    expect(changed.rev).toBeGreaterThan(first.rev);
    const deleted = (await del('scrap-reason', 'SR-1')).json();
    expect(deleted).toMatchObject({ deleted: true, changed: true });
    expect(deleted.rev).toBeGreaterThan(changed.rev);
    expect((await del('scrap-reason', 'SR-1')).json()).toMatchObject({ rev: deleted.rev, changed: false });
    const revived = (await put('scrap-reason', 'SR-1', { code: 'Y', group: 'g', label: { de: 'a', en: 'b' } })).json();
    expect(revived).toMatchObject({ changed: true });
    expect(revived.rev).toBeGreaterThan(deleted.rev);
  });

  it('gives concurrent writers distinct revisions', async () => {
    const writes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => put('scrap-reason', `SR-C${i}`, { code: `C${i}`, group: 'g', label: { de: 'a', en: 'b' } })),
    );
    const revs = writes.map((w) => (w.json() as { rev: number }).rev);
    expect(new Set(revs).size).toBe(12);
  });

  it('lets only admins write master data', async () => {
    const res = await server.app.inject({ method: 'PUT', url: '/api/v1/master/line/L9', headers: bearer(l1Token), payload: { plantId: 'P1', name: 'x' } });
    expect(res.statusCode).toBe(403);
  });
});
