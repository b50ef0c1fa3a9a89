// Content checks named by the GS1 Barcode Syntax Dictionary ("linters"). The
// reference procedures are the GS1 Barcode Syntax Tests
// (ref.gs1.org/tools/gs1-barcode-syntax-resource/syntax-tests/); these are our
// own implementations of the rules they describe.
//
// Every linter the dictionary names is checked here, except three that still
// pass unconditionally:
// - packagetype (AI 7041): the value must be a code of UN/ECE Recommendation 21
//   Annex V; it has no structure of its own to check, and the code list is not
//   shipped with the terminal.
// - couponcode, couponposoffer (AIs 8110, 8112): the North American coupon
//   structures of the GS1 US coupon application guideline; coupons never reach
//   a production line, so their field-by-field structure is not implemented.
// The GS1 Company Prefix linters (gcppos1, gcppos2, and their former names key,
// keyoff1) check the structure that needs no allocation table: a prefix is at
// least four digits (GS1 General Specifications, "GS1 Company Prefix"). Whether
// a prefix is actually allocated needs GS1's table and is not checked.
// A linter name we do not know fails closed: the generated table names only
// the linters above, so a new one in a future dictionary shows up in a test.
import type { ScanErrorCode } from './errors';
import { gs1CheckDigit, gs1CheckPair } from './check-digits';
import { checkDate } from './gs1-dates';
import { ISO3166_ALPHA2, ISO3166_NUMERIC, ISO4217_NUMERIC } from './iso-codes';

export interface LintContext {
  readonly referenceYear: number;
}

export interface LintFailure {
  readonly code: ScanErrorCode;
  /** Offset within the component. */
  readonly offset: number;
  readonly message: string;
}

type Linter = (value: string, ctx: LintContext) => LintFailure | null;

const lint = (offset: number, message: string, code: ScanErrorCode = 'gs1-lint'): LintFailure => ({
  code,
  offset,
  message,
});

const oneOf =
  (allowed: ReadonlySet<string> | readonly string[], what: string): Linter =>
  (v) =>
    (Array.isArray(allowed) ? allowed.includes(v) : (allowed as ReadonlySet<string>).has(v))
      ? null
      : lint(0, `"${v}" is not ${what}`);

const dateLinter =
  (fourDigitYear: boolean, allowDayZero: boolean): Linter =>
  (v, ctx) => {
    const r = checkDate(v, { fourDigitYear, allowDayZero, referenceYear: ctx.referenceYear });
    return typeof r === 'string' ? lint(0, `"${v}" is not a valid date: ${r}`, 'gs1-date') : null;
  };

const rangeLinter =
  (max: number, what: string): Linter =>
  (v) =>
    /^[0-9]{2}$/.test(v) && Number(v) <= max ? null : lint(0, `"${v}" is not a valid ${what}`, 'gs1-date');

const ibanValue = (s: string): bigint =>
  BigInt([...(s.slice(4) + s.slice(0, 4))].map((c) => (c >= 'A' ? String(c.charCodeAt(0) - 55) : c)).join(''));

/** The shortest GS1 Company Prefix has four digits. */
export const GCP_MIN_LENGTH = 4;

/** A GS1 key component starts with a GS1 Company Prefix at `offset` (after an indicator or extension digit). */
const companyPrefixAt =
  (offset: number): Linter =>
  (v) => {
    if (v.length < offset + GCP_MIN_LENGTH) {
      return lint(0, `"${v}" is too short to start with a GS1 Company Prefix (${GCP_MIN_LENGTH} digits${offset ? ` after position ${offset}` : ''})`, 'gs1-company-prefix');
    }
    for (let i = offset; i < offset + GCP_MIN_LENGTH; i++) {
      const c = v.charCodeAt(i);
      if (c < 48 || c > 57) return lint(i, `a GS1 Company Prefix is digits only, "${v[i]}" at position ${i + 1} is not`, 'gs1-company-prefix');
    }
    return null;
  };

