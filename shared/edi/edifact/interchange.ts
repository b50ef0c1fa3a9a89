import { EdiError, guarded, type EdiProblem, type EdiResult } from '../problems';
import { checkRepertoire, repertoireHoldsThroughout, SYNTAX_IDENTIFIERS, type SyntaxIdentifier } from './charset';
import { tokenize, value, type Delimiters, type Segment } from './tokenize';

/**
 * The interchange envelope of ISO 9735-1: UNB … UNZ around messages UNH … UNT
 * (optionally in functional groups UNG … UNE). Control counts are checked:
 * UNT 0074 counts the message's segments including UNH and UNT, UNZ 0036 the
 * messages (or groups), and UNT 0062 / UNZ 0020 repeat the references of UNH
 * and UNB. A wrong count is accepted with a warning (gateways that rewrite
 * files get them wrong); a missing UNB, UNH, UNT or UNZ is an error.
 */

export interface Party {
  id: string;
  qualifier: string;
}

export interface EdifactMessage {
  /** UNH 0062, the message reference number. */
  ref: string;
  /** UNH S009: type (DELFOR), version (D), release (96A), agency (UN), association code (e.g. an industry profile). */
  type: string;
  version: string;
  release: string;
  agency: string;
  association: string;
  /** Segments between UNH and UNT. */
  segments: Segment[];
  /** The UNH segment, for messages that name it in errors. */
  header: Segment;
}

export interface Interchange {
  syntax: { id: SyntaxIdentifier | string; version: number };
  sender: Party;
  recipient: Party;
  /** UNB S004 as written: YYMMDD (versions 1–3) or CCYYMMDD (version 4), and HHMM. */
  preparedDate: string;
  preparedTime: string;
  /** UNB 0020, the interchange control reference: what duplicates are recognised by. */
  controlRef: string;
  testIndicator: boolean;
  delimiters: Delimiters;
  messages: EdifactMessage[];
}

function fail(problem: EdiProblem): never {
  throw new EdiError(problem);
}

export function parseInterchange(input: string): EdiResult<Interchange> {
  const warnings: EdiProblem[] = [];
  return guarded(warnings, () => readInterchange(input, warnings));
}

