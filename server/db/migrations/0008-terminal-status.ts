import type { Kysely, Migration } from 'kysely';

/**
 * What each terminal last reported about itself (POST /api/v1/sync/status):
 * app version, its unsynced events and the oldest one's time, scanner and
 * printer state, storage left and its last sync error. One row per terminal,
 * replaced by every report, so the table stays the size of the fleet.
 */
export function terminalStatusMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('terminal_status')
        .addColumn('terminal_id', 'text', (c) => c.primaryKey())
        .addColumn('reported_at', 'text', (c) => c.notNull())
        .addColumn('app_version', 'text', (c) => c.notNull())
        .addColumn('pending', 'integer', (c) => c.notNull())
        .addColumn('oldest_pending_at', 'text')
        .addColumn('scanner_state', 'text', (c) => c.notNull())
        .addColumn('printer_state', 'text', (c) => c.notNull())
        .addColumn('storage_free_bytes', 'bigint')
        .addColumn('last_error_code', 'text')
        .addColumn('last_error', 'text')
        .addColumn('last_error_at', 'text')
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('terminal_status').execute();
    },
  };
}
