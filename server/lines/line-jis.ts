import type { EventEnvelope } from '../../shared/events';
import { createJisState, currentPosition, findGaps, foldJisEvents, positionStatus } from '../../shared/jis';
import { JisSequence } from '../../shared/master-data';
import { isBoardJisType, sequenceIdOfPayload } from '../db/migrations/0014-jis-sequence-event-index';
import type { Db, DatabaseDialect } from '../db/schema';

/**
 * Where each JIS sequence of a line stands, for the lines page: the call-off
 * from master data folded with the line's sequence events by the terminals'
 * own fold (shared/jis), so the page and the terminal agree on the position.
 * Only the events that move what the board shows are read, and only those
 * of the sequences it shows, found by their index: the line's racks,
 * mismatches and every call-off it built before cost the board nothing.
 */

export interface LineSequence {
  sequenceId: string;
  customer: string;
  revision: number;
  total: number;
  built: number;
  skipped: number;
  open: number;
  /** The position the line builds next, or null when none is open. */
  current: { sequenceNumber: number; vehicleNumber: string; variant: string } | null;
  /** Sequence numbers missing from the call-off, at most MAX_GAPS of them (gapCount says how many). */
  gaps: { from: number; to: number }[];
  gapCount: number;
}

export const MAX_GAPS = 20;

/** The board's events (BOARD_JIS_TYPES) of these sequences on the line, in fold order, by the JIS index of migration 0014. */
export function boardEventsQuery(db: Db, dialect: DatabaseDialect, lineId: string, sequenceIds: readonly string[]) {
  return db
    .selectFrom('events')
    .innerJoin('terminals', 'terminals.id', 'events.terminal_id')
    .select(['events.id', 'events.terminal_id', 'events.seq', 'events.type', 'events.occurred_at', 'events.operator_id', 'events.order_id', 'events.payload', 'events.schema_version'])
    .where('terminals.line_id', '=', lineId)
    .where(isBoardJisType('events.type'))
    .where(sequenceIdOfPayload(dialect, 'events.payload'), 'in', [...sequenceIds])
    .orderBy('events.occurred_at')
    .orderBy('events.seq');
}

export async function lineSequences(db: Db, dialect: DatabaseDialect, lineId: string): Promise<LineSequence[]> {
  const rows = await db.selectFrom('master_data').select('data').where('kind', '=', 'jis-sequence').where('line_id', '=', lineId).where('deleted', '=', 0).orderBy('id').execute();
  const sequences = rows.flatMap((r) => {
    const parsed = JisSequence.safeParse(JSON.parse(r.data ?? 'null'));
    return parsed.success ? [parsed.data] : [];
  });
  if (sequences.length === 0) return [];
  const events = await boardEventsQuery(db, dialect, lineId, sequences.map((q) => q.id)).execute();
  const envelopes: EventEnvelope[] = events.map((e) => ({
    id: e.id,
    terminalId: e.terminal_id,
    seq: Number(e.seq),
    type: e.type,
    occurredAt: e.occurred_at,
    ...(e.operator_id ? { operatorId: e.operator_id } : {}),
    ...(e.order_id ? { orderId: e.order_id } : {}),
    payload: JSON.parse(e.payload) as Record<string, unknown>,
    schemaVersion: e.schema_version,
  }));
  return sequences.map((sequence) => {
    const state = foldJisEvents(
      createJisState(sequence),
      envelopes.filter((e) => e.payload['sequenceId'] === sequence.id),
    );
    let built = 0;
    let skipped = 0;
    let open = 0;
    for (const p of state.positions) {
      const status = positionStatus(p);
      if (status === 'verified' || status === 'overridden') built += 1;
      else if (status === 'skipped') skipped += 1;
      else if (status === 'open') open += 1;
    }
    const current = currentPosition(state);
    const gaps = findGaps(state);
    return {
      sequenceId: sequence.id,
      customer: sequence.customer,
      revision: state.revision,
      total: state.positions.length,
      built,
      skipped,
      open,
      current: current ? { sequenceNumber: current.data.sequenceNumber, vehicleNumber: current.data.vehicleNumber, variant: current.data.variant } : null,
      gaps: gaps.slice(0, MAX_GAPS).map(({ from, to }) => ({ from, to })),
      gapCount: gaps.length,
    };
  });
}
