import { describe, expect, it } from 'vitest';
import { parseBarcode } from '../../../shared/barcode';
import { gs1CheckPair, hasValidGs1CheckDigit } from '../../../shared/barcode/check-digits';
import { resolveCentury } from '../../../shared/barcode/gs1-dates';
import { LINTERS } from '../../../shared/barcode/gs1-linters';
import { GS1_AI_TABLE } from '../../../shared/barcode/gs1-ai-table';
import { pairs, scan } from './helpers';

describe('GS1 element strings', () => {
  it.each([
    // GS1 General Specifications examples
    [']C101950123456789033103000123', [['01', '95012345678903'], ['3103', '000123']], { gtin: '95012345678903', quantity: 0.123, unit: 'kg' }],
    [']C100006141411234567890', [['00', '006141411234567890']], { sscc: '006141411234567890' }],
    // predefined-length AIs need no separator; variable-length ones end at GS or the end
    [']d20109501101530003172612001012<GS>21S1', [['01', '09501101530003'], ['17', '261200'], ['10', '12'], ['21', 'S1']], { expiry: '2026-12-31', batch: '12', serial: 'S1' }],
    // redundant GS after a fixed-length AI and a trailing GS are tolerated
    [']C10109501101530003<GS>10ABC<GS>', [['01', '09501101530003'], ['10', 'ABC']], { batch: 'ABC' }],
    // FNC1 in first position transmitted as GS
    ['<GS>0109501101530003<GS>10ABC', [['01', '09501101530003'], ['10', 'ABC']], { batch: 'ABC' }],
    // counts, AI 02 + 37 on a logistic unit
    // AI 37 needs (00) and (02) per the dictionary's req= attributes
    [']C100006141411234567890020950110153000337120<GS>10L1', [['00', '006141411234567890'], ['02', '09501101530003'], ['37', '120'], ['10', 'L1']], { contentGtin: '09501101530003', quantity: 120, unit: 'pcs' }],
    // alphanumeric check pair (GMN), the GS1 General Specifications example
    [']C180131987654Ad4X4bL5ttr2310c2K', [['8013', '1987654Ad4X4bL5ttr2310c2K']], {}],
    // GS1 DataBar, DotCode and QR identifiers
    [']e00109501101530003', [['01', '09501101530003']], { gtin: '09501101530003' }],
    [']J10109501101530003', [['01', '09501101530003']], {}],
    [']Q30109501101530003', [['01', '09501101530003']], {}],
    // company internal AIs
    [']C10109501101530003<GS>91ABC<GS>98X-1', [['01', '09501101530003'], ['91', 'ABC'], ['98', 'X-1']], { internal: { '91': 'ABC', '98': 'X-1' } }],
    // IBAN linter with the well-known example IBAN
    [']C14150614141000005<GS>8020INV1<GS>8007DE89370400440532013000', [['415', '0614141000005'], ['8020', 'INV1'], ['8007', 'DE89370400440532013000']], {}],
  ])('%s', (raw, elements, fields) => {
    const r = scan(raw);
    expect(r.ok ? null : r.error).toBeNull();
    expect(pairs(r)).toEqual(elements);
    if (r.ok) expect(r.fields).toMatchObject(fields);
  });

  it('reports symbology and titles', () => {
    const r = scan(']C10109501101530003');
    expect(r).toMatchObject({ ok: true, symbology: 'gs1-128', scheme: 'gs1', elements: [{ id: '01', title: 'GTIN' }] });
  });

  it('reads unmarked element strings from keyboard-wedge scanners', () => {
    expect(pairs(scan('0109501101530003172512311012345A'))).toEqual([['01', '09501101530003'], ['17', '251231'], ['10', '12345A']]);
    // a number that merely starts like a GTIN but is no valid element string stays plain
    expect(scan('0109501101530004')).toMatchObject({ ok: true, scheme: 'plain' });
  });
});

describe('bracketed form', () => {
  it.each([
    ['(01)09501101530003(17)250100(10)ABC', [['01', '09501101530003'], ['17', '250100'], ['10', 'ABC']]],
    ['(01) 09501101530003 (10) A(B)C', [['01', '09501101530003'], ['10', 'A(B)C']]],
    ['(01)09501101530003(10)X\\(1', [['01', '09501101530003'], ['10', 'X(1']]],
  ])('%s', (raw, elements) => {
    expect(pairs(scan(raw))).toEqual(elements);
  });

  it('gives ISO dates with DD=00 as the last day of the month', () => {
    const r = scan('(01)09501101530003(17)280200(15)270400');
    expect(r.ok && r.fields).toMatchObject({ expiry: '2028-02-29', bestBefore: '2027-04-30' });
  });
});

