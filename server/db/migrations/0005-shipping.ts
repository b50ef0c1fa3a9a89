import { type Kysely, type Migration } from 'kysely';

/**
 * Shipping on the plant's record: the unloading point a shipment is for (the
 * customer may have several docks), the JIS sequence a rack line carries, every reason the server refused a
 * dispatched container (the despatch advice is then held back), and how each
 * shipment's quantities were allocated to the call-off's schedule lines (firm
 * before forecast, earliest date first), so that logistics sees which
 * requirement a truck covered.
 */
export function shippingMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('edi_shipments').addColumn('unloading_point', 'text').execute();
      // The dispatch event's seq, for the quality flag a refusal raises.
      await db.schema.alterTable('edi_shipments').addColumn('event_seq', 'bigint').execute();
      // A JIS rack's line names its sequence: the server checks a rack by its positions, not as a container.
      await db.schema.alterTable('edi_shipment_lines').addColumn('sequence_id', 'text').execute();
      await db.schema.createIndex('edi_shipments_delivery_note_idx').on('edi_shipments').columns(['delivery_note', 'customer_id']).execute();

      await db.schema
        .createTable('shipment_refusals')
        .addColumn('shipment_id', 'text', (c) => c.notNull())
        .addColumn('container_id', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('shipment_refusals_pk', ['shipment_id', 'container_id', 'code'])
        .execute();

      await db.schema
        .createTable('shipment_allocations')
        .addColumn('shipment_id', 'text', (c) => c.notNull())
        .addColumn('customer_part_number', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        // '' for a backlog or immediate line, and for what no line asked for (commitment 'unscheduled').
        .addColumn('line_date', 'text', (c) => c.notNull())
        .addColumn('commitment', 'text', (c) => c.notNull())
        .addColumn('quantity', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('shipment_allocations_pk', ['shipment_id', 'customer_part_number', 'position'])
        .execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('shipment_allocations').execute();
      await db.schema.dropTable('shipment_refusals').execute();
      await db.schema.dropIndex('edi_shipments_delivery_note_idx').execute();
      await db.schema.alterTable('edi_shipment_lines').dropColumn('sequence_id').execute();
      await db.schema.alterTable('edi_shipments').dropColumn('event_seq').execute();
      await db.schema.alterTable('edi_shipments').dropColumn('unloading_point').execute();
    },
  };
}
