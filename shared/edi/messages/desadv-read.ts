import { parseInterchange, type Interchange } from '../edifact/interchange';
import { value } from '../edifact/tokenize';
import { EdiError, guarded, type EdiProblem, type EdiResult } from '../problems';
import { number, readDtm, requireDirectory } from './common';

/**
 * Reads a DESADV (D.96A or the D.07A Global DESADV, as desadv.ts writes them
 * and as customers' own systems send them) back into its packages: label
 * number, SSCC, part, quantity and batches. Used to check our own outbound
 * messages and to show an inbound one. A handling unit with an SSCC that
 * holds other packages rather than lines of its own (the master label over a
 * mixed load) is the message's master SSCC.
 */

export interface DesadvPackage {
  label: string;
  sscc?: string;
  packagingType: string;
  customerPartNumber: string;
  materialId?: string;
  quantity: number;
  batches: string[];
}

export interface ReadDespatchAdvice {
  kind: 'despatch-advice';
  format: 'DESADV';
  release: string;
  reference: string;
  deliveryNoteNumber: string;
  despatchedAt?: string;
  supplier: string;
  customer: string;
  unloadingPoint?: string;
  /** The SSCC of the handling unit the packages are nested in (the master label of a mixed load). */
  masterSscc?: string;
  packages: DesadvPackage[];
}

export function parseDesadv(text: string): EdiResult<ReadDespatchAdvice> {
  const parsed = parseInterchange(text);
  if (!parsed.ok) return parsed;
  const warnings: EdiProblem[] = [...parsed.warnings];
  return guarded(warnings, () => desadvFromInterchange(parsed.value));
}

/** Throws EdiError; for callers that already hold the parsed interchange. */
export function desadvFromInterchange(x: Interchange): ReadDespatchAdvice {
  const m = x.messages[0];
  if (!m) throw new EdiError({ code: 'edi-no-message', message: 'the interchange holds no message', expected: 'UNH' });
  requireDirectory(m, 'DESADV', ['96A', '97A', '07A']);
  const out: ReadDespatchAdvice = { kind: 'despatch-advice', format: 'DESADV', release: m.release, reference: x.controlRef, deliveryNoteNumber: '', supplier: '', customer: '', packages: [] };
  let pkg: DesadvPackage | undefined;
  let pci = '';
  // Per CPS level: its SSCC, for the level a later CPS names as its parent.
  let level = '';
  const ssccOfLevel = new Map<string, string>();
  for (const s of m.segments) {
    switch (s.tag) {
      case 'BGM':
        out.deliveryNoteNumber = value(s, 2, 1);
        break;
      case 'DTM':
        if (value(s, 1, 1) === '11') out.despatchedAt = readDtm(s).time ?? readDtm(s).date;
        break;
      case 'NAD':
        if (value(s, 1) === 'SE' || value(s, 1) === 'SU') out.supplier = value(s, 2, 1);
        if (value(s, 1) === 'BY' || value(s, 1) === 'CN') out.customer = value(s, 2, 1);
        break;
      case 'LOC':
        if (value(s, 1) === '11') out.unloadingPoint = value(s, 2, 1);
        break;
      case 'PAC':
        pkg = { label: '', packagingType: value(s, 3, 1), customerPartNumber: '', quantity: 0, batches: [] };
        break;
      case 'CPS': {
        pkg = undefined;
        level = value(s, 1);
        const parentSscc = ssccOfLevel.get(value(s, 2));
        if (parentSscc && out.masterSscc === undefined) out.masterSscc = parentSscc;
        break;
      }
      case 'PCI':
        pci = value(s, 1);
        break;
      case 'GIN':
        if (!pkg) break;
        if (value(s, 1) === 'ML') pkg.label = value(s, 2, 1);
        else if (value(s, 1) === 'BJ') {
          pkg.sscc = value(s, 2, 1);
          ssccOfLevel.set(level, pkg.sscc);
        }
        else if (value(s, 1) === 'BX' || pci === '10') pkg.batches.push(...s.elements.slice(1).map((e) => e[0] ?? '').filter(Boolean));
        break;
      case 'LIN':
        if (!pkg) throw new EdiError({ code: 'edi-lin-outside-package', message: 'LIN before any package (PAC)', segment: s.index, tag: 'LIN', expected: 'CPS and PAC before LIN' });
        // A second LIN in one package (a rack of mixed variants) is a second line under the same label.
        if (pkg.customerPartNumber !== '') pkg = { label: pkg.label, ...(pkg.sscc ? { sscc: pkg.sscc } : {}), packagingType: pkg.packagingType, customerPartNumber: '', quantity: 0, batches: [] };
        pkg.customerPartNumber = value(s, 3, 1);
        out.packages.push(pkg);
        break;
      case 'PIA':
        if (pkg && value(s, 2, 2) === 'SA') pkg.materialId = value(s, 2, 1);
        break;
      case 'QTY':
        if (pkg && value(s, 1, 1) === '12') pkg.quantity = number(s, 1, 2, 'despatched quantity');
        break;
      default:
        break;
    }
  }
  if (!out.deliveryNoteNumber) throw new EdiError({ code: 'edi-no-bgm', message: 'the DESADV names no delivery note', expected: 'BGM+351+<number>' });
  return out;
}
