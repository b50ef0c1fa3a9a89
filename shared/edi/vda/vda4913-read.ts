import { EdiError, guarded, type EdiProblem, type EdiResult } from '../problems';
import { checkTrailer } from './call-offs';
import { parseVda, type VdaRecord } from './engine';
import { VDA_4913 } from './formats';

/**
 * Reads a VDA 4913 file back into the shipment it announces: the delivery
 * note, every package with its part, quantity, batches and SSCC, and the
 * master handling unit of a mixed load (a 715 whose Label-Kennung is G or
 * M). It reads what writeVda4913 writes, so a test can hold the two against
 * each other, and a sub-supplier's 4913 the same way.
 */

export interface Vda4913Package {
  /** Packmittel-Nummer Lieferant: the label number our writer puts there. */
  label: string;
  packageNumber?: string;
  sscc?: string;
  packagingType?: string;
  customerPartNumber: string;
  materialId: string;
  quantity: number;
  batches: string[];
}

export interface Vda4913Advice {
  customer: string;
  supplier: string;
  transmissionNew: number;
  shipmentNumber: string;
  deliveryNoteNumber: string;
  unloadingPoint: string;
  masterSscc?: string;
  packages: Vda4913Package[];
}

const quantityOf = (milli: string | undefined) => Number(milli || 0) / 1000;
/** A numeric field nobody filled is zeros; an alphanumeric one, blanks. */
const present = (value: string | undefined) => (value && !/^0+$/.test(value) ? value : undefined);

function one(records: VdaRecord[], type: string): VdaRecord {
  const r = records.find((x) => x.type === type);
  if (!r) throw new EdiError({ code: 'vda-missing-record', message: `the file has no record ${type}`, segment: records.length + 1, expected: type });
  return r;
}

/** Label-Kennung codes (format-4913.ts); blank where a sender leaves the optional field empty. */
const LABEL_KINDS = new Set(['', 'S', 'M', 'G']);

/**
 * 715's fields 04, 05, 08, 09 and 12 have no cited length, and every later column follows from them: a sender whose
 * 715 is laid out otherwise shows it here first, as a Label-Kennung that is no code. Refused, naming the field, rather
 * than booking Füllmenge and package numbers read from the wrong columns.
 */
function checkLabelKind(r: VdaRecord): void {
  const kind = r.values.labelKind ?? '';
  if (LABEL_KINDS.has(kind)) return;
  const element = VDA_4913.records['715']!.fields.findIndex((f) => f.name === 'labelKind') + 3;
  throw new EdiError({ code: 'vda-bad-code', message: `Label-Kennung "${kind}" is not a label code`, segment: r.index, tag: '715', element, expected: 'S, M, G or blank' });
}

export function parseVda4913(text: string): EdiResult<Vda4913Advice> {
  const warnings: EdiProblem[] = [];
  return guarded(warnings, () => {
    const parsed = parseVda(text, VDA_4913);
    warnings.push(...parsed.warnings);
    if (!parsed.ok) throw new EdiError(parsed.error);
    const records = parsed.value;
    if (records[0]?.type !== '711') throw new EdiError({ code: 'vda-no-header', message: 'the file must start with record 711', segment: 1, tag: records[0]?.type, expected: '711' });
    checkTrailer(records, '719', ['711', '712', '713', '714', '715', '719'], warnings);
    const head = records[0].values;
    const note = one(records, '713').values;
    const advice: Vda4913Advice = {
      customer: head.customerNumber!,
      supplier: head.supplierNumber!,
      transmissionNew: Number(head.transmissionNew),
      shipmentNumber: String(Number(one(records, '712').values.shipmentNumber)),
      deliveryNoteNumber: String(Number(note.deliveryNote)),
      unloadingPoint: note.unloadingPoint!,
      packages: [],
    };
    let position: VdaRecord | undefined;
    for (const r of records) {
      if (r.type === '714') position = r;
      if (r.type !== '715') continue;
      if (!position) throw new EdiError({ code: 'vda-order', message: 'record 715 before any 714', segment: r.index, tag: '715', expected: '714' });
      const v = r.values;
      checkLabelKind(r);
      if (v.labelKind === 'G' || v.labelKind === 'M') {
        if (v.sscc) advice.masterSscc = v.sscc;
        continue;
      }
      const p = position.values;
      advice.packages.push({
        label: v.packagingSupplier!,
        ...(present(v.packageFrom) ? { packageNumber: String(Number(v.packageFrom)) } : {}),
        ...(present(v.sscc) ? { sscc: v.sscc } : {}),
        ...(present(v.packagingCustomer) ? { packagingType: v.packagingCustomer } : {}),
        customerPartNumber: p.customerPart!,
        materialId: p.supplierPart!,
        quantity: quantityOf(v.quantityPerPackage),
        batches: p.batch ? p.batch.split(',') : [],
      });
    }
    return advice;
  });
}
