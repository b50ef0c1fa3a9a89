// Normalised meanings of GS1 elements (GS1 General Specifications 3.x AI definitions).
import { checkDate, toIsoDate } from './gs1-dates';
import type { ScanFields } from './types';

interface El {
  readonly ai: string;
  readonly value: string;
}

const DATE_FIELDS: Record<string, keyof ScanFields> = {
  '11': 'productionDate',
  '12': 'dueDate',
  '13': 'packDate',
  '15': 'bestBefore',
  '16': 'sellBy',
  '17': 'expiry',
};

const TEXT_FIELDS: Record<string, keyof ScanFields> = {
  '00': 'sscc',
  '01': 'gtin',
  '02': 'contentGtin',
  '10': 'batch',
  '21': 'serial',
  '241': 'customerPartNumber',
  '400': 'orderNumber',
  '410': 'shipTo',
  '8003': 'returnableAsset',
  '8004': 'assetId',
};

// Measures: AI prefix -> unit; the 4th digit is the number of decimals.
const MEASURES: Record<string, string> = {
  '310': 'kg', '311': 'm', '312': 'm', '313': 'm', '314': 'm2', '315': 'l', '316': 'm3', '320': 'lb',
};

export function gs1Fields(elements: readonly El[], referenceYear: number): ScanFields {
  const f: ScanFields = {};
  const set = f as Record<string, unknown>;
  for (const { ai, value } of elements) {
    const textField = TEXT_FIELDS[ai];
    if (textField) set[textField] ??= value;
    const dateField = DATE_FIELDS[ai];
    if (dateField) {
      const d = checkDate(value, { fourDigitYear: false, allowDayZero: true, referenceYear });
      if (typeof d !== 'string') set[dateField] ??= toIsoDate(d);
    }
    if (ai === '7003' && f.expiry === undefined) {
      const d = checkDate(value.slice(0, 6), { fourDigitYear: false, allowDayZero: false, referenceYear });
      if (typeof d !== 'string') f.expiry = toIsoDate(d);
    }
    if (ai === '422') f.countryOfOrigin ??= value;
    if (/^9[1-9]$/.test(ai)) f.internal = { ...f.internal, [ai]: value };
  }
  const count = elements.find((e) => e.ai === '30' || e.ai === '37');
  if (count) {
    f.quantity = Number(count.value);
    f.unit = 'pcs';
  } else {
    const measure = elements.find((e) => e.ai.length === 4 && MEASURES[e.ai.slice(0, 3)] !== undefined);
    if (measure) {
      f.quantity = Number(measure.value) / 10 ** Number(measure.ai[3]);
      f.unit = MEASURES[measure.ai.slice(0, 3)];
    }
  }
  return f;
}
