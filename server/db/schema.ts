import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { EdiTables } from './edi-schema';
import type { ProjectionTables } from './projection-schema';
import type { WebTables } from './web-schema';

/**
 * Table shapes as Kysely sees them. One shape for both dialects: booleans are
 * 0/1 integers and JSON is text, because SQLite has neither type and one query
 * path is easier to trust than two. PostgreSQL int8 is parsed to number (see
 * create-database.ts); seqs and revisions stay far below 2^53.
 */

export type DatabaseDialect = 'sqlite' | 'postgres';

/** 0 or 1: SQLite has no boolean column. */
export type Flag = 0 | 1;

export interface TerminalsTable {
  id: string;
  line_id: string;
  name: string;
  token_hash: string;
  last_seq: ColumnType<number, number | undefined, number>;
  created_at: string;
}

export interface AdminTokensTable {
  id: string;
  name: string;
  token_hash: string;
  created_at: string;
}

export interface EventsTable {
  terminal_id: string;
  seq: number;
  id: string;
  type: string;
  occurred_at: string;
  operator_id: string | null;
  order_id: string | null;
  /** JSON text. */
  payload: string;
  schema_version: number;
  received_at: string;
  known: Flag;
}

export interface MasterDataTable {
  kind: string;
  id: string;
  line_id: string | null;
  /** Rows only the shipping terminals of this plant receive (the dock's containers); null for all others. */
  ship_plant_id: string | null;
  rev: number;
  deleted: Flag;
  /** JSON text; null for tombstones. */
  data: string | null;
}

export interface CountersTable {
  name: string;
  value: Generated<number>;
}

export interface Database extends ProjectionTables, EdiTables, WebTables {
  terminals: TerminalsTable;
  admin_tokens: AdminTokensTable;
  events: EventsTable;
  master_data: MasterDataTable;
  counters: CountersTable;
}

/** Either the database or an open transaction: store functions accept both. */
export type Db = Kysely<Database> | Transaction<Database>;
