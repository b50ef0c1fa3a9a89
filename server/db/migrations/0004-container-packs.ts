import { sql, type Kysely, type Migration } from 'kysely';
import { packageNumberOf } from '../../../shared/labels/container-label';

/**
 * Recall as narrow as the facts (DESIGN §8): every packing of counted parts
 * keeps its own time, so a batch window that held no packing traces into no
 * container (first and last packing per container alone would span gaps).
 * And a container is found by the package number its label prints
 * (VDA 4902 field 14), not only by its internal id. Both are filled from
 * the stored events for a record that predates them.
 */
export function containerPacksMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('container_packs')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('container_id', 'text', (c) => c.notNull())
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('operator_id', 'text')
        .addColumn('quantity', 'bigint', (c) => c.notNull())
        .addColumn('packed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('container_packs_order_idx').on('container_packs').columns(['order_id', 'packed_at']).execute();
      await db.schema.createIndex('container_packs_container_idx').on('container_packs').column('container_id').execute();
      await db.schema.alterTable('containers').addColumn('package_number', 'text').execute();
      await db.schema.createIndex('containers_package_number_idx').on('containers').column('package_number').execute();

      const containers = await sql<{ container_id: string }>`SELECT container_id FROM containers`.execute(db);
      for (const c of containers.rows) {
        await sql`UPDATE containers SET package_number = ${packageNumberOf(c.container_id)} WHERE container_id = ${c.container_id}`.execute(db);
      }
      // Only packings that were projected (an event about another line's order is stored, not projected).
      const projected = await sql<{ container_id: string; order_id: string }>`SELECT container_id, order_id FROM container_orders`.execute(db);
      const known = new Set(projected.rows.map((r) => `${r.container_id}\u0000${r.order_id}`));
      const packs = await sql<{ id: string; terminal_id: string; operator_id: string | null; order_id: string | null; occurred_at: string; payload: string }>`
        SELECT id, terminal_id, operator_id, order_id, occurred_at, payload FROM events WHERE type = 'PartPacked' AND known = 1`.execute(db);
      for (const e of packs.rows) {
        const p = JSON.parse(e.payload) as { containerId?: unknown; quantity?: unknown; serial?: unknown };
        if (!e.order_id || typeof p.containerId !== 'string' || typeof p.quantity !== 'number' || p.serial !== undefined) continue;
        if (!known.has(`${p.containerId}\u0000${e.order_id}`)) continue;
        await sql`INSERT INTO container_packs (event_id, container_id, order_id, terminal_id, operator_id, quantity, packed_at)
          VALUES (${String(e.id).toLowerCase()}, ${p.containerId}, ${e.order_id}, ${e.terminal_id}, ${e.operator_id}, ${p.quantity}, ${new Date(e.occurred_at).toISOString()})
          ON CONFLICT (event_id) DO NOTHING`.execute(db);
      }
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('containers_package_number_idx').execute();
      await db.schema.alterTable('containers').dropColumn('package_number').execute();
      await db.schema.dropTable('container_packs').execute();
    },
  };
}
