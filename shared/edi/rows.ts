/**
 * The EDI archive's and the deliveries' rows as the server stores and its
 * EDI routes answer them (GET /api/v1/edi/messages, …/messages/:id,
 * …/shipments), one declaration for the server that writes them and the web
 * pages that read them. Pure types: the server builds them from its own
 * tables, nothing parses them at a boundary. JSON columns stay JSON text.
 */

/** One message in the archive, without the raw text (lists stay small). */
export interface EdiMessageRow {
  id: string;
  direction: 'in' | 'out';
  format: string;
  partner: string | null;
  reference: string | null;
  /** inbox, cli, api (inbound); outbox (outbound). */
  source: string;
  file_name: string | null;
  at: string;
  /** in: applied, duplicate, rejected, archived (read, not applied); out: written. */
  status: string;
  /** JSON text of what the message said, as read. */
  parsed: string | null;
  /** JSON text of EdiProblem[] (shared/edi/problems.ts). */
  warnings: string;
  /** JSON text of one EdiProblem. */
  error: string | null;
  /** JSON text of what the message changed in the record (a duplicate: what the first one did). */
  effect: string | null;
  /** The answer sent back (an APERAK for a rejected message), if any. */
  answer: string | null;
}

/** One message with the text exactly as it arrived or was written. */
export interface EdiMessage extends EdiMessageRow {
  raw: string;
}

/** A shipment as the server keeps it from the terminal's ShipmentDispatched (its event aside). */
export interface EdiShipment {
  shipment_id: string;
  delivery_note: string | null;
  customer_id: string | null;
  terminal_id: string;
  dispatched_at: string;
  /**
   * pending (waiting for the outbox; `error` says what the record still lacks), written (accepted:
   * despatch advice out, quantity counted), refused (shipment_refusals say why), failed, no-detail.
   */
  status: string;
  error: string | null;
  /** The dock the shipment is for, when it is not the customer's default. */
  unloading_point: string | null;
  /** The mixed load's master label (GS1 SSCC), when the truck was closed with one. */
  master_sscc: string | null;
}

/** A shipment on the deliveries page; its lines are the delivery-note trace's. */
export interface ShipmentSummary extends EdiShipment {
  /** Containers and racks on the shipment, and the parts they hold. */
  containers: number;
  quantity: number;
}
