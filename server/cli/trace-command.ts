import { parseArgs } from 'node:util';
import { traceContainer, traceSerial, type ContainerTrace, type SerialTrace } from '../trace/backward';
import { traceDeliveryNote, type DeliveryNoteTrace } from '../trace/delivery-note';
import { traceBatch, type BatchTrace } from '../trace/forward';
import { databaseSettings } from './config';
import { EXIT_FAILURE, EXIT_OK, UsageError, envOf, printJson, type CliIo } from './io';
import { withDatabase } from './with-database';

export const TRACE_USAGE = 'takt trace batch <material> <batch> | container <id | package number | SSCC> | serial <serial> | delivery-note <number> [--customer ID] [--data DIR] [--json]';

/** `takt trace`: the same answers as GET /api/v1/trace/…, read straight from the database. */
export async function runTrace(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { data: { type: 'string' }, customer: { type: 'string' }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [what, ...keys] = positionals;
  const arity = what === 'batch' ? 2 : what === 'container' || what === 'serial' || what === 'delivery-note' ? 1 : -1;
  if (arity < 0) throw new UsageError('expected batch, container, serial or delivery-note');
  if (keys.length !== arity) throw new UsageError(`trace ${what} takes ${arity} argument(s)`);

  return withDatabase(databaseSettings(values, envOf(io)), async ({ db }) => {
    const trace =
      what === 'batch' ? await traceBatch(db, keys[0]!, keys[1]!)
      : what === 'container' ? await traceContainer(db, keys[0]!)
      : what === 'delivery-note' ? await traceDeliveryNote(db, keys[0]!, values.customer)
      : await traceSerial(db, keys[0]!);
    if (!trace) {
      const message = `no ${what} ${keys[0]} in the record`;
      io.stderr.write(values.json ? `${JSON.stringify({ error: { code: 'not-found', message } })}\n` : `takt trace: ${message}\n`);
      return EXIT_FAILURE;
    }
    if (values.json) printJson(io, trace);
    else if (what === 'batch') io.stdout.write(describeBatch(trace as BatchTrace));
    else if (what === 'delivery-note') io.stdout.write(describeDeliveryNote(trace as DeliveryNoteTrace));
    else io.stdout.write(describeOrigins(what as string, trace as ContainerTrace | SerialTrace));
    return EXIT_OK;
  });
}

const span = (from: string | null, to: string | null): string => `${from ?? '…'} – ${to ?? 'open'}`;
const list = (items: string[]): string => (items.length ? items.join(', ') : '—');

function describeBatch(t: BatchTrace): string {
  const lines = [`Batch ${t.batch} of ${t.materialId}${t.blocked ? ` (BLOCKED: ${t.blocked})` : ''}`, `  suppliers: ${list(t.suppliers)}`];
  lines.push(`  orders (${t.orders.length}):`);
  for (const o of t.orders) lines.push(`    ${o.orderId}  ${span(o.from, o.to)}  consumed ${o.consumed}  good ${o.goodQuantity}  scrap ${o.scrapQuantity}  ${o.status ?? ''}`);
  lines.push(`  serials (${t.serials.length}): ${list(t.serials.map((s) => `${s.serial} [${s.link}]`))}`);
  lines.push(`  containers (${t.containers.length}):`);
  for (const c of t.containers) lines.push(`    ${c.containerId}${c.sscc ? ` SSCC ${c.sscc}` : ''}  packed ${span(c.from, c.to)} [${c.link}]`);
  lines.push(`  shipments (${t.shipments.length}):`);
  for (const s of t.shipments) lines.push(`    ${s.shipmentId}  ${s.dispatchedAt}  delivery note ${s.deliveryNote ?? '—'}  ${s.customerId ?? s.customer ?? ''}  containers ${list(s.containerIds)}`);
  return `${lines.join('\n')}\n`;
}

function describeOrigins(what: string, t: ContainerTrace | SerialTrace): string {
  const name = 'containerId' in t ? t.containerId : t.serial;
  const lines = [`${what === 'container' ? 'Container' : 'Serial'} ${name}`];
  if ('containerId' in t) {
    if (t.packageNumber) lines.push(`  package number: ${t.packageNumber}`);
    if (t.alsoMatching.length) lines.push(`  also matching this number: ${list(t.alsoMatching)}`);
  }
  lines.push(`  batches (${t.batches.length}):`);
  for (const b of t.batches) lines.push(`    ${b.materialId} ${b.batch}${b.supplier ? `  supplier ${b.supplier}` : ''} [${b.link}]`);
  lines.push(`  suppliers: ${list(t.suppliers)}`, `  operators: ${list(t.operators)}`, `  terminals: ${list(t.terminals)}`);
  lines.push(`  shipments: ${list(t.shipments.map((s) => (s.deliveryNote ? `${s.shipmentId} (delivery note ${s.deliveryNote}, ${s.customerId})` : s.shipmentId)))}`);
  return `${lines.join('\n')}\n`;
}

function describeDeliveryNote(t: DeliveryNoteTrace): string {
  const lines = [`Delivery note ${t.deliveryNote}`];
  for (const s of t.shipments) {
    lines.push(`  shipment ${s.shipmentId}  customer ${s.customerId ?? '—'}  ${s.dispatchedAt}  ${s.status}${s.unloadingPoint ? `  unloading point ${s.unloadingPoint}` : ''}`);
    for (const r of s.refusals) lines.push(`    REFUSED ${r.containerId || s.shipmentId}: ${r.code}  ${r.message}`);
    for (const c of s.containers) lines.push(`    ${c.containerId}${c.sscc ? ` SSCC ${c.sscc}` : ''}  ${c.customerPartNumber} × ${c.quantity}  batches ${list(c.batches.map((b) => `${b.materialId} ${b.batch}`))}`);
  }
  lines.push(`  batches: ${list(t.batches.map((b) => `${b.materialId} ${b.batch}`))}`);
  return `${lines.join('\n')}\n`;
}
