#!/usr/bin/env node
// Extracts the ANSI MH10.8.2 data identifier table (identifier, category, name,
// data format, description) into assets/mh10/mh10.8.2-data-identifiers.tsv.
//
//   node scripts/build/extract-mh10-tsv.mjs <EntityResolver.cs> <AnsiMh10.8.2DataIdentifier.resx>
//
// The input is the table of ANSI MH10.8.2-2021 as transcribed by
// Solidsoft-Reply/ANSI-MH10.8.2-DI-Validating-Parser (Apache License 2.0):
// the entity table of EntityResolver.cs (key = category × 1000 + numeric
// prefix, the category being the letter's place in the alphabet) and the
// English descriptions of its resource file. Only facts are taken: which
// identifiers exist, their category, name, length and character class (named
// here in MH10.8.2's own notation: an = alphanumeric, n = numeric), and the
// description. Run once per edition; the product reads the generated table.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [resolverPath, resxPath] = process.argv.slice(2);
if (!resolverPath || !resxPath) {
  process.stderr.write('usage: node scripts/build/extract-mh10-tsv.mjs <EntityResolver.cs> <AnsiMh10.8.2DataIdentifier.resx>\n');
  process.exit(2);
}
const code = readFileSync(resolverPath, 'utf8').replace(/^\uFEFF/, '');
const resx = readFileSync(resxPath, 'utf8').replace(/^\uFEFF/, '');

const unescapeXml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const descriptions = new Map([...resx.matchAll(/<data name="di(\d+)"[^>]*>\s*<value>([\s\S]*?)<\/value>/g)].map((m) => [m[1], unescapeXml(m[2])]));

const range = (a, b) => (a === b ? String(Number(a)) : `${Number(a)}..${Number(b)}`);
const DATES = {
  DatePatternYyMmDdRegEx: 'YYMMDD',
  DatePatternYyMmDdZerosRegEx: 'YYMMDD',
  DatePatternYyyyMmDdRegEx: 'YYYYMMDD',
  DatePatternDdMmYyRegEx: 'DDMMYY',
  DatePatternDdMmYyyyyRegEx: 'DDMMYYYY',
  DatePatternMmDdYyRegEx: 'MMDDYY',
  DatePatternYDddJulianRegEx: 'YDDD',
  DatePatternYyDddJulianRegEx: 'YYDDD',
  DatePatternYyWwRegEx: 'YYWW',
  DatePatternYyyyMmDdHhMmRegEx: 'YYYYMMDDHHMM',
  FormatMmYyRegEx: 'MMYY',
  FormatYyyyWwRegEx: 'YYYYWW',
  EventDateAndTimeRegEx: 'YYYYMMDDHHMM+event',
  OldestAndNewestManufacturingDateRegEx: 'YYWWYYWW',
  HarvestDateRangeRegEx: 'YYYYMMDDYYYYMMDD',
};

/** The data format in MH10.8.2 notation, read from the name of the transcription's pattern. */
function formatOf(fn) {
  if (DATES[fn]) return DATES[fn];
  const name = fn.replace(/RegEx$/, '');
  if (name === 'Alphanumeric01Unbound') return 'an1..';
  let m = /^AlphanumericRegEx(\d{2})(\d{2,3})$/.exec(fn);
  if (m) return `an${range(m[1], m[2])}`;
  m = /^AlphanumericRegEx(\d{1,2})$/.exec(fn);
  if (m) return `an${Number(m[1])}`;
  m = /^Numeric(\d{2})(\d{2})RegEx$/.exec(fn);
  if (m) return `n${range(m[1], m[2])}`;
  m = /^Numeric(\d{2})RegEx$/.exec(fn);
  if (m) return `n${Number(m[1])}`;
  m = /^NumericDot(\d{2})(\d{2})RegEx$/.exec(fn);
  if (m) return `n${range(m[1], m[2])} with decimal point`;
  if (fn === 'LatitudeLongitudeAttitudeRegEx') return 'latitude/longitude/attitude';
  if (fn === 'YesNoLetterRegEx') return 'Y or N';
  if (fn === 'UniformResourceLocatorRegEx') return 'URL';
  // Composite layouts (e.g. Alpha02Alphanumeric0318): kept by name, checked as printable data.
  return `composite: ${name.replace(/([a-z])([A-Z0-9])/g, '$1 $2').toLowerCase()}`;
}

const entry = /\{\s*(?:\/\/[^\n]*\n\s*)*(\d+),\s*new EntityDescriptors\(\s*"([^"]*)",\s*AnsiMh10_8_2DataIdentifier\.di(\d+),\s*#if NET7_0_OR_GREATER\s*(\w+)/g;
const rows = [];
for (const m of code.matchAll(entry)) {
  const key = Number(m[1]);
  const category = Math.floor(key / 1000);
  if (category === 0) continue; // special characters (+, &, =, FNC1, …): envelope syntax, not data identifiers
  const di = `${key % 1000 || ''}${String.fromCharCode(64 + category)}`;
  const description = (descriptions.get(m[3]) ?? '').replace(/\\n/g, ' ').replace(/\s+/g, ' ').trim();
  rows.push([di, String.fromCharCode(64 + category), m[2].trim(), formatOf(m[4]), description]);
}
rows.sort((a, b) => (a[1] === b[1] ? Number(a[0].slice(0, -1) || 0) - Number(b[0].slice(0, -1) || 0) : a[1] < b[1] ? -1 : 1));
const header = '# ANSI MH10.8.2-2021 data identifiers: di, category letter, name, format (an = alphanumeric, n = numeric, lengths min..max), description.\n';
writeFileSync(resolve(repoRoot, 'assets/mh10/mh10.8.2-data-identifiers.tsv'), header + rows.map((r) => r.map((c) => c.replace(/\t/g, ' ')).join('\t')).join('\n') + '\n');
process.stdout.write(`${rows.length} data identifiers\n`);
