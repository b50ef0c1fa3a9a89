import { sql, type Kysely, type Migration } from 'kysely';
import type { DatabaseDialect } from '../schema';

/** The PostgreSQL channel every write of the plant's record is announced on (see server/db/change-feed.ts). */
export const CHANGE_CHANNEL = 'takt_changes';

/**
 * On PostgreSQL, every statement that writes events, master data or a
 * terminal's status announces itself with NOTIFY, so each server instance
 * on the database learns of another's writes (and of `takt import`'s)
 * without polling. NOTIFY is transactional: listeners hear of a write only
 * once it is committed, and a rolled-back one never. The payload is the
 * table's schema, so plants (or tests) sharing one database in separate
 * schemas only wake their own listeners. SQLite has no such thing: there the
 * change feed reads a cheap fingerprint instead.
 */
export function changeNotificationsMigration(dialect: DatabaseDialect): Migration {
  const tables = ['events', 'master_data', 'terminal_status'];
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql`
        CREATE FUNCTION takt_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify(${sql.lit(CHANGE_CHANNEL)}, TG_TABLE_SCHEMA);
          RETURN NULL;
        END
        $$`.execute(db);
      for (const table of tables) {
        await sql`CREATE TRIGGER ${sql.id(`${table}_changed`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.id(table)} FOR EACH STATEMENT EXECUTE FUNCTION takt_notify_change()`.execute(db);
      }
    },

    async down(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      for (const table of tables) await sql`DROP TRIGGER ${sql.id(`${table}_changed`)} ON ${sql.id(table)}`.execute(db);
      await sql`DROP FUNCTION takt_notify_change()`.execute(db);
    },
  };
}
