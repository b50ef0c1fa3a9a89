import { describe, expect, it } from 'vitest';
import { SCAN_ERROR_CODES, type ScanErrorCode } from '../../../shared/barcode';
import { scan } from './helpers';

// One or more failing vectors per error code, with the offset of the problem.
const NEGATIVE: [ScanErrorCode, string, number][] = [
  ['scan-empty', '', 0],
  ['scan-empty', '   \r\n', 0],
  ['scan-empty', ']C1', 3],
  ['scan-too-long', 'A'.repeat(8001), 8000],
  ['scan-control-chars', 'AB\u0000C', 2],
  ['scan-control-chars', ']C1\t0109501101530003', 3],
  ['gs1-syntax', ']C110ABC<GS><GS>0109501101530003', 9],
  ['gs1-syntax', ']C1<GS><GS>0109501101530003', 4],
  ['gs1-unknown-ai', ']C1230000', 3],
  ['gs1-unknown-ai', ']C1ABC', 3],
  ['gs1-unknown-ai', ']C10109501101530003ZZ', 19],
  ['gs1-unknown-ai', '(23)123', 1],
  ['gs1-unknown-ai', 'https://x.example/01/09501101530003/77/1', 36],
  ['gs1-length', ']C1011234', 9],
  ['gs1-length', ']C10109501101530003<GS>10' + 'A'.repeat(21), 42],
  ['gs1-length', '(01)0950110153000', 17],
  ['gs1-length', ']C10109501101530003<GS>10<GS>21A', 22],
  ['gs1-missing-separator', ']C10109501101530003700112345678901231012', 36],
  ['gs1-charset', ']C10109501101530003<GS>10AB CD', 24],
  ['gs1-charset', '(01)09501101530003(10)Bär', 23],
  ['gs1-charset', '(01)0950110153000X', 17],
  ['gs1-check-digit', ']C10109501101530004', 18],
  ['gs1-check-digit', '(8013)1987654Ad4X4bL5ttr2310cXK', 29],
  ['gs1-check-digit', ']E04006381333932', 15],
  ['gs1-date', ']C1010950110153000317251301', 21],
  ['gs1-date', '(01)09501101530003(17)250230', 22],
  ['gs1-date', '(01)09501101530003(7006)260100', 24],
  ['gs1-lint', '(01)09501101530003(422)999', 23],
  ['gs1-lint', '(01)09501101530003(8006)095011015300030302', 38],
  ['gs1-req-missing', ']C110ABC', 3],
  ['gs1-req-missing', '(01)09501101530003(8030)abc', 18],
  ['gs1-exclusive', ']C1010950110153000331030001233102000123', 19],
  ['gs1-exclusive', '(01)09501101530003(02)09501101530003(37)5', 0],
  ['gs1-duplicate-ai', ']C10109501101530003<GS>10A<GS>10B', 24],
  ['gs1-digital-link', 'https://x.example/01/09501101530003/21/S1/10/B', 36],
  ['iso15434-envelope', '[)>06<GS>P1<RS><EOT>', 3],
  ['iso15434-envelope', '[)><RS>06<GS>P1<RS>', 10],
  ['iso15434-envelope', '[)><RS>06P1<RS><EOT>', 6],
  ['iso15434-envelope', '[)><RS>06<GS>P1<RS><EOT>X', 11],
  ['iso15434-envelope', '[)><RS>06<GS>P1', 9],
  ['iso15434-format', '[)><RS>12<GS>X<RS><EOT>', 4],
  ['iso15434-format', '[)><RS>06<GS>P1<GS><GS>Q1<RS><EOT>', 10],
  ['di-unknown', '[)><RS>06<GS>P1<GS>99X1<RS><EOT>', 10],
  ['di-unknown', '[)><RS>06<GS>p1<RS><EOT>', 7],
  ['di-format', '[)><RS>06<GS>Q1A<RS><EOT>', 8],
  ['di-format', '[)><RS>06<GS>14D20261301<RS><EOT>', 10],
  ['di-format', '[)><RS>06<GS>P<RS><EOT>', 8],
  ['di-format', '[)><RS>06<GS>7Q12<RS><EOT>', 9],
  ['gs1-company-prefix', '(401)ABC123', 5],
  ['gs1-company-prefix', ']C18004400', 7],
];

describe('error codes', () => {
  const rows = NEGATIVE.map(([code, raw, at]) => [code, raw.length > 60 ? `${raw.slice(0, 20)}… (${raw.length} chars)` : raw, raw, at] as const);
  it.each(rows)('%s: %s', (code, _label, raw, at) => {
    const r = scan(raw);
    expect(r.ok ? 'ok' : { code: r.error.code, at: r.error.at }).toEqual({ code, at });
    if (!r.ok) expect(r.error.message).toMatch(/^[A-Z("].*\.$/s);
  });

  it('has a vector for every code except the internal safety net', () => {
    const covered = new Set(NEGATIVE.map(([code]) => code));
    expect(SCAN_ERROR_CODES.filter((c) => !covered.has(c))).toEqual(['scan-internal']);
  });

  it('can skip the req=/ex= pairings for labels split over several symbols', () => {
    expect(scan(']C110ABC', { checkAssociations: false })).toMatchObject({ ok: true, elements: [{ id: '10', value: 'ABC' }] });
  });

  it('tolerates a trailing CR/LF from the scanner', () => {
    expect(scan(']C10109501101530003\r\n')).toMatchObject({ ok: true, scheme: 'gs1' });
  });
});
