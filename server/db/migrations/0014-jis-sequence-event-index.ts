import { sql, type Kysely, type Migration, type RawBuilder } from 'kysely';
import type { DatabaseDialect } from '../schema';

/**
 * The lines board folds each shown JIS sequence from its own events
 * (server/lines/line-jis.ts); without this index it read every sequence
 * event the line ever booked, of every call-off since the line went live,
 * to show where today's stands. A partial index over the few JIS event
 * types the board folds, keyed by the sequence the payload names: other
 * events add nothing to it.
 *
 * The reader must name the same expression and the same type list word for
 * word (SQLite uses a partial index only for a query that repeats its WHERE
 * term), so both are exported from here, frozen with the migration.
 */

/**
 * The events that change a position's status, the current position or the
 * call-off's positions (verified, overridden, skipped or pulled ahead,
 * revised). The others (a mismatch and its acknowledgement, a gap seen, the
 * racks) change only what the terminal shows, so the board folds without
 * them and the index leaves them out. Written out: a migration never changes.
 */
export const BOARD_JIS_TYPES = ['SequencePartVerified', 'SequenceOverride', 'SequenceBreak', 'SequenceRevisionApplied'] as const;

/** The sequence id of an event's payload (JSON text), as the index stores it. */
export function sequenceIdOfPayload(dialect: DatabaseDialect, column: 'payload' | 'events.payload'): RawBuilder<string | null> {
  return dialect === 'postgres' ? sql<string | null>`(${sql.ref(column)}::jsonb ->> 'sequenceId')` : sql<string | null>`json_extract(${sql.ref(column)}, '$.sequenceId')`;
}

/** `type IN (…BOARD_JIS_TYPES…)` with the types as literals, the index's own predicate. */
export function isBoardJisType(column: 'type' | 'events.type'): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} IN (${sql.join(BOARD_JIS_TYPES.map((t) => sql.lit(t)))})`;
}

export function jisSequenceEventIndexMigration(dialect: DatabaseDialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`CREATE INDEX events_jis_sequence_idx ON events ((${sequenceIdOfPayload(dialect, 'payload')}), type) WHERE ${isBoardJisType('type')}`.execute(db);
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('events_jis_sequence_idx').execute();
    },
  };
}
