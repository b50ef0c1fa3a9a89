import { afterEach, describe, expect, it } from 'vitest';
import { Cache } from '../../../renderer/storage/cache';
import { change, demoPage, tombstone, uniqueTerminalId } from '../support/fixtures';

let open: Cache[] = [];
async function openCache(id = uniqueTerminalId()): Promise<Cache> {
  const c = await Cache.open(id);
  open.push(c);
  return c;
}
afterEach(() => {
  for (const c of open) c.close();
  open = [];
});

describe('Cache', () => {
  it('has no checkpoint before the first pull', async () => {
    const cache = await openCache();
    expect(await cache.checkpoint()).toBeNull();
  });

  it('applies a page and its checkpoint; typed reads', async () => {
    const cache = await openCache('T-7');
    const res = await cache.applyPull(demoPage('T-7'));
    expect(res.ok).toBe(true);
    expect(await cache.checkpoint()).toBe(10);
    expect((await cache.operators()).map((o) => o.name).sort()).toEqual(['Anna Becker', 'Petra Schmidt']);
    expect(await cache.terminal('T-7')).toEqual({ id: 'T-7', lineId: 'L1', name: 'Terminal 1' });
    expect((await cache.lines()).map((l) => l.id).sort()).toEqual(['L1', 'L2']);
    expect((await cache.ordersForLine('L1')).map((o) => o.number).sort()).toEqual(['PO-1001', 'PO-1002', 'PO-1003']);
    // Schema defaults are applied on the way in.
    expect((await cache.get('material', 'm-1'))?.unit).toBe('pcs');
  });

  it('upserts newer rows and deletes tombstoned ones', async () => {
    const cache = await openCache('T-8');
    await cache.applyPull(demoPage('T-8'));
    const res = await cache.applyPull({
      changes: [
        change('operator', 'op-anna', 11, { id: 'op-anna', name: 'Anna Becker-Klein', badge: 'B1001', role: 'operator' }),
        tombstone('order', 'o-1', 12),
        tombstone('order', 'does-not-exist', 13),
      ],
      rev: 13,
      hasMore: false,
    });
    expect(res.ok && res.value).toMatchObject({ upserted: 1, deleted: 2, checkpoint: 13 });
    expect((await cache.get('operator', 'op-anna'))?.name).toBe('Anna Becker-Klein');
    expect(await cache.get('order', 'o-1')).toBeUndefined();
    expect(await cache.checkpoint()).toBe(13);
  });

  it('keeps rows that fail their schema out and reports them, still advancing the checkpoint', async () => {
    const cache = await openCache();
    const res = await cache.applyPull({ changes: [change('operator', 'x', 1, { id: 'x', badge: 'B1' })], rev: 1, hasMore: false });
    expect(res.ok && res.value.rejected.map((r) => r.id)).toEqual(['x']);
    expect(await cache.operators()).toEqual([]);
    expect(await cache.checkpoint()).toBe(1);
  });

  it('drops the plant’s containers when its own terminal row stops shipping, and keeps them while it ships', async () => {
    const cache = await openCache('T-DOCK');
    const dock = (id: string, rev: number) =>
      change('dock-container', id, rev, { id, materialId: 'M-1', quantity: 5, batches: [], status: 'closed', labelled: true, plantId: 'P1', terminalId: 'T-PACK', updatedAt: '2025-03-03T06:00:00.000Z' });
    const own = (rev: number, ships?: boolean) => change('terminal', 'T-DOCK', rev, { id: 'T-DOCK', lineId: 'DOCK', name: 'Tor 3', ...(ships ? { ships } : {}) });
    await cache.applyPull({ changes: [own(1, true), dock('C-1', 2), dock('C-2', 3)], rev: 3, hasMore: false });
    // Another terminal's row, or its own renamed while it still ships, changes nothing.
    await cache.applyPull({ changes: [change('terminal', 'T-OTHER', 4, { id: 'T-OTHER', lineId: 'DOCK', name: 'x' }), own(5, true)], rev: 5, hasMore: false });
    expect((await cache.all('dock-container')).map((d) => d.id)).toEqual(['C-1', 'C-2']);

    const res = await cache.applyPull({ changes: [own(6)], rev: 6, hasMore: false });
    expect(res.ok && res.value).toMatchObject({ upserted: 1, deleted: 2 });
    expect(await cache.all('dock-container')).toEqual([]);
    expect(await cache.terminal('T-DOCK')).toEqual({ id: 'T-DOCK', lineId: 'DOCK', name: 'Tor 3' });
  });

  it('an empty first page still marks master data as pulled', async () => {
    const cache = await openCache();
    await cache.applyPull({ changes: [], rev: 0, hasMore: false });
    expect(await cache.checkpoint()).toBe(0);
  });
});
