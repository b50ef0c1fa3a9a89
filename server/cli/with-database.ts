import { openDatabase } from '../db/create-database';
import { migrateToLatest } from '../db/migrate';
import type { TaktDatabase } from '../db/create-database';
import type { DatabaseSettings } from './config';

/** Opens and migrates the database for one admin command, and always closes it. */
export async function withDatabase<T>(settings: DatabaseSettings, fn: (database: TaktDatabase) => Promise<T>): Promise<T> {
  const database = openDatabase(settings);
  try {
    await migrateToLatest(database.db, database.dialect);
    return await fn(database);
  } finally {
    await database.close();
  }
}
