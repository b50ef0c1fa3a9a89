// Normalised meanings of data-identifier elements (ANSI MH10.8.2 semantics;
// `vda4902` switches the single-field meanings used on VDA 4902 goods tags,
// where S is the package number and H the batch number).
import { toIsoDate } from './gs1-dates';
import type { ScanElement, ScanFields } from './types';

type TextField = { [K in keyof ScanFields]-?: ScanFields[K] extends string | undefined ? K : never }[keyof ScanFields];

const ANSI: Record<string, TextField> = {
  B: 'containerType',
  J: 'licensePlate', '1J': 'licensePlate', '5J': 'licensePlate', '6J': 'licensePlate',
  K: 'orderNumber', '1K': 'supplierOrderNumber', '11K': 'packingList', '15K': 'kanban',
  '2L': 'shipTo', '3L': 'shipTo', L: 'location', '20L': 'location', '21L': 'location',
  N: 'deliveryNote',
  P: 'partNumber', '1P': 'supplierPartNumber', '30P': 'supplierPartNumber', '2P': 'revision',
  S: 'serial', '3S': 'packageId', '4S': 'packageId', '5S': 'packageId',
  '1T': 'batch', T: 'batch',
  V: 'supplier', '13V': 'supplier', '12V': 'manufacturer',
};

const VDA4902: Record<string, TextField> = { ...ANSI, S: 'packageId', H: 'batch' };

const DATES: Record<string, 'expiry' | 'productionDate' | 'bestBefore'> = {
  '14D': 'expiry',
  '16D': 'productionDate',
  '25D': 'bestBefore',
};

export function diFields(elements: readonly ScanElement[], vda4902 = false): ScanFields {
  const map = vda4902 ? VDA4902 : ANSI;
  const f: ScanFields = {};
  // Supplier-assigned batch (1T) wins over the customer's (T); otherwise first occurrence wins.
  const ordered = [...elements].sort((a, b) => Number(b.id === '1T') - Number(a.id === '1T'));
  for (const { id, value } of ordered) {
    const key = map[id];
    if (key && f[key] === undefined) f[key] = value;
    const date = DATES[id];
    if (date && f[date] === undefined) {
      f[date] = toIsoDate({ year: Number(value.slice(0, 4)), month: Number(value.slice(4, 6)), day: Number(value.slice(6, 8)) });
    }
    if (id === 'Q' && f.quantity === undefined) {
      f.quantity = Number(value);
      f.unit = 'pcs';
    }
    if (id === '7Q' && f.quantity === undefined) {
      f.quantity = Number(value.slice(0, -2));
      f.unit = value.slice(-2);
    }
  }
  return f;
}
