import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { applyVersions, CACHE_VERSIONS, JOURNAL_VERSIONS, type SchemaVersion } from '../../../renderer/storage/schema';
import { uniqueTerminalId } from '../support/fixtures';

describe('schema versions as data', () => {
  it('declares ascending versions for both databases', () => {
    for (const versions of [JOURNAL_VERSIONS, CACHE_VERSIONS]) {
      const numbers = versions.map((v) => v.version);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
      expect(new Set(numbers).size).toBe(numbers.length);
    }
    expect(JOURNAL_VERSIONS[0]!.stores).toMatchObject({ events: 'seq, id, type', meta: 'key' });
    expect(CACHE_VERSIONS[0]!.stores).toMatchObject({ master: '[kind+id], kind', meta: 'key' });
  });

  it('refuses versions out of order', () => {
    const db = new Dexie(`bad-${uniqueTerminalId()}`);
    expect(() => applyVersions(db, [{ version: 2, stores: { a: 'id' } }, { version: 1, stores: { a: 'id' } }])).toThrow(/ascending/);
  });

  it('an upgrade is a pure row transform: fixture in, fixture out', () => {
    const v2: SchemaVersion = { version: 2, stores: { items: 'id' }, upgrade: { items: (row) => ({ ...row, unit: row.unit ?? 'pcs' }) } };
    expect(v2.upgrade!.items!({ id: 'a' })).toEqual({ id: 'a', unit: 'pcs' });
    expect(v2.upgrade!.items!({ id: 'b', unit: 'kg' })).toEqual({ id: 'b', unit: 'kg' });
  });

  it('runs the transform over existing rows when the database upgrades', async () => {
    const name = `upgrade-${uniqueTerminalId()}`;
    const v1: SchemaVersion[] = [{ version: 1, stores: { items: 'id' } }];
    const db1 = new Dexie(name);
    applyVersions(db1, v1);
    await db1.table('items').bulkAdd([{ id: 'a' }, { id: 'b', unit: 'kg' }]);
    db1.close();

    const db2 = new Dexie(name);
    applyVersions(db2, [...v1, { version: 2, stores: { items: 'id, unit' }, upgrade: { items: (row) => ({ ...row, unit: row.unit ?? 'pcs' }) } }]);
    expect(await db2.table('items').orderBy('id').toArray()).toEqual([
      { id: 'a', unit: 'pcs' },
      { id: 'b', unit: 'kg' },
    ]);
    expect(await db2.table('items').where('unit').equals('pcs').count()).toBe(1);
    db2.close();
  });
});
