import type { EdiMessage, EdiShipment } from '../../shared/edi/rows';

/** Table shapes of migration 0003-edi (see there for what each holds). JSON is text, as everywhere. */

/** The archive row (shared/edi/rows.ts: the routes answer it as stored). */
export type EdiMessagesTable = EdiMessage;

export interface EdiInterchangesTable {
  partner: string;
  reference: string;
  message_id: string;
}

export interface DeliverySchedulesTable {
  customer_id: string;
  customer_part_number: string;
  material_id: string | null;
  schedule_number: string;
  schedule_date: string;
  unit: string;
  cumulative_received: number | null;
  last_delivery_note: string | null;
  last_receipt_date: string | null;
  /** What we shipped after the last delivery note the customer's schedule names: in transit for them. */
  shipped_since: number;
  lines: string;
  message_id: string;
  updated_at: string;
}

/** A shipment's columns (shared/edi/rows.ts) and the event it came from. */
export interface EdiShipmentsTable extends EdiShipment {
  event_id: string;
  event_seq: number | null;
}

/** 0005-shipping: why the server held a shipment's despatch advice back, per container. */
export interface ShipmentRefusalsTable {
  shipment_id: string;
  container_id: string;
  code: string;
  message: string;
}

/** 0005-shipping: which schedule lines a shipment's quantities covered, in allocation order. */
export interface ShipmentAllocationsTable {
  shipment_id: string;
  customer_part_number: string;
  position: number;
  line_date: string;
  commitment: 'firm' | 'forecast' | 'unscheduled';
  quantity: number;
}

export interface EdiShipmentLinesTable {
  shipment_id: string;
  line_no: number;
  container_id: string;
  sscc: string | null;
  customer_part_number: string;
  material_id: string;
  quantity: number;
  batches: string;
  /** 0005-shipping: set on a JIS rack's line. */
  sequence_id: string | null;
}

export interface EdiTables {
  edi_messages: EdiMessagesTable;
  edi_interchanges: EdiInterchangesTable;
  delivery_schedules: DeliverySchedulesTable;
  edi_shipments: EdiShipmentsTable;
  edi_shipment_lines: EdiShipmentLinesTable;
  shipment_refusals: ShipmentRefusalsTable;
  shipment_allocations: ShipmentAllocationsTable;
}
