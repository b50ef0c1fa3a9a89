import type { Kysely, Transaction } from 'kysely';
import type { Database, Db } from './schema';

/** Runs `fn` in the caller's transaction, or in a new one, so store functions compose into larger writes. */
export function inTransaction<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<Database>) : (db as Kysely<Database>).transaction().execute(fn);
}
