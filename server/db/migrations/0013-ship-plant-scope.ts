import type { Kysely, Migration } from 'kysely';

/**
 * A master-data row may belong to the terminals of one plant that ship
 * (`ship_plant_id`): the plant's closed containers reach its dock and
 * dispatch terminals only, not every line terminal. Null for every row
 * before, which keeps them where they were.
 */
export function shipPlantScopeMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('master_data').addColumn('ship_plant_id', 'text').execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('master_data').dropColumn('ship_plant_id').execute();
    },
  };
}
