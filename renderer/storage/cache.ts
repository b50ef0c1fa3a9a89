import Dexie, { type Table } from 'dexie';
import type { Result } from '../../shared/errors';
import { MASTER_KINDS, type Line, type MasterKind, type MasterRowByKind, type Operator, type Order, type Terminal } from '../../shared/master-data';
import type { PullResponse } from '../../shared/sync-protocol';
import type { MetaRow } from './meta';
import { applyVersions, cacheDbName, CACHE_VERSIONS } from './schema';
import { logger } from '../lib/log';

/**
 * Master data on the terminal (DESIGN §4): relaxed durability, since it can
 * always be pulled again. A pulled page and its checkpoint are written in one
 * transaction, so a crash never leaves a checkpoint ahead of its rows.
 */

export interface MasterRow<K extends MasterKind = MasterKind> {
  kind: K;
  id: string;
  rev: number;
  data: MasterRowByKind[K];
}

export interface ApplyPullSummary {
  upserted: number;
  deleted: number;
  /** Rows whose data failed the kind's schema; kept out of the cache, reported. */
  rejected: { kind: string; id: string; message: string }[];
  checkpoint: number;
}

const PULL_REV = 'pullRev';

export class Cache {
  private readonly master: Table<MasterRow, [string, string]>;
  private readonly meta: Table<MetaRow, string>;

  private constructor(
    private readonly db: Dexie,
    private readonly terminalId: string,
  ) {
    this.master = db.table('master');
    this.meta = db.table('meta');
  }

  static async open(terminalId: string): Promise<Cache> {
    const db = new Dexie(cacheDbName(terminalId), { chromeTransactionDurability: 'relaxed' });
    applyVersions(db, CACHE_VERSIONS);
    await db.open();
    return new Cache(db, terminalId);
  }

  close(): void {
    this.db.close();
  }

  /** The revision to pull after, or null before the first pull. */
  async checkpoint(): Promise<number | null> {
    const row = await this.meta.get(PULL_REV);
    return typeof row?.value === 'number' ? row.value : null;
  }

  async applyPull(page: PullResponse): Promise<Result<ApplyPullSummary>> {
    const upserts: MasterRow[] = [];
    const deletes: [string, string][] = [];
    const rejected: ApplyPullSummary['rejected'] = [];
    for (const change of page.changes) {
      if (change.deleted) {
        deletes.push([change.kind, change.id]);
        continue;
      }
      const parsed = MASTER_KINDS[change.kind].safeParse(change.data);
      if (!parsed.success) {
        rejected.push({ kind: change.kind, id: change.id, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
        continue;
      }
      upserts.push({ kind: change.kind, id: change.id, rev: change.rev, data: parsed.data } as MasterRow);
    }
    const dropDock = this.stopsShipping(page);
    let dropped = 0;
    try {
      await this.db.transaction('rw', this.master, this.meta, async () => {
        if (dropDock) dropped = await this.master.where('kind').equals('dock-container').delete();
        if (deletes.length > 0) await this.master.bulkDelete(deletes);
        if (upserts.length > 0) await this.master.bulkPut(upserts);
        await this.meta.put({ key: PULL_REV, value: page.rev });
      });
    } catch (err) {
      return { ok: false, error: { code: 'cache-write-failed', message: err instanceof Error ? err.message : String(err) } };
    }
    if (rejected.length > 0) logger('cache').warn('rejected master rows', rejected);
    return { ok: true, value: { upserted: upserts.length, deleted: deletes.length + dropped, rejected, checkpoint: page.rev } };
  }

  /**
   * The page says this terminal no longer ships (its own row without
   * `ships`, or gone): the plant's containers leave its scope at the server,
   * which sends no tombstones for rows a terminal can no longer see, so the
   * cache drops them itself rather than offer stale ones for loading.
   */
  private stopsShipping(page: PullResponse): boolean {
    const own = page.changes.filter((c) => c.kind === 'terminal' && c.id === this.terminalId).at(-1);
    if (!own) return false;
    return own.deleted || (own.data as { ships?: unknown } | undefined)?.ships !== true;
  }

  async get<K extends MasterKind>(kind: K, id: string): Promise<MasterRowByKind[K] | undefined> {
    const row = await this.master.get([kind, id]);
    return row?.data as MasterRowByKind[K] | undefined;
  }

  async all<K extends MasterKind>(kind: K): Promise<MasterRowByKind[K][]> {
    const rows = await this.master.where('kind').equals(kind).toArray();
    return rows.map((r) => r.data as MasterRowByKind[K]);
  }

  operators(): Promise<Operator[]> {
    return this.all('operator');
  }

  lines(): Promise<Line[]> {
    return this.all('line');
  }

  terminal(id: string): Promise<Terminal | undefined> {
    return this.get('terminal', id);
  }

  async ordersForLine(lineId: string): Promise<Order[]> {
    const orders = await this.all('order');
    return orders.filter((o) => o.lineId === lineId);
  }
}
