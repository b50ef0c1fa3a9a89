/**
 * `npm run bench -- edi`: a 10,000-position DELJIT and a 1,000-line DELFOR,
 * each read by Takt's EDIFACT layer and applied to a fresh SQLite database
 * (the JIS sequence's next revision; the delivery schedules), against the
 * `edifact` package's parse of the same file (tokenising and validating
 * segments, no mapping and no database) as the baseline. Medians of 5 runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readEdiMessage } from '../shared/edi/read';
import { openDatabase } from '../server/db/create-database';
import { migrateToLatest } from '../server/db/migrate';
import { receiveEdi } from '../server/edi/inbound';
import { upsertMaster } from '../server/master-data-store';
import { median, round } from './support/stats';

const { Reader } = createRequire(import.meta.url)('edifact') as { Reader: new () => { parse(text: string): unknown[] } };
const RUNS = 5;

function deljit(positions: number, ref: string): string {
  const seg: string[] = ['BGM+30+CO-1+9', 'DTM+137:202503030558:203', 'NAD+BY+AWS::92', 'NAD+SU+47110815::92', 'LOC+11+Tor 3'];
  for (let i = 1; i <= positions; i += 1) {
    const t = new Date(Date.UTC(2025, 2, 3, 6, 0) + i * 60_000).toISOString();
    seg.push(`SEQ+1+${i}`, `DTM+2:${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}${t.slice(11, 13)}${t.slice(14, 16)}:203`, `GIR+1+VIN${String(i).padStart(8, '0')}:VV`, `LIN+++5Q0-857-00${i % 3}:IN`, `PIA+1+V${i % 4}`, 'QTY+1:1:PCE');
  }
  return envelope('DELJIT:D:04B:UN', seg, ref);
}

function delfor(lines: number, ref: string): string {
  const seg: string[] = ['BGM+241+S-1+5', 'DTM+137:20250301:102', 'NAD+BY+AWS::92', 'NAD+SU+47110815::92'];
  for (let i = 1; i <= lines; i += 1) {
    seg.push(`LIN+++P${String(i).padStart(6, '0')}:IN`, 'LOC+11+T12', `QTY+70:${i * 100}:PCE`, 'SCC+1');
    for (let d = 1; d <= 5; d += 1) seg.push(`QTY+1:${d * 10}:PCE`, `DTM+2:202503${String(d + 2).padStart(2, '0')}:102`);
  }
  return envelope('DELFOR:D:96A:UN', seg, ref);
}

function envelope(type: string, segments: string[], ref: string): string {
  return [`UNA:+.? '`, `UNB+UNOC:3+AWS:ZZZ+47110815:ZZZ+250303:0600+${ref}'`, `UNH+1+${type}'`, ...segments.map((s) => `${s}'`), `UNT+${segments.length + 2}+1'`, `UNZ+1+${ref}'`].join('\n');
}

async function freshDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'takt-bench-edi-'));
  const database = openDatabase({ dataDir: dir });
  await migrateToLatest(database.db, database.dialect);
  for (const [kind, row] of [
    ['line', { id: 'L1', plantId: 'P1', name: 'Sitze' }],
    ['customer', { id: 'AWS', name: 'Autowerk Süd', supplierNumber: '47110815', shipTo: { name: 'Werk 1', unloadingPoint: 'Tor 3' }, parts: [] }],
  ] as const) {
    await upsertMaster(database.db, kind, row as never);
  }
  return { database, dispose: async () => (await database.close(), rmSync(dir, { recursive: true, force: true })) };
}

async function measure(name: string, make: (ref: string) => string, units: number) {
  const takt: number[] = [];
  const parseOnly: number[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const text = make(`R${run}`);
    let t = performance.now();
    const parsed = readEdiMessage(text);
    parseOnly.push(performance.now() - t);
    if (!parsed.ok) throw new Error(`${name}: ${parsed.error.message}`);
    const { database, dispose } = await freshDatabase();
    t = performance.now();
    const outcome = await receiveEdi(database.db, text, 'cli', null);
    takt.push(performance.now() - t);
    await dispose();
    if (outcome.status !== 'applied') throw new Error(`${name} not applied: ${outcome.error?.message}`);
    t = performance.now();
    new Reader().parse(text);
    baseline.push(performance.now() - t);
  }
  const result = {
    name,
    units,
    bytes: make('R').length,
    taktParseAndApplyMs: round(median(takt)),
    taktParseMs: round(median(parseOnly)),
    edifactPackageParseMs: round(median(baseline)),
    parseRatio: round(median(baseline) / median(parseOnly), 2),
    runs: RUNS,
  };
  console.log(
    `${name}: Takt parse ${result.taktParseMs} ms, parse + apply ${result.taktParseAndApplyMs} ms; edifact package parse ${result.edifactPackageParseMs} ms; ` +
      `parse ratio (package / Takt) ${result.parseRatio}× (medians of ${RUNS})`,
  );
  return result;
}

export async function run(): Promise<unknown> {
  return [await measure('DELJIT 10,000 positions', (ref) => deljit(10_000, ref), 10_000), await measure('DELFOR 1,000 lines', (ref) => delfor(1_000, ref), 1_000)];
}
