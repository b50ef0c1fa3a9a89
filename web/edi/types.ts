/** What the EDI routes answer (server/routes/edi.ts, server/edi/store.ts), as the page reads it. */

export interface EdiProblem {
  code: string;
  message: string;
  segment?: number;
  tag?: string;
  element?: number;
  component?: number;
  expected?: string;
}

export interface EdiMessageRow {
  id: string;
  direction: 'in' | 'out';
  format: string;
  partner: string | null;
  reference: string | null;
  source: string;
  file_name: string | null;
  at: string;
  /** in: applied, duplicate, rejected, archived; out: written. */
  status: string;
  /** JSON text of EdiProblem[]. */
  warnings: string;
  /** JSON text of one EdiProblem. */
  error: string | null;
  answer: string | null;
}

export interface ShipmentRow {
  shipment_id: string;
  delivery_note: string | null;
  customer_id: string | null;
  terminal_id: string;
  dispatched_at: string;
  /** pending, written, refused, failed, no-detail. */
  status: string;
  error: string | null;
  unloading_point: string | null;
  master_sscc: string | null;
  containers: number;
  quantity: number;
}

/** The delivery-note trace (server/trace/delivery-note.ts) the detail of a shipment shows. */
export interface DeliveryNoteTrace {
  deliveryNote: string;
  shipments: {
    shipmentId: string;
    customerId: string | null;
    status: string;
    refusals: { containerId: string; code: string; message: string }[];
    allocations: { customerPartNumber: string; lineDate: string; commitment: string; quantity: number }[];
    containers: { containerId: string; sscc: string | null; customerPartNumber: string; quantity: number; declaredBatches: string[] }[];
  }[];
}

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
