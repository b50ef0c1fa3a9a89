/**
 * `npm run bench -- barcode`: Takt's parseBarcode against gs1-barcode-parser-mod
 * and bark-js on one vector set: the label fixtures (test/fixtures/barcode/
 * label-vectors.json), the GS1 vectors of test/shared/barcode/gs1.test.ts and
 * the negative vectors of test/shared/barcode/errors.test.ts (one or more per
 * error code). Reports scans per second (median of several runs) and a
 * correctness table (valid accepted, invalid rejected), overall and on the
 * GS1-only subset the competitors are written for, with ratios against Takt.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseBarcode, unescapeControlChars } from '../shared/barcode';
import { median } from './support/stats';

const require = createRequire(import.meta.url);
const gs1Mod = require('gs1-barcode-parser-mod') as { parseBarcode(raw: string): unknown };
const bark = require('bark-js') as (raw: string, options?: Record<string, unknown>) => unknown;

interface Vector {
  readonly raw: string;
  readonly valid: boolean;
  readonly gs1: boolean;
}

const REFERENCE_YEAR = 2026;

/** From test/shared/barcode/gs1.test.ts (accepted GS1 element strings). */
const GS1_VALID = [
  ']C101950123456789033103000123',
  ']C100006141411234567890',
  ']d20109501101530003172612001012<GS>21S1',
  ']C10109501101530003<GS>10ABC<GS>',
  '<GS>0109501101530003<GS>10ABC',
  ']C100006141411234567890020950110153000337120<GS>10L1',
  ']C180131987654Ad4X4bL5ttr2310c2K',
  ']e00109501101530003',
  ']J10109501101530003',
  ']Q30109501101530003',
  ']C10109501101530003<GS>91ABC<GS>98X-1',
  ']C14150614141000005<GS>8020INV1<GS>8007DE89370400440532013000',
];

/** From test/shared/barcode/errors.test.ts: every error code, each a scan that must be rejected. */
const INVALID = [
  '',
  '   \r\n',
  ']C1',
  'A'.repeat(8001),
  'AB\u0000C',
  ']C1\t0109501101530003',
  ']C110ABC<GS><GS>0109501101530003',
  ']C1<GS><GS>0109501101530003',
  ']C1230000',
  ']C1ABC',
  ']C10109501101530003ZZ',
  '(23)123',
  'https://x.example/01/09501101530003/77/1',
  ']C1011234',
  ']C10109501101530003<GS>10' + 'A'.repeat(21),
  '(01)0950110153000',
  ']C10109501101530003<GS>10<GS>21A',
  ']C10109501101530003700112345678901231012',
  ']C10109501101530003<GS>10AB CD',
  '(01)09501101530003(10)Bär',
  '(01)0950110153000X',
  ']C10109501101530004',
  '(8013)1987654Ad4X4bL5ttr2310cXK',
  ']E04006381333932',
  ']C1010950110153000317251301',
  '(01)09501101530003(17)250230',
  '(01)09501101530003(7006)260100',
  '(01)09501101530003(422)999',
  '(01)09501101530003(8006)095011015300030302',
  ']C110ABC',
  '(01)09501101530003(8030)abc',
  ']C1010950110153000331030001233102000123',
  '(01)09501101530003(02)09501101530003(37)5',
  ']C10109501101530003<GS>10A<GS>10B',
  'https://x.example/01/09501101530003/21/S1/10/B',
  '[)>06<GS>P1<RS><EOT>',
  '[)><RS>06<GS>P1<RS>',
  '[)><RS>06P1<RS><EOT>',
  '[)><RS>06<GS>P1<RS><EOT>X',
  '[)><RS>06<GS>P1',
  '[)><RS>12<GS>X<RS><EOT>',
  '[)><RS>06<GS>P1<GS><GS>Q1<RS><EOT>',
  '[)><RS>06<GS>P1<GS>99X1<RS><EOT>',
  '[)><RS>06<GS>p1<RS><EOT>',
  '[)><RS>06<GS>Q1A<RS><EOT>',
  '[)><RS>06<GS>14D20261301<RS><EOT>',
  '[)><RS>06<GS>P<RS><EOT>',
  '[)><RS>06<GS>7Q12<RS><EOT>',
];

/** A vector is GS1 when it is an element string (AIM GS1 identifier, FNC1-led, bracketed or digits) rather than an envelope, DI or plain code. */
function looksGs1(raw: string): boolean {
  return raw.startsWith('\u001d') || /^(\](C1|d2|Q3|e0|J1)|\(\d)/.test(raw) || /^\](C1|d2)?\d{4}/.test(raw);
}

