import type { JournalSnapshot } from '../../shared/journal-snapshot';
import type { FoldedProduction } from '../storage/production-loader';

/**
 * The production part of a worker's snapshot, posted to the UI thread in
 * pieces: one message of megabytes (or reading the stored snapshot back on
 * the UI thread) is one clone of it there, a long task while an order opens;
 * pieces are cloned one message (one task) at a time. The JIS part stays in
 * the worker: the order screen does not use it.
 */

export type PieceMap = 'orders' | 'containers' | 'scrap' | 'scrapReasonUse' | 'printedJobs';
export interface SnapshotPiece {
  map: PieceMap;
  entries: [string, unknown][];
}

/** Entries per piece: a few hundred records clone in about a millisecond. */
export const PIECE_ENTRIES = 500;

export function piecesOf(snapshot: JournalSnapshot, size = PIECE_ENTRIES): SnapshotPiece[] {
  const { orders, containers, scrap, scrapReasonUse } = snapshot.production;
  const maps: Record<PieceMap, Readonly<Record<string, unknown>>> = { orders, containers, scrap, scrapReasonUse, printedJobs: snapshot.printedJobs };
  const pieces: SnapshotPiece[] = [];
  for (const map of Object.keys(maps) as PieceMap[]) {
    const entries = Object.entries(maps[map]);
    for (let i = 0; i < entries.length; i += size) pieces.push({ map, entries: entries.slice(i, i + size) });
  }
  return pieces;
}

/** Puts the pieces back together, in the order they were cut. */
export class PieceCollector {
  private readonly maps: Record<PieceMap, Record<string, unknown>> = { orders: {}, containers: {}, scrap: {}, scrapReasonUse: {}, printedJobs: {} };

  add(piece: SnapshotPiece): void {
    const target = this.maps[piece.map];
    for (const [key, value] of piece.entries) target[key] = value;
  }

  /** The production state and printed jobs the snapshot at `seq` holds (its production covers `lastSeq`). */
  result(seq: number, lastSeq: number): FoldedProduction {
    const { orders, containers, scrap, scrapReasonUse, printedJobs } = this.maps;
    return {
      seq,
      production: { orders, containers, scrap, scrapReasonUse, lastSeq } as FoldedProduction['production'],
      printedJobs: printedJobs as Record<string, string>,
    };
  }
}