describe('GS1 Digital Link', () => {
  it.each([
    ['https://id.gs1.org/01/09506000134352/10/ABC123/21/12345?17=201231',
      [['01', '09506000134352'], ['10', 'ABC123'], ['21', '12345'], ['17', '201231']]],
    // custom domain and path prefix, GTIN-13 padded to 14 digits, percent-encoding, non-AI query keys ignored
    ['https://example.com/shop/01/9506000134352/10/A%2FB?linkType=gs1:pip&3103=000250',
      [['01', '09506000134352'], ['10', 'A/B'], ['3103', '000250']]],
    // the dictionary's dlpkey examples: /01/22/10/21, /01/22/21, /01/10, /01/235 are good orders
    ['https://x.example/01/09506000134352/22/V1/10/B/21/S', [['01', '09506000134352'], ['22', 'V1'], ['10', 'B'], ['21', 'S']]],
    ['https://x.example/01/09506000134352/22/V1/21/S', [['01', '09506000134352'], ['22', 'V1'], ['21', 'S']]],
    ['https://x.example/01/09506000134352/10/B/', [['01', '09506000134352'], ['10', 'B']]],
    ['https://x.example/01/09506000134352/235/T1', [['01', '09506000134352'], ['235', 'T1']]],
    ['https://x.example/00/006141411234567890', [['00', '006141411234567890']]],
  ])('%s', (raw, elements) => {
    const r = scan(raw);
    expect(r.ok ? null : r.error).toBeNull();
    expect(pairs(r)).toEqual(elements);
  });

  it.each([
    // the dictionary's examples of bad orders and mixed alternatives
    'https://x.example/01/09506000134352/10/B/22/V1',
    'https://x.example/01/09506000134352/22/V1/10/B/235/T1',
    'https://x.example/01/09506000134352/10',
    'https://x.example/01/09506000134352?21=S1',
    'https://x.example/01/09506000134352/10/%E0%A4%A',
  ])('rejects %s', (raw) => {
    expect(scan(raw)).toMatchObject({ ok: false, error: { code: 'gs1-digital-link' } });
  });

  it('leaves ordinary URLs plain', () => {
    expect(scan(']Q1https://example.com/01/page')).toMatchObject({ ok: true, scheme: 'plain', symbology: 'qr' });
    expect(scan('https://example.com/')).toMatchObject({ ok: true, scheme: 'plain' });
  });
});

describe('EAN/UPC', () => {
  it.each([
    [']E04006381333931', '04006381333931', 'ean-13'],
    [']E040063813', undefined, 'ean-13'],
    [']E495012347', undefined, 'ean-8'],
    [']E495012346', '00000095012346', 'ean-8'],
  ])('%s', (raw, gtin, symbology) => {
    const r = scan(raw);
    if (gtin) expect(r).toMatchObject({ ok: true, symbology, fields: { gtin } });
    else expect(r.ok).toBe(false);
  });
});

describe('century window (GS1 General Specifications 7.12)', () => {
  it.each([
    [76, 2026, 2076], [77, 2026, 1977], [26, 2026, 2026], [0, 2026, 2000],
    [10, 2060, 2110], [11, 2060, 2011], [99, 2000, 1999], [49, 2000, 2049], [50, 2000, 2050], [51, 2000, 1951],
  ])('YY %i in %i is %i', (yy, ref, year) => {
    expect(resolveCentury(yy, ref)).toBe(year);
  });

  it('applies to parsed dates', () => {
    expect(scan('(01)09501101530003(17)761231')).toMatchObject({ fields: { expiry: '2076-12-31' } });
    expect(scan('(01)09501101530003(17)771231')).toMatchObject({ fields: { expiry: '1977-12-31' } });
    expect(scan('(01)09501101530003(17)290229').ok).toBe(false); // 2029 is no leap year
  });
});

describe('check characters and linters', () => {
  it('mod-10 and mod-1021 check characters', () => {
    expect(hasValidGs1CheckDigit('4006381333931')).toBe(true);
    expect(hasValidGs1CheckDigit('4006381333932')).toBe(false);
    expect(gs1CheckPair('1987654Ad4X4bL5ttr2310c')).toBe('2K');
    expect(gs1CheckPair('12345678901234567890123')).toBe('NT');
  });

  const ctx = { referenceYear: 2026 };
  it.each([
    ['iso3166', '276', true], ['iso3166', '999', false], ['iso3166999', '999', true],
    ['iso3166alpha2', 'DE', true], ['iso3166alpha2', 'XX', false],
    ['iso4217', '978', true], ['iso4217', '000', false],
    ['pcenc', 'a%20b', true], ['pcenc', 'a%2', false],
    ['hhmi', '2359', true], ['hhmi', '2400', false],
    ['yymmd0', '260200', true], ['yymmdd', '260200', false], ['yyyymmdd', '20240229', true], ['yyyymmdd', '20230229', false],
    ['pieceoftotal', '0203', true], ['pieceoftotal', '0302', false], ['pieceoftotal', '0003', false],
    ['posinseqslash', '2/3', true], ['posinseqslash', '4/3', false], ['posinseqslash', '01/3', false],
    ['iban', 'GB82WEST12345698765432', true], ['iban', 'GB83WEST12345698765432', false],
    ['mediatype', '10', true], ['mediatype', '11', false],
    ['nonzero', '000', false], ['nozeroprefix', '012', false], ['hasnondigit', '123', false],
    ['latitude', '1800000000', true], ['latitude', '1800000001', false],
    ['importeridx', '_', true], ['importeridx', '#', false],
  ])('%s(%s) is %s', (name, value, valid) => {
    expect(LINTERS[name]!(value, ctx) === null).toBe(valid);
  });
});

describe('generated table', () => {
  it('has every AI of the dictionary with expanded ranges', () => {
    expect(Object.keys(GS1_AI_TABLE)).toHaveLength(541);
    expect(GS1_AI_TABLE['3105']).toMatchObject({ predefinedLength: true, ex: ['310n'] });
    expect(GS1_AI_TABLE['99']).toMatchObject({ predefinedLength: false, title: 'INTERNAL' });
    expect(GS1_AI_TABLE['8030']!.req).toEqual([[['00'], ['01', '21'], ['253'], ['255'], ['8003'], ['8004'], ['8006', '21'], ['8010', '8011'], ['8017'], ['8018']]]);
  });

  it('knows every AI when parsed in bracketed form', () => {
    for (const ai of Object.keys(GS1_AI_TABLE)) {
      const r = parseBarcode(`(${ai})`);
      expect(r.ok ? 'ok' : r.error.code).not.toBe('gs1-unknown-ai');
    }
  });
});
