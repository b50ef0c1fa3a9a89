/** Shapes of the projection tables (migration 0002). Times are UTC ISO text; quantities numbers. */

export interface OrderProgressTable {
  order_id: string;
  line_id: string;
  material_id: string | null;
  status: string | null;
  status_at: string | null;
  good_quantity: number;
  scrap_quantity: number;
  started_at: string | null;
  completed_at: string | null;
}

export interface OrderScrapTable {
  order_id: string;
  reason_id: string;
  quantity: number;
}

export interface OrderConsumptionTable {
  order_id: string;
  material_id: string;
  batch: string;
  quantity: number;
}

export interface BatchWindowsTable {
  /** The MaterialLoaded event that opened the window. */
  event_id: string;
  /** The order id, or `line:<lineId>` for a load outside any order. */
  scope: string;
  order_id: string | null;
  line_id: string;
  terminal_id: string;
  operator_id: string | null;
  material_id: string;
  batch: string;
  supplier: string | null;
  from_at: string;
  /** Exclusive end: the next load of the material in the same scope, or the order's completion. */
  to_at: string | null;
}

export interface SerialsTable {
  serial: string;
  order_id: string | null;
  material_id: string | null;
  terminal_id: string;
  operator_id: string | null;
  produced_at: string;
}

export interface SerialComponentsTable {
  serial: string;
  material_id: string;
  batch: string;
}

export interface ContainersTable {
  container_id: string;
  sscc: string | null;
  material_id: string | null;
  terminal_id: string | null;
  operator_id: string | null;
  opened_at: string | null;
  closed_at: string | null;
  /** The package number the container's label prints (VDA 4902 field 14). */
  package_number: string | null;
}

/** One packing of counted parts, at its own time: what a batch window is checked against. */
export interface ContainerPacksTable {
  event_id: string;
  container_id: string;
  order_id: string;
  terminal_id: string;
  operator_id: string | null;
  quantity: number;
  packed_at: string;
}

export interface ContainerSerialsTable {
  container_id: string;
  serial: string;
  terminal_id: string;
  operator_id: string | null;
  packed_at: string;
}

export interface ContainerOrdersTable {
  container_id: string;
  order_id: string;
  terminal_id: string;
  /** '' when no operator was logged in (part of the key, so not null). */
  operator_id: string;
  quantity: number;
  first_at: string;
  last_at: string;
}

export interface ShipmentContainersTable {
  shipment_id: string;
  container_id: string;
  customer: string | null;
  terminal_id: string;
  operator_id: string | null;
  dispatched_at: string;
}

export interface QualityFlagsTable {
  event_id: string;
  kind: string;
  terminal_id: string;
  seq: number;
  type: string;
  order_id: string | null;
  material_id: string | null;
  batch: string | null;
  message: string;
  occurred_at: string;
}

export interface ErpConfirmationsTable {
  number: number;
  order_id: string;
  /** JSON text of the confirmation (see server/projection/erp.ts). */
  data: string;
  created_at: string;
}

export interface BlockedBatchesTable {
  master_id: string;
  material_id: string;
  batch: string;
  reason: string;
}

export interface ProjectionTables {
  order_progress: OrderProgressTable;
  order_scrap: OrderScrapTable;
  order_consumption: OrderConsumptionTable;
  batch_windows: BatchWindowsTable;
  serials: SerialsTable;
  serial_components: SerialComponentsTable;
  containers: ContainersTable;
  container_serials: ContainerSerialsTable;
  container_orders: ContainerOrdersTable;
  container_packs: ContainerPacksTable;
  shipment_containers: ShipmentContainersTable;
  quality_flags: QualityFlagsTable;
  erp_confirmations: ErpConfirmationsTable;
  blocked_batches: BlockedBatchesTable;
}
