import type { Kysely } from 'kysely';
import type { Database, DatabaseDialect } from '../db/schema';

/** What every route module gets: the database and which dialect it speaks. */
export interface RouteDeps {
  db: Kysely<Database>;
  dialect: DatabaseDialect;
}
