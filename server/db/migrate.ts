import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Database, DatabaseDialect } from './schema';
import { foundationMigration } from './migrations/0001-foundation';
import { projectionsMigration } from './migrations/0002-projections';
import { ediMigration } from './migrations/0003-edi';
import { containerPacksMigration } from './migrations/0004-container-packs';
import { shippingMigration } from './migrations/0005-shipping';
import { webUsersMigration } from './migrations/0006-web-users';
import { fleetAndFlagAcksMigration } from './migrations/0007-fleet-and-flag-acks';
import { terminalStatusMigration } from './migrations/0008-terminal-status';
import { changeNotificationsMigration } from './migrations/0009-change-notifications';
import { eventTypeTimeIndexMigration } from './migrations/0010-event-type-time-index';
import { shipmentMasterSsccMigration } from './migrations/0011-shipment-master-sscc';
import { shipPlantScopeMigration } from './migrations/0013-ship-plant-scope';
import { jisSequenceEventIndexMigration } from './migrations/0014-jis-sequence-event-index';

/**
 * One migration set for both dialects, provided in code so that a packaged
 * server never reads migration files from disk. Names sort in order of
 * application; never rename or edit an applied migration, add a new one.
 */
export function migrations(dialect: DatabaseDialect): Record<string, Migration> {
  return {
    '0001-foundation': foundationMigration(dialect),
    '0002-projections': projectionsMigration(),
    '0003-edi': ediMigration(),
    '0004-container-packs': containerPacksMigration(),
    '0005-shipping': shippingMigration(),
    '0006-web-users': webUsersMigration(),
    '0007-fleet-and-flag-acks': fleetAndFlagAcksMigration(),
    '0008-terminal-status': terminalStatusMigration(),
    '0009-change-notifications': changeNotificationsMigration(dialect),
    '0010-event-type-time-index': eventTypeTimeIndexMigration(),
    '0011-shipment-master-sscc': shipmentMasterSsccMigration(),
    '0013-ship-plant-scope': shipPlantScopeMigration(),
    '0014-jis-sequence-event-index': jisSequenceEventIndexMigration(dialect),
  };
}

class InCodeMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: DatabaseDialect) {}

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations(this.dialect));
  }
}

export interface MigrateOutcome {
  applied: string[];
}

/**
 * PostgreSQL's two-key advisory lock: a fixed first key ("TAKT" in ASCII) and the schema's
 * hash, so that every `takt server` of a plant waits for the one migrating its schema while
 * another schema in the same database (a test, a second plant) is not held up.
 */
const MIGRATION_LOCK = sql`${0x54414b54}, hashtext(current_schema())`;

/**
 * Brings the schema to the latest version; throws with the failing migration's name.
 * On PostgreSQL under a session advisory lock: instances started at the same moment
 * on an empty database take turns, the first creates the schema and the others find
 * it done. Kysely 0.28 takes a transaction lock of its own and tolerates a race on
 * creating its bookkeeping tables (six concurrent migrators on one empty schema all
 * succeeded without this lock too); holding ours around the whole run keeps that a
 * guarantee of Takt's rather than a detail of one library version.
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: DatabaseDialect): Promise<MigrateOutcome> {
  if (dialect !== 'postgres') return migrateOn(db, dialect);
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      return await migrateOn(conn, dialect);
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

async function migrateOn(db: Kysely<Database>, dialect: DatabaseDialect): Promise<MigrateOutcome> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one: with a
  // `kysely_migration` table in another schema (say public) it would skip creating its own.
  const schema = dialect === 'postgres' ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider: new InCodeMigrationProvider(dialect), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { applied };
}