function readInterchange(input: string, warnings: EdiProblem[]): Interchange {
  const { segments, delimiters, layoutSkipped } = tokenize(input, warnings);
  const unb = segments[0];
  if (!unb || unb.tag !== 'UNB') fail({ code: 'edi-no-unb', message: 'an interchange starts with UNB', segment: 1, tag: unb?.tag, expected: 'UNB' });
  const syntaxId = value(unb, 1, 1);
  const version = Number(value(unb, 1, 2));
  if (!/^UNO[A-Z]$/.test(syntaxId)) fail({ code: 'edi-syntax-id', message: `syntax identifier "${syntaxId}" is not one of ISO 9735`, segment: 1, tag: 'UNB', element: 1, component: 1, expected: SYNTAX_IDENTIFIERS.join('|') });
  if (!Number.isInteger(version) || version < 1 || version > 4) fail({ code: 'edi-syntax-version', message: `syntax version "${value(unb, 1, 2)}"`, segment: 1, tag: 'UNB', element: 1, component: 2, expected: '1, 2, 3 or 4' });
  if ((SYNTAX_IDENTIFIERS as readonly string[]).includes(syntaxId)) {
    const id = syntaxId as SyntaxIdentifier;
    const service = [delimiters.component, delimiters.element, delimiters.release, delimiters.segment, ...(delimiters.repetition !== ' ' ? [delimiters.repetition] : [])];
    // One pass over the text for the usual clean file; the per-element search only when it may find something.
    if (!repertoireHoldsThroughout(id, input, service, layoutSkipped)) checkRepertoire(id, segments, warnings);
  }
  else warnings.push({ code: 'edi-syntax-id-unchecked', message: `characters of ${syntaxId} are not checked`, segment: 1, tag: 'UNB', element: 1 });
  const preparedDate = value(unb, 4, 1);
  const dateDigits = version === 4 ? 8 : 6;
  if (!new RegExp(`^\\d{${dateDigits}}$`).test(preparedDate)) {
    warnings.push({ code: 'edi-unb-date', message: `date of preparation "${preparedDate}" does not have ${dateDigits} digits for syntax version ${version}`, segment: 1, tag: 'UNB', element: 4, component: 1, expected: version === 4 ? 'CCYYMMDD' : 'YYMMDD' });
  }
  const controlRef = value(unb, 5);
  if (!controlRef) fail({ code: 'edi-unb-ref', message: 'UNB has no interchange control reference', segment: 1, tag: 'UNB', element: 5, expected: 'a reference (0020)' });

  const messages: EdifactMessage[] = [];
  let groups = 0;
  let i = 1;
  let unz: Segment | undefined;
  while (i < segments.length) {
    const s = segments[i]!;
    if (s.tag === 'UNZ') {
      unz = s;
      if (i !== segments.length - 1) warnings.push({ code: 'edi-after-unz', message: `${segments.length - 1 - i} segment(s) after UNZ were ignored`, segment: s.index + 1 });
      break;
    }
    if (s.tag === 'UNG' || s.tag === 'UNE') {
      if (s.tag === 'UNG') groups += 1;
      i += 1;
      continue;
    }
    if (s.tag !== 'UNH') fail({ code: 'edi-no-unh', message: `${s.tag} outside a message`, segment: s.index, tag: s.tag, expected: 'UNH, UNG or UNZ' });
    const end = findUnt(segments, i);
    messages.push(readMessage(segments, i, end, warnings));
    i = end + 1;
  }
  if (!unz) fail({ code: 'edi-no-unz', message: 'the interchange has no UNZ: the file may be cut off', segment: segments.length + 1, expected: 'UNZ' });
  const counted = groups > 0 ? groups : messages.length;
  const declared = value(unz, 1);
  if (declared !== String(counted)) {
    warnings.push({ code: 'edi-unz-count', message: `UNZ says ${declared || 'nothing'}, the interchange holds ${counted} ${groups > 0 ? 'group(s)' : 'message(s)'}`, segment: unz.index, tag: 'UNZ', element: 1, expected: String(counted) });
  }
  if (value(unz, 2) !== controlRef) {
    warnings.push({ code: 'edi-unz-ref', message: `UNZ reference "${value(unz, 2)}" differs from UNB's`, segment: unz.index, tag: 'UNZ', element: 2, expected: controlRef });
  }
  return {
    syntax: { id: syntaxId, version },
    sender: { id: value(unb, 2, 1), qualifier: value(unb, 2, 2) },
    recipient: { id: value(unb, 3, 1), qualifier: value(unb, 3, 2) },
    preparedDate,
    preparedTime: value(unb, 4, 2),
    controlRef,
    testIndicator: value(unb, 11) === '1',
    delimiters,
    messages,
  };
}

function findUnt(segments: readonly Segment[], from: number): number {
  for (let j = from + 1; j < segments.length; j += 1) {
    const tag = segments[j]!.tag;
    if (tag === 'UNT') return j;
    if (tag === 'UNH' || tag === 'UNZ') fail({ code: 'edi-no-unt', message: `the message starting at segment ${from + 1} has no UNT before ${tag}`, segment: j + 1, tag, expected: 'UNT' });
  }
  return fail({ code: 'edi-no-unt', message: `the message starting at segment ${from + 1} has no UNT`, segment: segments.length + 1, expected: 'UNT' });
}

function readMessage(segments: readonly Segment[], start: number, end: number, warnings: EdiProblem[]): EdifactMessage {
  const unh = segments[start]!;
  const unt = segments[end]!;
  const ref = value(unh, 1);
  const type = value(unh, 2, 1);
  if (!ref) fail({ code: 'edi-unh-ref', message: 'UNH has no message reference', segment: unh.index, tag: 'UNH', element: 1, expected: 'a reference (0062)' });
  if (!/^[A-Z]{6}$/.test(type)) fail({ code: 'edi-unh-type', message: `message type "${type}"`, segment: unh.index, tag: 'UNH', element: 2, component: 1, expected: 'a six-letter message type' });
  const count = end - start + 1;
  if (value(unt, 1) !== String(count)) {
    warnings.push({ code: 'edi-unt-count', message: `UNT says ${value(unt, 1) || 'nothing'}, message ${ref} has ${count} segments`, segment: unt.index, tag: 'UNT', element: 1, expected: String(count) });
  }
  if (value(unt, 2) !== ref) warnings.push({ code: 'edi-unt-ref', message: `UNT reference "${value(unt, 2)}" differs from UNH's`, segment: unt.index, tag: 'UNT', element: 2, expected: ref });
  return {
    ref,
    type,
    version: value(unh, 2, 2),
    release: value(unh, 2, 3),
    agency: value(unh, 2, 4),
    association: value(unh, 2, 5),
    segments: segments.slice(start + 1, end),
    header: unh,
  };
}
