/** What the EDI routes answer (shared/edi/rows.ts, the trace's delivery note), and how the pages read it. */
export type { EdiProblem } from '../../shared/edi/problems';
export type { EdiMessageRow, ShipmentSummary as ShipmentRow } from '../../shared/edi/rows';
export type { DeliveryNoteTrace } from '../../server/trace/delivery-note';

/** A JSON column that may hold garbage from an older server: read it without throwing. */
export function readJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Good, waiting or bad: the colour and icon of a state, so it is not told by text alone. */
export function tone(status: string): 'ok' | 'wait' | 'nok' {
  if (status === 'applied' || status === 'written') return 'ok';
  if (status === 'rejected' || status === 'refused' || status === 'failed' || status === 'no-detail') return 'nok';
  return 'wait';
}
