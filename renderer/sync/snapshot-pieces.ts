import type { JournalSnapshot } from '../../shared/journal-snapshot';
import type { FoldedProduction } from '../storage/production-loader';

/**
 * The production part of a worker's snapshot, posted to the UI thread in
 * pieces: one message of megabytes (or reading the stored snapshot back on
 * the UI thread) is one clone of it there, a long task while an order opens;
 * pieces are cloned one message (one task) at a time, each of bounded weight.
 * The JIS part stays in the worker: the order screen does not use it.
 */

export type PieceMap = 'orders' | 'containers' | 'scrap' | 'scrapReasonUse' | 'printedJobs';
export interface SnapshotPiece {
  map: PieceMap;
  entries: [string, unknown][];
}

/**
 * What one piece may weigh, as JSON. Cut by weight, not by count: up to 500
 * orders of 480 serials each went in one message (the whole orders map of a
 * 200 k-event journal, about a megabyte), and its clone on the UI thread, with the
 * young-generation scavenge that much allocation sets off, was one task.
 */
export const PIECE_BYTES = 64 * 1024;

/** The snapshot's maps in pieces of at most `maxBytes` (as JSON) each; an entry heavier than that alone is a piece of its own. */
export function piecesOf(snapshot: JournalSnapshot, maxBytes = PIECE_BYTES): SnapshotPiece[] {
  const { orders, containers, scrap, scrapReasonUse } = snapshot.production;
  const maps: Record<PieceMap, Readonly<Record<string, unknown>>> = { orders, containers, scrap, scrapReasonUse, printedJobs: snapshot.printedJobs };
  const pieces: SnapshotPiece[] = [];
  for (const map of Object.keys(maps) as PieceMap[]) {
    let entries: [string, unknown][] = [];
    let bytes = 0;
    for (const [key, value] of Object.entries(maps[map])) {
      // Runs in the worker: weighing each entry costs the UI thread nothing.
      const weight = key.length + (JSON.stringify(value)?.length ?? 0) + 8;
      if (entries.length > 0 && bytes + weight > maxBytes) {
        pieces.push({ map, entries });
        entries = [];
        bytes = 0;
      }
      entries.push([key, value]);
      bytes += weight;
    }
    if (entries.length > 0) pieces.push({ map, entries });
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
