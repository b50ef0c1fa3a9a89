import { parseInterchange, type Interchange } from '../edifact/interchange';
import { value, type Segment } from '../edifact/tokenize';
import { EdiError, guarded, type EdiProblem, type EdiResult } from '../problems';
import type { DeliverySchedule, ScheduleMessage } from '../schedule';
import { buyerAndSupplier, number, parties, readDtm, requireDirectory } from './common';

/**
 * DELFOR (delivery schedule message), directories D.96A, D.97A and D.04A, to
 * delivery schedules. The line item group starts at LIN (C212 7140: the
 * customer's part number) and holds PIA (additional ids, 4347 = 1), LOC+11
 * (place of discharge: the unloading point), RFF+ON (order number), and the
 * quantity groups QTY + DTM: QTY 6063 = 70 cumulative quantity received, 48
 * received quantity (with RFF+AAK, the despatch advice it arrived with),
 * 1 or 113 a quantity requested, each after SCC 4017 (1, 2, 3 firm
 * or committed, 4 planning/forecast, 10 backlog); DTM 2005 = 2, 10, 64 or 158
 * dates the requested quantity, 50 / 51 the receipt.
 */

export const DELFOR_RELEASES = ['96A', '97A', '04A'] as const;

const FORECAST_SCC = new Set(['4']);

export function parseDelfor(text: string): EdiResult<ScheduleMessage> {
  const parsed = parseInterchange(text);
  if (!parsed.ok) return parsed;
  const warnings: EdiProblem[] = [...parsed.warnings];
  return guarded(warnings, () => delforFromInterchange(parsed.value, warnings));
}

/** Throws EdiError; for callers that already hold the parsed interchange. */
export function delforFromInterchange(x: Interchange, warnings: EdiProblem[]): ScheduleMessage {
  const schedules: DeliverySchedule[] = [];
  let who = { customer: x.sender.id, supplier: x.recipient.id };
  for (const m of x.messages) {
    requireDirectory(m, 'DELFOR', DELFOR_RELEASES);
    who = buyerAndSupplier(x, parties(m.segments));
    schedules.push(...readMessage(m.segments, warnings));
  }
  if (schedules.length === 0) throw new EdiError({ code: 'edi-no-lines', message: 'the DELFOR names no part (no LIN)', expected: 'LIN' });
  return { kind: 'schedule', format: 'DELFOR', customer: who.customer, supplier: who.supplier, reference: x.controlRef, schedules };
}

function readMessage(segments: readonly Segment[], warnings: EdiProblem[]): DeliverySchedule[] {
  const bgm = segments.find((s) => s.tag === 'BGM');
  if (!bgm) throw new EdiError({ code: 'edi-no-bgm', message: 'the message has no BGM', segment: segments[0]?.index, expected: 'BGM' });
  const scheduleNumber = value(bgm, 2, 1) || value(bgm, 2);
  const docDtm = segments.find((s) => s.tag === 'DTM' && value(s, 1, 1) === '137' && s.index < (segments.find((t) => t.tag === 'LIN')?.index ?? Infinity));
  const scheduleDate = docDtm ? readDtm(docDtm).date : '';
  const out: DeliverySchedule[] = [];
  let current: DeliverySchedule | undefined;
  let commitment: 'firm' | 'forecast' = 'firm';
  let pendingQty: { kind: string; quantity: number; segment: Segment } | undefined;
  let shipTo: string | undefined;
  const flush = () => {
    if (pendingQty && current && (pendingQty.kind === '1' || pendingQty.kind === '113')) {
      warnings.push({ code: 'edi-qty-undated', message: 'a requested quantity without a date was ignored', segment: pendingQty.segment.index, tag: 'QTY', expected: 'DTM+2, 10, 64 or 158 after it' });
    }
    pendingQty = undefined;
  };
  for (const s of segments) {
    switch (s.tag) {
      case 'NAD':
        if (value(s, 1) === 'ST' || value(s, 1) === 'CN') shipTo = value(s, 2, 1);
        break;
      case 'LIN': {
        flush();
        const part = value(s, 3, 1);
        if (!part) throw new EdiError({ code: 'edi-no-part', message: 'LIN names no item number', segment: s.index, tag: 'LIN', element: 3, component: 1, expected: "the customer's part number (7140)" });
        current = { customerPartNumber: part, ...(shipTo ? { customerPlant: shipTo } : {}), scheduleNumber, scheduleDate, unit: 'PCE', lines: [] };
        commitment = 'firm';
        out.push(current);
        break;
      }
      case 'PIA':
        if (current && value(s, 2, 2) === 'SA') current.supplierPartNumber = value(s, 2, 1);
        break;
      case 'LOC':
        if (current && value(s, 1) === '11') current.unloadingPoint = value(s, 2, 1);
        break;
      case 'RFF':
        if (!current) break;
        if (value(s, 1, 1) === 'ON') current.orderNumber = value(s, 1, 2);
        if (value(s, 1, 1) === 'AAK') current.lastDespatch = { ...current.lastDespatch, deliveryNote: value(s, 1, 2) };
        break;
      case 'SCC':
        flush();
        commitment = FORECAST_SCC.has(value(s, 1)) ? 'forecast' : 'firm';
        break;
      case 'QTY': {
        if (!current) break;
        flush();
        const kind = value(s, 1, 1);
        const quantity = number(s, 1, 2, 'quantity');
        if (value(s, 1, 3)) current.unit = value(s, 1, 3);
        if (kind === '70' || kind === '3') current.cumulativeReceived = quantity;
        else if (kind === '48') current.lastDespatch = { deliveryNote: current.lastDespatch?.deliveryNote ?? '', ...current.lastDespatch, quantity };
        pendingQty = { kind, quantity, segment: s };
        break;
      }
      case 'DTM': {
        if (!current || !pendingQty) break;
        const q = value(s, 1, 1);
        if ((pendingQty.kind === '1' || pendingQty.kind === '113') && ['2', '10', '64', '158'].includes(q)) {
          const d = readDtm(s);
          current.lines.push({ date: d.date, ...(d.time ? { time: d.time } : {}), dateKind: d.kind, quantity: pendingQty.quantity, commitment: d.kind === 'day' ? commitment : 'forecast' });
          pendingQty = undefined;
        } else if (pendingQty.kind === '48' && (q === '50' || q === '11')) {
          current.lastDespatch = { deliveryNote: current.lastDespatch?.deliveryNote ?? '', ...current.lastDespatch, date: readDtm(s).date };
        }
        break;
      }
      default:
        break;
    }
  }
  flush();
  return out;
}
