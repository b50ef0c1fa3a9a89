import type { Kysely } from 'kysely';
import type { Database, DatabaseDialect } from '../db/schema';

/** What every route module gets: the database and which dialect it speaks. */
export interface RouteDeps {
  db: Kysely<Database>;
  dialect: DatabaseDialect;
  /** How often the notify route reads the revision counter while terminals wait (default 500 ms). */
  revisionPollMs?: number | undefined;
}
