import type Dexie from 'dexie';

/**
 * Dexie schema versions as data (DESIGN §9). Each version lists its stores;
 * an upgrade is a pure row transform per table, so it can be tested with a
 * fixture row in and a fixture row out, without a database.
 */
export type RowTransform = (row: Record<string, unknown>) => Record<string, unknown>;

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: Record<string, RowTransform>;
}

/**
 * Journal v2: an `occurredAt` index (age of the oldest event for
 * retention and the status screen) and legacy rows normalised: every event
 * carries a numeric `schemaVersion` (v1 rows written before the field existed
 * count as 1) and its id in lower case, as the server stores it. Pure: a row
 * in, a row out; seq, payload and everything else pass through unchanged.
 */
export function journalEventV2(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  if (typeof out.schemaVersion !== 'number' || !Number.isInteger(out.schemaVersion) || out.schemaVersion < 1) out.schemaVersion = 1;
  if (typeof out.id === 'string') out.id = out.id.toLowerCase();
  return out;
}

export const JOURNAL_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      events: 'seq, id, type',
      meta: 'key',
    },
  },
  {
    version: 2,
    stores: {
      events: 'seq, id, type, occurredAt',
    },
    upgrade: { events: journalEventV2 },
  },
  {
    // Issue 7: print jobs are journal records (DESIGN §7) and survive restarts; a new, empty store.
    version: 3,
    stores: {
      printJobs: 'id, state, createdAt',
    },
  },
  {
    // Issues 8/9: journal snapshots (shared/journal-snapshot.ts), keyed by the seq they cover; the
    // `version` index lets retention find the latest snapshot it can read without loading any.
    // A new, empty store: existing events stay as they are, and nothing is pruned until the first snapshot.
    version: 4,
    stores: {
      snapshots: 'seq, version',
    },
  },
];

export const CACHE_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      master: '[kind+id], kind',
      meta: 'key',
    },
  },
];

export function journalDbName(terminalId: string): string {
  return `takt-journal-${terminalId}`;
}

export function cacheDbName(terminalId: string): string {
  return `takt-cache-${terminalId}`;
}

/** Declares every version on a Dexie instance, in order; versions must ascend. */
export function applyVersions(db: Dexie, versions: readonly SchemaVersion[]): void {
  let previous = 0;
  for (const v of versions) {
    if (!Number.isInteger(v.version) || v.version <= previous) {
      throw new Error(`Schema versions must be ascending integers: ${v.version} after ${previous}`);
    }
    previous = v.version;
    const declared = db.version(v.version).stores(v.stores);
    const transforms = v.upgrade;
    if (transforms) {
      declared.upgrade(async (tx) => {
        for (const [table, transform] of Object.entries(transforms)) {
          await tx
            .table(table)
            .toCollection()
            .modify((row: Record<string, unknown>, ref: { value: Record<string, unknown> }) => {
              ref.value = transform(row);
            });
        }
      });
    }
  }
}
