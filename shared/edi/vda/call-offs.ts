import { EdiError, guarded, type EdiProblem, type EdiResult } from '../problems';
import { vdaDate, type DeliverySchedule, type ScheduleLine, type ScheduleMessage } from '../schedule';
import { parseVda, type VdaFormat, type VdaRecord } from './engine';
import { VDA_4905, VDA_4905_TRAILER_COUNTS, VDA_4915 } from './formats';

/**
 * VDA 4905 (Lieferabruf) and VDA 4915 (Feinabruf) to delivery schedules. In
 * 4905 each 512 opens one customer part; its 513 carries the last delivery
 * the customer booked and the cumulative received quantity
 * (Eingangs-Fortschrittszahl), then date/quantity pairs that 514 continue. A
 * date to the day is a delivery instruction (firm); a month (day 00) is the
 * forecast horizon; 000000 is the backlog (Rückstand) and 222222 "at once"
 * (Sofortbedarf), both firm. A 4915 call-off is the JIT refinement of a
 * 4905: every slot is firm. The trailer (519 / 559) counts the records; a
 * wrong count is a warning.
 */

/** A trailer whose count of a record type differs from the file is a warning: the file may be cut or padded. */
export function checkTrailer(records: VdaRecord[], trailerType: string, counted: readonly string[], warnings: EdiProblem[]): void {
  const trailer = records.find((r) => r.type === trailerType);
  if (!trailer) {
    warnings.push({ code: 'vda-no-trailer', message: `no ${trailerType} trailer: the file may be cut off`, segment: records.length + 1, expected: trailerType });
    return;
  }
  for (const t of counted) {
    const declared = Number(trailer.values[`count${t}`] || 0);
    const actual = records.filter((r) => r.type === t).length;
    if (declared !== actual) {
      warnings.push({ code: 'vda-trailer-count', message: `${trailerType} counts ${declared} record(s) ${t}, the file has ${actual}`, segment: trailer.index, tag: trailerType, expected: String(actual) });
    }
  }
}

function date(value: string, record: VdaRecord, field: string, element?: number): string {
  const d = vdaDate(value);
  if (!d || d.kind !== 'day') throw new EdiError({ code: 'vda-bad-date', message: `${field} "${value}" is not a date`, segment: record.index, tag: record.type, ...(element ? { element } : {}), expected: 'YYMMDD' });
  return d.date;
}

/** Field number of a 553 field as the record descriptions count them (Satzart 01, Version 02). */
const slotElement = (name: string) => VDA_4915.records['553']!.fields.findIndex((f) => f.name === name) + 3;

/**
 * A slot with a quantity must carry a time of day. The 553 layout is unverified (formats.ts), so a partner's
 * slots laid out otherwise should fail here, naming the field, rather than yield quantities from wrong columns.
 */
function slotTime(raw: string, record: VdaRecord, slot: number): string {
  const hhmm = (raw || '0000').padStart(4, '0');
  if (Number(hhmm.slice(0, 2)) > 23 || Number(hhmm.slice(2)) > 59) {
    throw new EdiError({ code: 'vda-bad-time', message: `Uhrzeit ${slot} "${raw}" is not a time of day`, segment: record.index, tag: record.type, element: slotElement(`time${slot}`), expected: 'HHMM, 0000 to 2359' });
  }
  return hhmm;
}

function header(records: VdaRecord[], type: string): VdaRecord {
  const h = records[0];
  if (!h || h.type !== type) throw new EdiError({ code: 'vda-no-header', message: `the file must start with record ${type}`, segment: 1, tag: h?.type, expected: type });
  return h;
}

function open(format: VdaFormat, text: string, headerType: string, dataType: string, warnings: EdiProblem[]): { records: VdaRecord[]; head: VdaRecord } {
  const parsed = parseVda(text, format);
  warnings.push(...parsed.warnings);
  if (!parsed.ok) throw new EdiError(parsed.error);
  const head = header(parsed.value, headerType);
  if (!parsed.value.some((r) => r.type === dataType)) throw new EdiError({ code: 'vda-no-data', message: `no record ${dataType}: the call-off names no part`, segment: 2, expected: dataType });
  return { records: parsed.value, head };
}

function message(format: ScheduleMessage['format'], head: VdaRecord, schedules: DeliverySchedule[]): ScheduleMessage {
  const v = head.values;
  return { kind: 'schedule', format, customer: v.customerNumber!, supplier: v.supplierNumber!, reference: `${v.customerNumber}/${v.transmissionNew}`, schedules };
}

