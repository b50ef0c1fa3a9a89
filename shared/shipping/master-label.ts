import { fail, ok, type Result } from '../errors';
import { allocateSscc, isValidSscc, type SsccRangeLike } from '../labels/sscc';
import type { Customer, Plant, SsccRange } from '../master-data';
import type { ShipmentItem } from './shipment';

/**
 * The master label a mixed load gets when the truck closes: one SSCC for
 * the unit of several containers or racks (GS1 logistic label of mixed
 * content, template `gs1-mixed-load`), and its content per customer part.
 * The SSCC comes from the terminal's own range (master data `sscc-range`);
 * the last one used is read from the journal (each ShipmentDispatched names
 * its master SSCC), so the booking that closes the truck is also the one
 * that uses the number: a restart never hands it out twice.
 */

/** Containers and racks on the truck, in loading order. */
export const packagesOf = (items: readonly ShipmentItem[]): string[] => [...new Set(items.map((i) => i.containerId))];

/** Several containers or racks: the load needs a master label. */
export const isMixedLoad = (items: readonly ShipmentItem[]): boolean => packagesOf(items).length >= 2;

export interface MasterLabelLine {
  customerPartNumber: string;
  quantity: number;
  packages: number;
}

/** One line per customer part, in the order the parts were loaded. */
export function masterLabelLines(items: readonly ShipmentItem[]): MasterLabelLine[] {
  const byPart = new Map<string, { quantity: number; packages: Set<string> }>();
  for (const i of items) {
    const line = byPart.get(i.customerPartNumber) ?? { quantity: 0, packages: new Set<string>() };
    line.quantity += i.quantity;
    line.packages.add(i.containerId);
    byPart.set(i.customerPartNumber, line);
  }
  return [...byPart].map(([customerPartNumber, l]) => ({ customerPartNumber, quantity: l.quantity, packages: l.packages.size }));
}

const serialOf = (range: SsccRangeLike, sscc: string): number | undefined => {
  const head = `${range.extensionDigit}${range.companyPrefix}`;
  if (!isValidSscc(sscc) || !sscc.startsWith(head)) return undefined;
  return Number(sscc.slice(head.length, 17));
};

/** The next SSCC of the terminal's range after the ones this terminal used (from its journal). */
export function nextMasterSscc(ranges: readonly SsccRange[], terminalId: string, used: readonly string[]): Result<string> {
  const range = ranges.find((r) => r.terminalId === terminalId);
  if (!range) return fail('sscc-range-missing', `terminal ${terminalId} has no SSCC range in master data (sscc-range); plant IT must assign one`);
  const serials = used.map((s) => serialOf(range, s)).filter((n): n is number => n !== undefined && n >= range.from && n <= range.to);
  const next = allocateSscc({ range, lastUsed: serials.length ? Math.max(...serials) : null });
  return next.ok ? ok(next.value.sscc) : next;
}

const MAX_LINES = 10;
const ascii = (s: string, max: number) => s.replace(/[^\x20-\x7e]/g, '?').slice(0, max);

/** The data of the `gs1-mixed-load` template for a truck closing now. */
export function masterLabelData(p: { sscc: string; shipmentId: string; items: readonly ShipmentItem[]; customer: Customer; plant: Plant | undefined; unloadingPoint?: string | undefined }): Result<Record<string, unknown>> {
  if (!p.plant) return fail('label-master-data-missing', 'plant: the plant of this terminal\'s line is not in master data; it is the sender on the master label');
  const lines = masterLabelLines(p.items);
  // More parts than the label has lines: the last line says how many more (their packages carry their own labels).
  const shown = lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES - 1), { customerPartNumber: `+${lines.length - MAX_LINES + 1} MORE PARTS`, quantity: lines.slice(MAX_LINES - 1).reduce((s, l) => s + l.quantity, 0), packages: lines.slice(MAX_LINES - 1).reduce((s, l) => s + l.packages, 0) }] : lines;
  return ok({
    sscc: p.sscc,
    shipFrom: [p.plant.name, p.plant.address].filter(Boolean).join(', ').slice(0, 60),
    shipTo: [p.customer.shipTo.name, p.customer.shipTo.address].filter(Boolean).join(', ').slice(0, 60),
    unloadingPoint: ascii(p.unloadingPoint ?? p.customer.shipTo.unloadingPoint ?? '', 25),
    shipment: ascii(p.shipmentId, 40),
    packages: packagesOf(p.items).length,
    lines: shown.map((l) => ({ ...l, customerPartNumber: ascii(l.customerPartNumber, 35) })),
  });
}
