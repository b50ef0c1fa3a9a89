/**
 * A delivery schedule per customer part, whatever message it came in (VDA
 * 4905 Lieferabruf, VDA 4915 Feinabruf, EDIFACT DELFOR): what the customer
 * wants when (firm or forecast), how much they say they have received so far
 * (the cumulative quantity, Eingangs-Fortschrittszahl) and the last despatch
 * note they booked. A new schedule for the same part replaces the previous
 * one, as VDA 4905 and DELFOR (BGM 1225 = 5, replace) both specify.
 */

export type ScheduleDateKind = 'day' | 'week' | 'month' | 'backlog' | 'immediate';

export interface ScheduleLine {
  /** `YYYY-MM-DD` (first day of the week or month for those kinds); '' for backlog or immediate. */
  date: string;
  /** `YYYY-MM-DDTHH:MM` when the message gives a time (JIT call-offs). */
  time?: string;
  dateKind: ScheduleDateKind;
  quantity: number;
  commitment: 'firm' | 'forecast';
}

export interface DeliverySchedule {
  customerPartNumber: string;
  supplierPartNumber?: string;
  /** The customer's plant (VDA 512 Werk) or ship-to party. */
  customerPlant?: string;
  unloadingPoint?: string;
  orderNumber?: string;
  scheduleNumber: string;
  /** `YYYY-MM-DD`. */
  scheduleDate: string;
  previousScheduleNumber?: string;
  unit: string;
  cumulativeReceived?: number;
  lastDespatch?: { deliveryNote: string; date?: string; quantity?: number };
  lines: ScheduleLine[];
}

export interface ScheduleMessage {
  kind: 'schedule';
  format: 'VDA4905' | 'VDA4915' | 'DELFOR';
  /** The customer as they name themselves (VDA Kunden-Nr., DELFOR buyer / issuer). */
  customer: string;
  /** Our supplier number at that customer. */
  supplier: string;
  /** The transmission or interchange reference duplicates are recognised by. */
  reference: string;
  schedules: DeliverySchedule[];
}

/** YYMMDD as VDA writes dates (years 00–69 are 20xx, the rest 19xx, the usual pivot). */
export function vdaDate(yymmdd: string): { date: string; kind: ScheduleDateKind } | undefined {
  if (!/^\d{6}$/.test(yymmdd)) return undefined;
  if (yymmdd === '000000') return { date: '', kind: 'backlog' };
  if (yymmdd === '222222') return { date: '', kind: 'immediate' };
  const yy = Number(yymmdd.slice(0, 2));
  const year = yy < 70 ? 2000 + yy : 1900 + yy;
  const mm = yymmdd.slice(2, 4);
  const dd = yymmdd.slice(4, 6);
  if (Number(mm) < 1 || Number(mm) > 12) return undefined;
  if (dd === '00') return { date: `${year}-${mm}-01`, kind: 'month' };
  return { date: `${year}-${mm}-${dd}`, kind: 'day' };
}
