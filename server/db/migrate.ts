import { Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Database, DatabaseDialect } from './schema';
import { foundationMigration } from './migrations/0001-foundation';
import { projectionsMigration } from './migrations/0002-projections';
import { containerPacksMigration } from './migrations/0003-container-packs';

/**
 * One migration set for both dialects, provided in code so that a packaged
 * server never reads migration files from disk. Names sort in order of
 * application; never rename or edit an applied migration, add a new one.
 */
export function migrations(dialect: DatabaseDialect): Record<string, Migration> {
  return {
    '0001-foundation': foundationMigration(dialect),
    '0002-projections': projectionsMigration(),
    '0003-container-packs': containerPacksMigration(),
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

/** Brings the schema to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>, dialect: DatabaseDialect): Promise<MigrateOutcome> {
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