export function vectorSet(): Vector[] {
  const fixture = JSON.parse(readFileSync(new URL('../test/fixtures/barcode/label-vectors.json', import.meta.url), 'utf8')) as {
    vectors: { scan: string; scheme: string }[];
  };
  const valid = [
    ...fixture.vectors.map((v) => ({ raw: unescapeControlChars(v.scan), gs1: v.scheme === 'gs1' })),
    ...GS1_VALID.map((v) => ({ raw: unescapeControlChars(v), gs1: true })),
  ].map((v) => ({ ...v, valid: true }));
  const invalid = INVALID.map((v) => unescapeControlChars(v)).map((raw) => ({ raw, valid: false, gs1: looksGs1(raw) }));
  return [...valid, ...invalid];
}

type Accepts = (raw: string) => boolean;

export const PARSERS: Record<string, Accepts> = {
  takt: (raw) => parseBarcode(raw, { referenceYear: REFERENCE_YEAR }).ok,
  'gs1-barcode-parser-mod': (raw) => {
    try {
      gs1Mod.parseBarcode(raw);
      return true;
    } catch {
      return false;
    }
  },
  'bark-js': (raw) => {
    try {
      bark(raw);
      return true;
    } catch {
      return false;
    }
  },
};

interface Correctness {
  validAccepted: number;
  valid: number;
  invalidRejected: number;
  invalid: number;
  accuracy: number;
}

function correctness(accepts: Accepts, vectors: readonly Vector[]): Correctness {
  let validAccepted = 0;
  let invalidRejected = 0;
  for (const v of vectors) {
    const ok = accepts(v.raw);
    if (v.valid && ok) validAccepted++;
    if (!v.valid && !ok) invalidRejected++;
  }
  const valid = vectors.filter((v) => v.valid).length;
  const invalid = vectors.length - valid;
  return { validAccepted, valid, invalidRejected, invalid, accuracy: (validAccepted + invalidRejected) / vectors.length };
}

function scansPerSecond(accepts: Accepts, vectors: readonly Vector[], runs: number, minMs: number): { median: number; runs: number[] } {
  const raws = vectors.map((v) => v.raw);
  for (let i = 0; i < 200; i++) for (const r of raws) accepts(r); // warm-up
  const results: number[] = [];
  for (let run = 0; run < runs; run++) {
    let scans = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < minMs) {
      for (const r of raws) accepts(r);
      scans += raws.length;
      elapsed = performance.now() - start;
    }
    results.push(Math.round((scans / elapsed) * 1000));
  }
  return { median: median(results), runs: results };
}

const pct = (n: number, d: number) => `${n}/${d} (${d === 0 ? '–' : ((100 * n) / d).toFixed(0)}%)`;

export async function run(): Promise<unknown> {
  const vectors = vectorSet();
  const gs1Only = vectors.filter((v) => v.gs1);
  const runs = Number(process.env['BENCH_RUNS'] ?? 7);
  const minMs = Number(process.env['BENCH_MIN_MS'] ?? 300);
  const results: Record<string, { all: Correctness; gs1: Correctness; scansPerSecond: number; runs: number[] }> = {};
  for (const [name, accepts] of Object.entries(PARSERS)) {
    const speed = scansPerSecond(accepts, vectors, runs, minMs);
    results[name] = { all: correctness(accepts, vectors), gs1: correctness(accepts, gs1Only), scansPerSecond: speed.median, runs: speed.runs };
  }
  const takt = results['takt']!;
  console.log(`vectors: ${vectors.length} (${vectors.filter((v) => v.valid).length} valid, ${vectors.filter((v) => !v.valid).length} invalid); GS1 subset ${gs1Only.length}`);
  console.log(`median of ${runs} runs of ≥${minMs} ms each\n`);
  const header = ['parser', 'scans/s', 'vs takt', 'valid accepted', 'invalid rejected', 'accuracy', 'GS1: valid acc.', 'GS1: invalid rej.', 'GS1 accuracy'];
  const rows = Object.entries(results).map(([name, r]) => [
    name,
    r.scansPerSecond.toLocaleString('en-US'),
    `${(r.scansPerSecond / takt.scansPerSecond).toFixed(2)}×`,
    pct(r.all.validAccepted, r.all.valid),
    pct(r.all.invalidRejected, r.all.invalid),
    `${(100 * r.all.accuracy).toFixed(0)}%`,
    pct(r.gs1.validAccepted, r.gs1.valid),
    pct(r.gs1.invalidRejected, r.gs1.invalid),
    `${(100 * r.gs1.accuracy).toFixed(0)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  return {
    vectors: { total: vectors.length, valid: vectors.filter((v) => v.valid).length, invalid: vectors.filter((v) => !v.valid).length, gs1Subset: gs1Only.length },
    runs,
    minMs,
    results,
    ratios: Object.fromEntries(Object.entries(results).map(([name, r]) => [name, { speedVsTakt: r.scansPerSecond / takt.scansPerSecond, accuracyVsTakt: r.all.accuracy / takt.all.accuracy }])),
  };
}