export function parseVda4905(text: string): EdiResult<ScheduleMessage> {
  const warnings: EdiProblem[] = [];
  return guarded(warnings, () => {
    const { records, head } = open(VDA_4905, text, '511', '512', warnings);
    checkTrailer(records, '519', VDA_4905_TRAILER_COUNTS, warnings);
    const schedules: DeliverySchedule[] = [];
    let current: DeliverySchedule | undefined;
    for (const r of records) {
      const v = r.values;
      if (r.type === '512') {
        current = {
          customerPartNumber: v.customerPart!,
          ...(v.supplierPart ? { supplierPartNumber: v.supplierPart } : {}),
          ...(v.plant ? { customerPlant: v.plant } : {}),
          ...(v.unloadingPoint ? { unloadingPoint: v.unloadingPoint } : {}),
          ...(v.orderNumber ? { orderNumber: v.orderNumber } : {}),
          scheduleNumber: String(Number(v.callOffNew)),
          scheduleDate: date(v.callOffDateNew!, r, 'Abruf-Datum neu'),
          ...(Number(v.callOffOld) ? { previousScheduleNumber: String(Number(v.callOffOld)) } : {}),
          unit: v.unit || 'ST',
          lines: [],
        };
        if (!current.customerPartNumber) throw new EdiError({ code: 'vda-no-part', message: 'Sachnummer Kunde is empty', segment: r.index, tag: '512', element: 8, expected: 'a part number' });
        schedules.push(current);
        continue;
      }
      if (r.type !== '513' && r.type !== '514') continue;
      if (!current) throw new EdiError({ code: 'vda-order', message: `record ${r.type} before any 512`, segment: r.index, tag: r.type, expected: '512' });
      if (r.type === '513') {
        if (v.cumulativeReceived) current.cumulativeReceived = Number(v.cumulativeReceived);
        if (Number(v.lastDeliveryNote)) {
          const received = vdaDate(v.lastReceiptDate!);
          current.lastDespatch = { deliveryNote: String(Number(v.lastDeliveryNote)), ...(received?.kind === 'day' ? { date: received.date } : {}), quantity: Number(v.lastQuantity || 0) };
        }
      }
      const [from, count] = r.type === '513' ? [1, 5] : [6, 8];
      for (let i = from; i < from + count; i += 1) pushLine(current.lines, v[`date${i}`]!, v[`quantity${i}`]!, r);
    }
    return message('VDA4905', head, schedules);
  });
}

function pushLine(lines: ScheduleLine[], rawDate: string, rawQuantity: string, r: VdaRecord): void {
  if (rawDate === '' && rawQuantity === '') return;
  const quantity = Number(rawQuantity || 0);
  // Unused pairs are zero-filled; a real 000000 date (backlog) always carries a quantity.
  if (quantity === 0 && (rawDate === '' || /^0+$/.test(rawDate))) return;
  const d = vdaDate(rawDate);
  if (!d) throw new EdiError({ code: 'vda-bad-date', message: `call-off date "${rawDate}" is not a date`, segment: r.index, tag: r.type, expected: 'YYMMDD, YYMM00, 000000 or 222222' });
  lines.push({ date: d.date, dateKind: d.kind, quantity, commitment: d.kind === 'month' || d.kind === 'week' ? 'forecast' : 'firm' });
}

export function parseVda4915(text: string): EdiResult<ScheduleMessage> {
  const warnings: EdiProblem[] = [];
  return guarded(warnings, () => {
    const { records, head } = open(VDA_4915, text, '551', '552', warnings);
    checkTrailer(records, '559', ['551', '552', '553'], warnings);
    const schedules: DeliverySchedule[] = [];
    let current: DeliverySchedule | undefined;
    for (const r of records) {
      const v = r.values;
      if (r.type === '552') {
        current = {
          customerPartNumber: v.customerPart!,
          ...(v.supplierPart ? { supplierPartNumber: v.supplierPart } : {}),
          ...(v.plant ? { customerPlant: v.plant } : {}),
          ...(v.unloadingPoint ? { unloadingPoint: v.unloadingPoint } : {}),
          scheduleNumber: String(Number(v.callOffNew)),
          scheduleDate: date(v.callOffDateNew!, r, 'Feinabruf-Datum neu'),
          ...(Number(v.callOffOld) ? { previousScheduleNumber: String(Number(v.callOffOld)) } : {}),
          unit: v.unit || 'ST',
          ...(v.cumulativeReceived ? { cumulativeReceived: Number(v.cumulativeReceived) } : {}),
          ...(Number(v.lastDeliveryNote) ? { lastDespatch: { deliveryNote: String(Number(v.lastDeliveryNote)), ...(vdaDate(v.lastReceiptDate!)?.kind === 'day' ? { date: vdaDate(v.lastReceiptDate!)!.date } : {}) } } : {}),
          lines: [],
        };
        schedules.push(current);
        continue;
      }
      if (r.type !== '553') continue;
      if (!current) throw new EdiError({ code: 'vda-order', message: 'record 553 before any 552', segment: r.index, tag: '553', expected: '552' });
      for (let i = 1; i <= 8; i += 1) {
        const quantity = Number(v[`quantity${i}`] || 0);
        if (quantity === 0) continue;
        const day = date(v[`date${i}`]!, r, `Datum ${i}`, slotElement(`date${i}`));
        const hhmm = slotTime(v[`time${i}`]!, r, i);
        current.lines.push({ date: day, time: `${day}T${hhmm.slice(0, 2)}:${hhmm.slice(2)}`, dateKind: 'day', quantity, commitment: 'firm' });
      }
    }
    return message('VDA4915', head, schedules);
  });
}
