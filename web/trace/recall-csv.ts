import type { BatchTrace } from './types';

/**
 * The recall scope of a batch as CSV (RFC 4180, comma, CRLF): one row per
 * order, serial, container and shipment of the forward trace, in the
 * API's order, each with the times that put it in scope. Nothing is
 * derived that the API did not say, so the file and the trace agree.
 */

export const RECALL_CSV_HEADER = ['kind', 'id', 'order', 'container', 'shipment', 'delivery_note', 'customer', 'from', 'to', 'link', 'quantity'] as const;

type Row = Record<(typeof RECALL_CSV_HEADER)[number], string | number | null>;

const empty = (): Row => ({ kind: '', id: '', order: null, container: null, shipment: null, delivery_note: null, customer: null, from: null, to: null, link: null, quantity: null });

export function recallRows(trace: BatchTrace): Row[] {
  const shipmentOf = new Map<string, BatchTrace['shipments'][number]>();
  for (const s of trace.shipments) for (const c of s.containerIds) shipmentOf.set(c, s);
  return [
    ...trace.orders.map((o) => ({ ...empty(), kind: 'order', id: o.orderId, order: o.orderId, from: o.from, to: o.to, quantity: o.consumed })),
    ...trace.serials.map((s) => ({ ...empty(), kind: 'serial', id: s.serial, order: s.orderId, from: s.producedAt, link: s.link })),
    ...trace.containers.map((c) => {
      const shipment = shipmentOf.get(c.containerId);
      return { ...empty(), kind: 'container', id: c.containerId, container: c.containerId, shipment: shipment?.shipmentId ?? null, delivery_note: shipment?.deliveryNote ?? null, customer: shipment?.customer ?? null, from: c.from, to: c.to, link: c.link };
    }),
    ...trace.shipments.map((s) => ({ ...empty(), kind: 'shipment', id: s.shipmentId, shipment: s.shipmentId, delivery_note: s.deliveryNote, customer: s.customer, from: s.dispatchedAt, container: s.containerIds.join(' ') })),
  ];
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ would be a formula in a spreadsheet: quoted and prefixed, it stays text.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function recallCsv(trace: BatchTrace): string {
  const lines = [RECALL_CSV_HEADER.join(','), ...recallRows(trace).map((r) => RECALL_CSV_HEADER.map((h) => cell(r[h])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
