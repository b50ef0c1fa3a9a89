import { parseInterchange, type Interchange } from '../edifact/interchange';
import { value, type Segment } from '../edifact/tokenize';
import { EdiError, guarded, type EdiProblem, type EdiResult } from '../problems';
import { buyerAndSupplier, number, parties, readDtm, requireDirectory } from './common';

/**
 * DELJIT (delivery just in time message), directories D.97A and D.04B, as a
 * sequenced call-off in the way VDA 4986 and the SYNCRO-style JIS guidelines
 * use it: one SEQ group per position (C286 1050: the sequence number; 1229:
 * 1 added, 2 deleted, 3 changed), DTM+2 / 10 / 194 the requested delivery
 * time, GIR the related ids (the first: the vehicle, e.g. its VIN or
 * production number; a second: the rack or carrier, when the customer plans
 * it), LOC+11 / 159 the unloading point; then LIN (7140: the customer part),
 * PIA+1 (the variant or colour) and QTY (6060 the quantity, default 1).
 * BGM 1004 is the call-off number, 1225 the message function (9 original,
 * 5 replace, 4 change).
 */

export const DELJIT_RELEASES = ['97A', '04B'] as const;

export interface CallOffPosition {
  sequenceNumber: number;
  vehicleNumber: string;
  customerPartNumber: string;
  variant: string;
  quantity: number;
  dueTime: string;
  unloadingPoint: string;
  rack: string;
  action: 'added' | 'changed' | 'deleted';
}

export interface SequenceCallOff {
  kind: 'sequence';
  format: 'DELJIT';
  customer: string;
  supplier: string;
  reference: string;
  callOffNumber: string;
  function: 'original' | 'replace' | 'change';
  shipTo?: string;
  positions: CallOffPosition[];
}

const ACTIONS: Record<string, CallOffPosition['action']> = { '1': 'added', '2': 'deleted', '3': 'changed', '': 'added' };
const FUNCTIONS: Record<string, SequenceCallOff['function']> = { '9': 'original', '5': 'replace', '4': 'change', '': 'original' };

export function parseDeljit(text: string): EdiResult<SequenceCallOff> {
  const parsed = parseInterchange(text);
  if (!parsed.ok) return parsed;
  const warnings: EdiProblem[] = [...parsed.warnings];
  return guarded(warnings, () => deljitFromInterchange(parsed.value, warnings));
}

/** Throws EdiError; for callers that already hold the parsed interchange. */
export function deljitFromInterchange(x: Interchange, warnings: EdiProblem[]): SequenceCallOff {
  const positions: CallOffPosition[] = [];
  let head: Omit<SequenceCallOff, 'positions' | 'reference' | 'kind' | 'format'> | undefined;
  for (const m of x.messages) {
    requireDirectory(m, 'DELJIT', DELJIT_RELEASES);
    const nads = parties(m.segments);
    const bgm = m.segments.find((s) => s.tag === 'BGM');
    if (!bgm) throw new EdiError({ code: 'edi-no-bgm', message: 'the message has no BGM', segment: m.header.index + 1, expected: 'BGM' });
    const fn = FUNCTIONS[value(bgm, 3)];
    if (!fn) throw new EdiError({ code: 'edi-bad-function', message: `message function "${value(bgm, 3)}"`, segment: bgm.index, tag: 'BGM', element: 3, expected: '9, 5 or 4' });
    head ??= { ...buyerAndSupplier(x, nads), callOffNumber: value(bgm, 2, 1), function: fn, ...(nads.get('ST') ? { shipTo: nads.get('ST')! } : {}) };
    positions.push(...readPositions(m.segments, warnings));
  }
  if (!head || positions.length === 0) throw new EdiError({ code: 'edi-no-positions', message: 'the DELJIT holds no sequence position (SEQ)', expected: 'SEQ' });
  return { kind: 'sequence', format: 'DELJIT', reference: x.controlRef, ...head, positions };
}

