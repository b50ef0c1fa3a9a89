// parseBarcode: one raw scan in, a structured result or a coded error out.
// Pure apart from the default reference year for two-digit years; never throws.
import { readAimPrefix, type AimPrefix } from './aim';
import { EOT, GS, RS } from './control-chars';
import { diFields } from './di-fields';
import { matchSingleFieldDi } from './di-single';
import { eanToGtin } from './ean';
import { fail, type Step } from './errors';
import { splitBracketed } from './gs1-bracketed';
import { splitDigitalLink } from './gs1-digital-link';
import { splitElementString } from './gs1-element-string';
import { validateGs1, type Gs1Settings } from './gs1-parse';
import { parseIso15434 } from './iso15434';
import type { ParseOptions, ParseResult, ParsedScan, ScanElement, ScanFields, Scheme } from './types';

/** Longer than any 2D symbol can hold; guards against pasted files. */
export const MAX_SCAN_LENGTH = 8000;

export function parseBarcode(raw: string, options: ParseOptions = {}): ParseResult {
  try {
    return parse(raw, options);
  } catch (error) {
    // Defensive: a bug must not crash the scan pipeline. Tests assert this never happens.
    return { ok: false, error: { code: 'scan-internal', at: 0, message: `Internal parser error: ${String(error)}` } };
  }
}

function parse(input: string, options: ParseOptions): ParseResult {
  if (typeof input !== 'string') return failed(fail('scan-empty', 0, 'The scan is empty.'));
  // Scanner suffixes (CR/LF) are framing, not data. Stripped by a backward walk, not a
  // regex: /[\r\n]+$/ retries at every CR/LF run that is not at the end, quadratic in it.
  const raw = input.slice(0, trailingFramingStart(input));
  // Length before any other look at the data: every later step is then bounded.
  if (raw.length > MAX_SCAN_LENGTH) {
    return failed(fail('scan-too-long', MAX_SCAN_LENGTH, `The scan is longer than ${MAX_SCAN_LENGTH} characters.`));
  }
  if (raw.trim() === '') return failed(fail('scan-empty', 0, 'The scan is empty.'));
  const bad = findForbiddenControlChar(raw);
  if (bad !== -1) {
    const hex = raw.charCodeAt(bad).toString(16).padStart(2, '0').toUpperCase();
    return failed(fail('scan-control-chars', bad,
      `The scan contains the control character 0x${hex} at position ${bad}; only GS, RS and EOT may appear.`));
  }
  const aim = readAimPrefix(raw);
  const text = raw.slice(aim.length);
  if (text === '') return failed(fail('scan-empty', aim.length, 'The scan has a symbology identifier but no data.'));
  const settings: Gs1Settings = {
    referenceYear: options.referenceYear ?? new Date().getUTCFullYear(),
    checkAssociations: options.checkAssociations ?? true,
  };
  const base = aim.length;
  const ok = (scheme: Scheme, elements: ScanElement[], fields: ScanFields): ParsedScan => ({
    ok: true, symbology: aim.symbology, scheme, elements, fields, text,
  });
  const gs1 = (step: ReturnType<typeof splitElementString>): ParseResult => {
    const v = validateGs1(step, settings);
    return v.ok ? ok('gs1', v.value.elements, v.value.fields) : failed(v);
  };

  if (text.startsWith('[)>')) {
    const r = parseIso15434(text, base, settings);
    return r.ok ? ok('iso15434', r.value.elements, r.value.fields) : failed(r);
  }
  if (aim.gs1) return gs1(splitElementString(text, base));
  if (aim.symbology === 'ean-13') return gs1(eanToGtin(text, base, [12, 13]));
  if (aim.symbology === 'ean-8') return gs1(eanToGtin(text, base, [8]));
  if (/^https?:\/\//i.test(text)) {
    const dl = splitDigitalLink(text, base);
    if (dl) return gs1(dl);
  }
  if (/^\([0-9]{2,4}\)/.test(text)) return gs1(splitBracketed(text, base));
  if (looksLikeUnmarkedGs1(aim, text)) {
    const step = splitElementString(text, base);
    const v = validateGs1(step, settings);
    if (v.ok) return ok('gs1', v.value.elements, v.value.fields);
    if (text.includes(GS)) return failed(v); // clearly meant as GS1: report why it is wrong
  }
  const single = aim.symbology === 'unknown' || aim.symbology === 'code39' || aim.symbology === 'code128'
    ? matchSingleFieldDi(text)
    : undefined;
  if (single) return ok('di', [single], diFields([single], true));
  return ok('plain', [{ id: 'raw', value: text, title: 'Raw data' }], {});
}

// Keyboard-wedge scanners often drop the AIM prefix. Treat such data as GS1
// only when it carries separators, or when it is all digits starting with a
// GTIN (01/02) or SSCC (00) of full length; a failed attempt without GS falls
// back to plain text.
function looksLikeUnmarkedGs1(aim: AimPrefix, text: string): boolean {
  if (aim.symbology !== 'unknown') return false;
  if (/^[0-9]{2}/.test(text.startsWith(GS) ? text.slice(1) : text) && text.includes(GS)) return true;
  return /^(0[12][0-9]{14}|00[0-9]{18})[0-9A-Za-z]*$/.test(text);
}

function trailingFramingStart(s: string): number {
  let end = s.length;
  while (end > 0 && (s[end - 1] === '\r' || s[end - 1] === '\n')) end--;
  return end;
}

function findForbiddenControlChar(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 || c === 0x7f) && s[i] !== GS && s[i] !== RS && s[i] !== EOT) return i;
  }
  return -1;
}

const failed = (step: Step<unknown> & { ok: false }): ParseResult => ({ ok: false, error: step.error });
