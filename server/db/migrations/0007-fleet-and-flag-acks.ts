import type { Kysely, Migration } from 'kysely';

/**
 * What the web pages show that no projection held: each terminal's last
 * contact with this server (and the last request the server refused it), and
 * who acknowledged which quality flag (once per flag: the primary key).
 */
export function fleetAndFlagAcksMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('terminal_contacts')
        .addColumn('terminal_id', 'text', (c) => c.primaryKey())
        .addColumn('last_contact_at', 'text', (c) => c.notNull())
        .addColumn('last_route', 'text', (c) => c.notNull())
        .addColumn('app_version', 'text')
        .addColumn('last_error_at', 'text')
        .addColumn('last_error', 'text')
        .execute();

      await db.schema
        .createTable('quality_flag_acks')
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('acknowledged_by', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('quality_flag_acks_pk', ['event_id', 'kind'])
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('quality_flag_acks').execute();
      await db.schema.dropTable('terminal_contacts').execute();
    },
  };
}