function readPositions(segments: readonly Segment[], warnings: EdiProblem[]): CallOffPosition[] {
  const out: CallOffPosition[] = [];
  let current: (CallOffPosition & { seq: Segment; hasPart: boolean }) | undefined;
  let headerUnloading = '';
  const finish = () => {
    if (!current) return;
    if (!current.hasPart && current.action !== 'deleted') throw new EdiError({ code: 'edi-no-part', message: `position ${current.sequenceNumber} names no part`, segment: current.seq.index, tag: 'SEQ', expected: 'LIN with the customer part number after SEQ' });
    if (!current.dueTime && current.action !== 'deleted') throw new EdiError({ code: 'edi-no-due-time', message: `position ${current.sequenceNumber} has no delivery time`, segment: current.seq.index, tag: 'SEQ', expected: 'DTM+2, 10 or 194 in the SEQ group' });
    const { seq: _seq, hasPart: _hasPart, ...position } = current;
    out.push(position);
    current = undefined;
  };
  for (const s of segments) {
    if (s.tag === 'SEQ') {
      finish();
      const action = ACTIONS[value(s, 1)];
      if (!action) throw new EdiError({ code: 'edi-bad-action', message: `action "${value(s, 1)}"`, segment: s.index, tag: 'SEQ', element: 1, expected: '1 (added), 2 (deleted) or 3 (changed)' });
      const raw = value(s, 2, 1);
      if (!/^\d{1,15}$/.test(raw)) throw new EdiError({ code: 'edi-bad-sequence-number', message: `sequence number "${raw}"`, segment: s.index, tag: 'SEQ', element: 2, component: 1, expected: 'digits' });
      current = { sequenceNumber: Number(raw), vehicleNumber: '', customerPartNumber: '', variant: '', quantity: 1, dueTime: '', unloadingPoint: headerUnloading, rack: '', action, seq: s, hasPart: false };
      continue;
    }
    if (!current) {
      if (s.tag === 'LOC' && (value(s, 1) === '11' || value(s, 1) === '159')) headerUnloading = value(s, 2, 1);
      continue;
    }
    switch (s.tag) {
      case 'DTM':
        if (['2', '10', '194', '63'].includes(value(s, 1, 1))) {
          const d = readDtm(s);
          current.dueTime = d.time ? `${d.time}:00` : `${d.date}T00:00:00`;
        }
        break;
      case 'GIR': {
        // C206 composites from element 2 on: 7402 id, 7405 qualifier.
        const ids = s.elements.slice(1).map((c) => c[0] ?? '').filter((id) => id !== '');
        if (!current.vehicleNumber && ids[0]) current.vehicleNumber = ids[0];
        else if (!current.rack && ids[0]) current.rack = ids[0];
        if (current.vehicleNumber && ids[1] && !current.rack) current.rack = ids[1];
        break;
      }
      case 'LOC':
        if (value(s, 1) === '11' || value(s, 1) === '159') current.unloadingPoint = value(s, 2, 1);
        break;
      case 'LIN':
        if (current.hasPart) warnings.push({ code: 'edi-extra-line', message: `position ${current.sequenceNumber} names a second part; the first is used`, segment: s.index, tag: 'LIN' });
        else {
          current.customerPartNumber = value(s, 3, 1);
          current.hasPart = current.customerPartNumber !== '';
          if (!current.hasPart) throw new EdiError({ code: 'edi-no-part', message: 'LIN names no item number', segment: s.index, tag: 'LIN', element: 3, component: 1, expected: "the customer's part number (7140)" });
        }
        break;
      case 'PIA':
        if (value(s, 1) === '1' && !current.variant) current.variant = value(s, 2, 1);
        break;
      case 'QTY': {
        const q = number(s, 1, 2, 'quantity');
        if (!Number.isInteger(q) || q <= 0) throw new EdiError({ code: 'edi-bad-quantity', message: `quantity ${q} for position ${current.sequenceNumber}`, segment: s.index, tag: 'QTY', element: 1, component: 2, expected: 'a whole number above 0' });
        current.quantity = q;
        break;
      }
      default:
        break;
    }
  }
  finish();
  const unnamed = out.filter((p) => !p.vehicleNumber && p.action !== 'deleted');
  if (unnamed.length > 0) {
    // The terminal shows a vehicle per position; without GIR the sequence number stands in, and the file says so.
    warnings.push({ code: 'edi-no-vehicle', message: `${unnamed.length} position(s) name no vehicle (GIR); their sequence number is shown instead`, tag: 'GIR' });
  }
  for (const p of out) if (!p.vehicleNumber) p.vehicleNumber = String(p.sequenceNumber);
  return out;
}