export const LINTERS: Readonly<Record<string, Linter>> = {
  gcppos1: companyPrefixAt(0),
  gcppos2: companyPrefixAt(1),
  key: companyPrefixAt(0),
  keyoff1: companyPrefixAt(1),
  // Unconditional on purpose: see the list at the top of this file.
  packagetype: () => null,
  couponcode: () => null,
  couponposoffer: () => null,
  csum: (v) => {
    const want = gs1CheckDigit(v.slice(0, -1));
    return String(want) === v.slice(-1)
      ? null
      : lint(v.length - 1, `check digit of ${v} is ${v.slice(-1)}, expected ${want}`, 'gs1-check-digit');
  },
  csumalpha: (v) => {
    if (v.length < 2) return lint(0, 'too short for a check character pair', 'gs1-check-digit');
    const want = gs1CheckPair(v.slice(0, -2));
    return want === v.slice(-2)
      ? null
      : lint(v.length - 2, `check characters of ${v} are ${v.slice(-2)}, expected ${want ?? 'valid characters'}`,
          'gs1-check-digit');
  },
  yymmdd: dateLinter(false, false),
  yymmd0: dateLinter(false, true),
  yyyymmdd: dateLinter(true, false),
  yyyymmd0: dateLinter(true, true),
  hhmi: (v) =>
    /^([01][0-9]|2[0-3])[0-5][0-9]$/.test(v) ? null : lint(0, `"${v}" is not a valid time (HHMM)`, 'gs1-date'),
  hh: rangeLinter(23, 'hour'),
  mi: rangeLinter(59, 'minute'),
  ss: rangeLinter(59, 'second'),
  iso3166: oneOf(ISO3166_NUMERIC, 'an ISO 3166 numeric country code'),
  iso3166999: (v) => (v === '999' || ISO3166_NUMERIC.has(v) ? null : lint(0, `"${v}" is not an ISO 3166 country code or 999`)),
  iso3166alpha2: oneOf(ISO3166_ALPHA2, 'an ISO 3166 two-letter country code'),
  iso4217: oneOf(ISO4217_NUMERIC, 'an ISO 4217 numeric currency code'),
  iso5218: oneOf(['0', '1', '2', '9'], 'an ISO/IEC 5218 sex code (0, 1, 2 or 9)'),
  yesno: oneOf(['0', '1'], '0 (no) or 1 (yes)'),
  zero: oneOf(['0'], '0'),
  winding: oneOf(['0', '1', '9'], 'a winding direction (0, 1 or 9)'),
  mediatype: (v) => {
    const n = /^[0-9]{2}$/.test(v) ? Number(v) : -1;
    return (n >= 1 && n <= 10) || (n >= 80 && n <= 99) ? null : lint(0, `"${v}" is not an AIDC media type`);
  },
  nonzero: (v) => (/^0*$/.test(v) ? lint(0, 'must not be zero') : null),
  hyphen: (v) => {
    const i = [...v].findIndex((c) => c !== '-');
    return i === -1 ? null : lint(i, 'only "-" is allowed here');
  },
  hasnondigit: (v) => (/^[0-9]*$/.test(v) ? lint(0, 'must contain at least one non-digit character') : null),
  nozeroprefix: (v) => (v.length > 1 && v[0] === '0' ? lint(0, 'must not start with 0') : null),
  importeridx: (v) => (/^[-0-9A-Za-z_]$/.test(v) ? null : lint(0, `"${v}" is not a valid importer index`)),
  pcenc: (v) => {
    for (let i = v.indexOf('%'); i !== -1; i = v.indexOf('%', i + 1)) {
      if (!/^[0-9A-Fa-f]{2}$/.test(v.slice(i + 1, i + 3))) return lint(i, '"%" must be followed by two hex digits');
    }
    return null;
  },
  pieceoftotal: (v) => {
    const half = v.length / 2;
    const piece = Number(v.slice(0, half));
    const total = Number(v.slice(half));
    if (piece === 0 || total === 0) return lint(0, 'piece number and total must not be zero');
    return piece > total ? lint(0, `piece ${piece} exceeds the total of ${total}`) : null;
  },
  posinseqslash: (v) => {
    const m = /^([1-9][0-9]*)\/([1-9][0-9]*)$/.exec(v);
    if (!m) return lint(0, `"${v}" is not a position in the form n/total`);
    return BigInt(m[1]!) > BigInt(m[2]!) ? lint(0, `position ${m[1]} exceeds ${m[2]}`) : null;
  },
  // GS1 AI 4309: latitude + 90 and longitude + 180 in units of 10^-7 degree.
  latitude: (v) => (Number(v) <= 1_800_000_000 ? null : lint(0, 'latitude is out of range')),
  longitude: (v) => (Number(v) <= 3_600_000_000 ? null : lint(0, 'longitude is out of range')),
  // ISO 13616: country, two check digits, mod 97 of the rearranged number is 1.
  iban: (v) => {
    if (!/^[A-Z]{2}[0-9]{2}[0-9A-Z]{1,30}$/.test(v)) return lint(0, `"${v}" is not an IBAN`);
    if (!ISO3166_ALPHA2.has(v.slice(0, 2))) return lint(0, `"${v.slice(0, 2)}" is not a country code`);
    return ibanValue(v) % 97n === 1n ? null : lint(2, 'IBAN check digits are wrong', 'gs1-check-digit');
  },
};

export function runLinter(name: string, value: string, ctx: LintContext): LintFailure | null {
  const linter = LINTERS[name];
  return linter ? linter(value, ctx) : lint(0, `no check is known for linter "${name}"`);
}
