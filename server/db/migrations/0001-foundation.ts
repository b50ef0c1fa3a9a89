import { sql, type Kysely, type Migration } from 'kysely';
import type { DatabaseDialect } from '../schema';

/**
 * The foundation tables. Written once for both dialects; the only dialect
 * difference is the event id column (native uuid in PostgreSQL). Booleans are
 * integers and JSON is text so both dialects share one query path.
 */
export function foundationMigration(dialect: DatabaseDialect): Migration {
  return {
    // Kysely hands migrations an untyped database: the typed schema describes
    // the result of all migrations, not any state in between.
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('terminals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('admin_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('events')
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('id', dialect === 'postgres' ? 'uuid' : 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addColumn('operator_id', 'text')
        .addColumn('order_id', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('schema_version', 'integer', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('known', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('events_pk', ['terminal_id', 'seq'])
        .addUniqueConstraint('events_id_unique', ['id'])
        .execute();

      await db.schema
        .createTable('master_data')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('line_id', 'text')
        .addColumn('rev', 'bigint', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('data', 'text')
        .addPrimaryKeyConstraint('master_data_pk', ['kind', 'id'])
        .execute();
      // Unique: every write takes its own revision, so a duplicate is a bug.
      await db.schema.createIndex('master_data_rev_idx').on('master_data').column('rev').unique().execute();

      await db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`INSERT INTO counters (name, value) VALUES ('master_rev', 0)`.execute(db);
    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['counters', 'master_data', 'events', 'admin_tokens', 'terminals']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
