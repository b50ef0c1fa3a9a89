import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The plant record out: projections updated in the push transaction
 * (order progress, genealogy, quality flags), ERP confirmations, and an index
 * of blocked batches kept next to their master rows. Times are UTC ISO text
 * (normalised from the terminals' occurredAt) so they compare as text.
 */
export function projectionsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('order_progress')
        .addColumn('order_id', 'text', (c) => c.primaryKey())
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('material_id', 'text')
        .addColumn('status', 'text')
        .addColumn('status_at', 'text')
        .addColumn('good_quantity', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('scrap_quantity', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('started_at', 'text')
        .addColumn('completed_at', 'text')
        .execute();

      await db.schema
        .createTable('order_scrap')
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('reason_id', 'text', (c) => c.notNull())
        .addColumn('quantity', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_scrap_pk', ['order_id', 'reason_id'])
        .execute();

      await db.schema
        .createTable('order_consumption')
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('material_id', 'text', (c) => c.notNull())
        .addColumn('batch', 'text', (c) => c.notNull())
        .addColumn('quantity', 'double precision', (c) => c.notNull())
        .addPrimaryKeyConstraint('order_consumption_pk', ['order_id', 'material_id', 'batch'])
        .execute();
      await db.schema.createIndex('order_consumption_batch_idx').on('order_consumption').columns(['material_id', 'batch']).execute();

      await db.schema
        .createTable('batch_windows')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('order_id', 'text')
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('operator_id', 'text')
        .addColumn('material_id', 'text', (c) => c.notNull())
        .addColumn('batch', 'text', (c) => c.notNull())
        .addColumn('supplier', 'text')
        .addColumn('from_at', 'text', (c) => c.notNull())
        .addColumn('to_at', 'text')
        .execute();
      await db.schema.createIndex('batch_windows_batch_idx').on('batch_windows').columns(['material_id', 'batch']).execute();
      await db.schema.createIndex('batch_windows_scope_idx').on('batch_windows').columns(['scope', 'material_id', 'from_at']).execute();
      await db.schema.createIndex('batch_windows_order_idx').on('batch_windows').columns(['order_id', 'from_at']).execute();

      await db.schema
        .createTable('serials')
        .addColumn('serial', 'text', (c) => c.primaryKey())
        .addColumn('order_id', 'text')
        .addColumn('material_id', 'text')
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('operator_id', 'text')
        .addColumn('produced_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('serials_order_idx').on('serials').columns(['order_id', 'produced_at']).execute();

      await db.schema
        .createTable('serial_components')
        .addColumn('serial', 'text', (c) => c.notNull())
        .addColumn('material_id', 'text', (c) => c.notNull())
        .addColumn('batch', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('serial_components_pk', ['serial', 'material_id', 'batch'])
        .execute();
      await db.schema.createIndex('serial_components_batch_idx').on('serial_components').columns(['material_id', 'batch']).execute();

      await db.schema
        .createTable('containers')
        .addColumn('container_id', 'text', (c) => c.primaryKey())
        .addColumn('sscc', 'text')
        .addColumn('material_id', 'text')
        .addColumn('terminal_id', 'text')
        .addColumn('operator_id', 'text')
        .addColumn('opened_at', 'text')
        .addColumn('closed_at', 'text')
        .execute();

      await db.schema
        .createTable('container_serials')
        .addColumn('container_id', 'text', (c) => c.notNull())
        .addColumn('serial', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('operator_id', 'text')
        .addColumn('packed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('container_serials_pk', ['container_id', 'serial'])
        .execute();
      await db.schema.createIndex('container_serials_serial_idx').on('container_serials').column('serial').execute();

      await db.schema
        .createTable('container_orders')
        .addColumn('container_id', 'text', (c) => c.notNull())
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('operator_id', 'text', (c) => c.notNull())
        .addColumn('quantity', 'bigint', (c) => c.notNull())
        .addColumn('first_at', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('container_orders_pk', ['container_id', 'order_id', 'terminal_id', 'operator_id'])
        .execute();
      await db.schema.createIndex('container_orders_order_idx').on('container_orders').column('order_id').execute();

      await db.schema
        .createTable('shipment_containers')
        .addColumn('shipment_id', 'text', (c) => c.notNull())
        .addColumn('container_id', 'text', (c) => c.notNull())
        .addColumn('customer', 'text')
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('operator_id', 'text')
        .addColumn('dispatched_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('shipment_containers_pk', ['shipment_id', 'container_id'])
        .execute();
      await db.schema.createIndex('shipment_containers_container_idx').on('shipment_containers').column('container_id').execute();

      await db.schema
        .createTable('quality_flags')
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('order_id', 'text')
        .addColumn('material_id', 'text')
        .addColumn('batch', 'text')
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('quality_flags_pk', ['event_id', 'kind'])
        .execute();
      await db.schema.createIndex('quality_flags_time_idx').on('quality_flags').columns(['occurred_at', 'event_id']).execute();

      await db.schema
        .createTable('erp_confirmations')
        .addColumn('number', 'bigint', (c) => c.primaryKey())
        .addColumn('order_id', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('erp_confirmations_order_idx').on('erp_confirmations').columns(['order_id', 'number']).execute();

      await db.schema
        .createTable('blocked_batches')
        .addColumn('master_id', 'text', (c) => c.primaryKey())
        .addColumn('material_id', 'text', (c) => c.notNull())
        .addColumn('batch', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('blocked_batches_batch_idx').on('blocked_batches').columns(['material_id', 'batch']).execute();

      await sql`INSERT INTO counters (name, value) VALUES ('erp_confirmation', 0)`.execute(db);
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await sql`DELETE FROM counters WHERE name = 'erp_confirmation'`.execute(db);
      const tables = [
        'blocked_batches', 'erp_confirmations', 'quality_flags', 'shipment_containers', 'container_orders', 'container_serials',
        'containers', 'serial_components', 'serials', 'batch_windows', 'order_consumption', 'order_scrap', 'order_progress',
      ];
      for (const table of tables) await db.schema.dropTable(table).execute();
    },
  };
}
