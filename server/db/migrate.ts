import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Database, DatabaseDialect } from './schema';
import { foundationMigration } from './migrations/0001-foundation';

/**
 * One migration set for both dialects, provided in code so that a packaged
 * server never reads migration files from disk. Names sort in order of
 * application; never rename or edit an applied migration, add a new one.
 */
export function migrations(dialect: DatabaseDialect): Record<string, Migration> {
  return {
    '0001-foundation': foundationMigration(dialect),
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
  const migrator = new Migrator({ db, provider: new InCodeMigrationProvider(dialect) });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { applied };
}
