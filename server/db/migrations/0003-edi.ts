import { sql, type Kysely, type Migration } from 'kysely';

/**
 * EDI (DESIGN §10): every message in or out archived raw with its parse
 * result, warnings, error and effect; the interchanges already applied, keyed
 * by partner and reference (the insert that fails on a duplicate is what
 * keeps a resent interchange from being applied twice, also across server
 * instances); the delivery schedule per customer part; and the shipments
 * written out, with their lines, for the despatch advice and the trace
 * (batch → container → delivery note → customer).
 */
export function ediMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('edi_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('partner', 'text')
        .addColumn('reference', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('raw', 'text', (c) => c.notNull())
        .addColumn('parsed', 'text')
        .addColumn('warnings', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('effect', 'text')
        .addColumn('answer', 'text')
        .execute();
      await db.schema.createIndex('edi_messages_at_idx').on('edi_messages').columns(['direction', 'at']).execute();

      await db.schema
        .createTable('edi_interchanges')
        .addColumn('partner', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('edi_interchanges_pk', ['partner', 'reference'])
        .execute();

      await db.schema
        .createTable('delivery_schedules')
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('customer_part_number', 'text', (c) => c.notNull())
        .addColumn('material_id', 'text')
        .addColumn('schedule_number', 'text', (c) => c.notNull())
        .addColumn('schedule_date', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('cumulative_received', 'bigint')
        .addColumn('last_delivery_note', 'text')
        .addColumn('last_receipt_date', 'text')
        .addColumn('shipped_since', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('lines', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('delivery_schedules_pk', ['customer_id', 'customer_part_number'])
        .execute();

      await db.schema
        .createTable('edi_shipments')
        .addColumn('shipment_id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('delivery_note', 'text')
        .addColumn('customer_id', 'text')
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('dispatched_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .execute();

      await db.schema
        .createTable('edi_shipment_lines')
        .addColumn('shipment_id', 'text', (c) => c.notNull())
        .addColumn('line_no', 'integer', (c) => c.notNull())
        .addColumn('container_id', 'text', (c) => c.notNull())
        .addColumn('sscc', 'text')
        .addColumn('customer_part_number', 'text', (c) => c.notNull())
        .addColumn('material_id', 'text', (c) => c.notNull())
        .addColumn('quantity', 'bigint', (c) => c.notNull())
        .addColumn('batches', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('edi_shipment_lines_pk', ['shipment_id', 'line_no'])
        .execute();
      await db.schema.createIndex('edi_shipment_lines_container_idx').on('edi_shipment_lines').column('container_id').execute();

    },

    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['edi_shipment_lines', 'edi_shipments', 'delivery_schedules', 'edi_interchanges', 'edi_messages']) await db.schema.dropTable(table).execute();
      await sql`DELETE FROM counters WHERE name LIKE 'edi_%'`.execute(db);
    },
  };
}
