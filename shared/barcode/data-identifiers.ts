// ANSI MH10.8.2 data identifiers (the ASC MH10 Data Identifiers of ISO/IEC
// 15418): the whole table of the current edition (mh10-di-table.ts, generated
// from assets/mh10), so any ISO/IEC 15434 format 06 scan (automotive GTL and
// Odette labels, pharmacy packs with 9N, 1T, D, S, …) is understood. The
// identifiers VDA 4994 / Odette and VDA 4902 labels use keep titles in our
// words and the data layouts we check; every other one is checked against
// the table's length and character class.
import { MH10_DATA_IDENTIFIERS } from './mh10-di-table';
export type DiFormat =
  | 'text'
  | 'decimal' // quantity, digits with an optional decimal point
  | 'yymmdd'
  | 'yyyymmdd'
  | 'yyyymmdd-qualified' // YYYYMMDD followed by an ANSI X12.3 DE 374 date qualifier
  | 'quantity-uom'; // quantity followed by a two-character ANSI X12.3 DE 355 unit

export interface DataIdentifier {
  readonly di: string;
  readonly title: string;
  readonly format: DiFormat;
  /** The MH10.8.2 category letter and the standard's format notation. */
  readonly category: string;
  readonly standardFormat: string;
  /** Bounds from a plain `an` / `n` format of the standard. */
  readonly numeric?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
}

const entry = (di: string, title: string, format: DiFormat = 'text') => ({ di, title, format });

const TUNED: readonly { di: string; title: string; format: DiFormat }[] = [
  entry('B', 'Container type'),
  entry('1B', 'Returnable container ID'),
  entry('D', 'Date (YYMMDD)', 'yymmdd'),
  entry('6D', 'Date (YYYYMMDD) with qualifier', 'yyyymmdd-qualified'),
  entry('12D', 'Date (YYYYMMDD)', 'yyyymmdd'),
  entry('14D', 'Expiration date (YYYYMMDD)', 'yyyymmdd'),
  entry('16D', 'Production date (YYYYMMDD)', 'yyyymmdd'),
  entry('25D', 'Best before date (YYYYMMDD)', 'yyyymmdd'),
  entry('H', 'Human resources / batch number (VDA 4902)'),
  entry('I', 'Vehicle identification number (VIN)'),
  entry('J', 'License plate'),
  entry('1J', 'License plate, lowest-level transport unit'),
  entry('5J', 'License plate, mixed transport unit'),
  entry('6J', 'License plate, master transport unit of like items'),
  entry('K', 'Order number assigned by customer'),
  entry('1K', 'Order number assigned by supplier'),
  entry('2K', 'Bill of lading / shipment reference'),
  entry('11K', 'Packing list number'),
  entry('15K', 'Kanban number'),
  entry('16K', 'DELINS number'),
  entry('L', 'Storage location'),
  entry('2L', 'Ship-to location'),
  entry('3L', 'Ship-to location (mutually defined)'),
  entry('20L', 'Location, first level (internally assigned)'),
  entry('21L', 'Location, second level (internally assigned)'),
  entry('N', 'Delivery note / advice note number'),
  entry('P', 'Part number assigned by customer'),
  entry('1P', 'Part number assigned by supplier'),
  entry('2P', 'Revision / engineering change level'),
  entry('30P', 'Part number, first level (supplier assigned)'),
  entry('Q', 'Quantity', 'decimal'),
  entry('7Q', 'Quantity with unit of measure', 'quantity-uom'),
  entry('S', 'Serial number assigned by supplier'),
  entry('1S', 'Additional traceability code assigned by supplier'),
  entry('3S', 'Package ID, master pack of like items'),
  entry('4S', 'Package ID, pack of mixed items'),
  entry('5S', 'Package ID, single item pack'),
  entry('T', 'Lot / batch number assigned by customer'),
  entry('1T', 'Lot / batch number assigned by supplier'),
  entry('V', 'Supplier code assigned by customer'),
  entry('12V', 'Manufacturer DUNS number'),
  entry('13V', 'Supplier DUNS number'),
  entry('Z', 'Mutually defined'),
];

/** The standard's date layouts our date check reads; any other layout is checked by length only. */
const DATE_FORMATS: Readonly<Record<string, DiFormat>> = { YYMMDD: 'yymmdd', YYYYMMDD: 'yyyymmdd' };

const tuned = new Map(TUNED.map((d) => [d.di, d]));

export const DATA_IDENTIFIERS: ReadonlyMap<string, DataIdentifier> = new Map(
  Object.values(MH10_DATA_IDENTIFIERS).map((d): [string, DataIdentifier] => {
    const own = tuned.get(d.di);
    const bounds = { ...(d.numeric !== undefined ? { numeric: d.numeric } : {}), ...(d.minLength !== undefined ? { minLength: d.minLength } : {}), ...(d.maxLength !== undefined ? { maxLength: d.maxLength } : {}) };
    return [d.di, { di: d.di, title: own?.title ?? d.description.replace(/\.$/, ''), format: own?.format ?? DATE_FORMATS[d.format] ?? 'text', category: d.category, standardFormat: d.format, ...(own ? {} : bounds) }];
  }),
);


/** Splits "1P12345" into DI "1P" and value "12345": up to three digits, then one letter. */
export function splitDataIdentifier(element: string): { di: string; value: string } | undefined {
  const m = /^([0-9]{0,3}[A-Z])/.exec(element);
  return m ? { di: m[1]!, value: element.slice(m[1]!.length) } : undefined;
}
