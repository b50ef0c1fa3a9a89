import type { Kysely, Migration } from 'kysely';

/**
 * The SSCC of the master label a mixed load got at dispatch
 * (ShipmentDispatched.masterSscc): the despatch advice names it as the
 * handling unit the containers are nested in. Empty for a shipment without
 * one, and for every shipment booked before.
 */
export function shipmentMasterSsccMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('edi_shipments').addColumn('master_sscc', 'text').execute();
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('edi_shipments').dropColumn('master_sscc').execute();
    },
  };
}
