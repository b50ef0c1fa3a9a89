import type { Kysely, Migration } from 'kysely';

/**
 * The OEE read (server/oee/oee-query.ts) asks for a few event types in a time
 * window; without this index every OEE or lines-board read scans the whole
 * events table, every line's bookings and labels included, and in a plant
 * most events are not OEE events.
 */
export function eventTypeTimeIndexMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('events_type_time_idx').on('events').columns(['type', 'occurred_at']).execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('events_type_time_idx').execute();
    },
  };
}
