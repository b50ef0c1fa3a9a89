import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileZpl, type LabelElement, type LabelModel } from '../../../shared/labels';
import { commandNames, zplCommands, zplFields } from './zpl-fields';

const label = (...elements: LabelElement[]): LabelModel => ({ widthDots: 800, heightDots: 400, dpi: 203, elements });
const body = (model: LabelModel, copies?: number) => {
  const r = compileZpl(model, copies ? { copies } : {});
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value.split('\n').slice(5, -3);
};

describe('ZPL compiler: one golden line per element type', () => {
  it.each<[string, LabelElement, string]>([
    ['text', { type: 'text', x: 10, y: 20, height: 30, value: 'Halter links' }, '^FO10,20^A0N,30,30^FH_^FDHalter links^FS'],
    ['box', { type: 'box', x: 0, y: 0, width: 800, height: 400, thickness: 3 }, '^FO0,0^GB800,400,3^FS'],
    ['horizontal line', { type: 'line', x: 0, y: 148, length: 800, thickness: 2, direction: 'horizontal' }, '^FO0,148^GB800,2,2^FS'],
    ['vertical line', { type: 'line', x: 420, y: 0, length: 148, thickness: 2, direction: 'vertical' }, '^FO420,0^GB2,148,2^FS'],
    ['code128', { type: 'code128', x: 40, y: 50, height: 70, moduleWidth: 2, value: 'P4711-0815' }, '^FO40,50^BY2,3,70^BCN,70,N,N,N,N^FH_^FD>:P4711-0815^FS'],
    ['code128 with ^ > ~ _', { type: 'code128', x: 40, y: 50, height: 70, moduleWidth: 2, value: 'a^b>c~d_e' }, '^FO40,50^BY2,3,70^BCN,70,N,N,N,N^FH_^FD>:a><b>0c>=d_5Fe^FS'],
    ['code39 (VDA 4902): ratio 3.0, no check character, no interpretation line', { type: 'code39', x: 28, y: 482, height: 104, moduleWidth: 2, value: 'S900000042' }, '^FO28,482^BY2,3.0,104^B3N,N,104,N,N^FH_^FDS900000042^FS'],
    ['code39 with all its special characters', { type: 'code39', x: 0, y: 0, height: 50, moduleWidth: 2, value: 'P-. $/+%9' }, '^FO0,0^BY2,3.0,50^B3N,N,50,N,N^FH_^FDP-. $/+%9^FS'],
    ['gs1-128 SSCC (subset C)', { type: 'gs1-128', x: 70, y: 760, height: 300, moduleWidth: 4, elements: [{ ai: '00', value: '106141411234567897' }] }, '^FO70,760^BY4,3,300^BCN,300,N,N,N,N^FH_^FD>;>800106141411234567897^FS'],
    [
      'gs1-128 with a variable-length AI and FNC1',
      { type: 'gs1-128', x: 60, y: 0, height: 100, moduleWidth: 2, elements: [{ ai: '02', value: '00614141123452' }, { ai: '37', value: '240' }, { ai: '10', value: 'AB-1' }] },
      '^FO60,0^BY2,3,100^BCN,100,N,N,N,N^FH_^FD>;>802006141411234523724>60>810AB-1^FS',
    ],
    [
      'gs1-128 with fewer than four leading digits (subset B)',
      { type: 'gs1-128', x: 0, y: 0, height: 100, moduleWidth: 2, elements: [{ ai: '10', value: 'X1' }] },
      '^FO0,0^BY2,3,100^BCN,100,N,N,N,N^FH_^FD>:>810X1^FS',
    ],
    [
      'GS1 DataMatrix: FNC1 as the escape sequence _1 after ^FH, none after fixed-length (01)',
      { type: 'datamatrix', x: 5, y: 5, moduleSize: 6, content: { kind: 'gs1', elements: [{ ai: '01', value: '09506000134352' }, { ai: '10', value: 'ABC123' }, { ai: '21', value: '12345' }] } },
      '^FO5,5^BXN,6,200,0,0,6,_^FH_^FD_5F1010950600013435210ABC123_5F12112345^FS',
    ],
    [
      'ISO/IEC 15434 DataMatrix: RS GS EOT as hex',
      { type: 'datamatrix', x: 5, y: 5, moduleSize: 6, content: { kind: 'iso15434', format: '06', fields: [{ di: '1J', value: 'UN0812345670000042' }, { di: 'Q', value: '240' }] } },
      '^FO5,5^BXN,6,200,0,0,6,_^FH_^FD[)>_1E06_1D1JUN0812345670000042_1DQ240_1E_04^FS',
    ],
    ['DataMatrix text', { type: 'datamatrix', x: 5, y: 5, moduleSize: 4, content: { kind: 'text', value: 'R-0815' } }, '^FO5,5^BXN,4,200,0,0,6,_^FH_^FDR-0815^FS'],
    ['qr', { type: 'qr', x: 1, y: 2, magnification: 4, errorCorrection: 'Q', value: 'https://example.com/?a=1&b=2' }, '^FO1,2^BQN,2,4^FH_^FDQA,https://example.com/?a=1&b=2^FS'],
    ['pdf417', { type: 'pdf417', x: 1, y: 2, moduleWidth: 2, rowHeight: 6, securityLevel: 3, columns: 6, value: 'RACK;R-1\n4001;WVW' }, '^FO1,2^BY2,3^B7N,6,3,6,,N^FH_^FDRACK;R-1_0A4001;WVW^FS'],
  ])('%s', (_name, element, line) => {
    expect(body(label(element))).toEqual([line]);
  });

  it('frames the label: ^XA, UTF-8, size, origin, ^PQ quantity, ^XZ', () => {
    const r = compileZpl(label({ type: 'text', x: 0, y: 0, height: 20, value: 'x' }), { copies: 3 });
    expect(r.ok && r.value.split('\n')).toEqual(['^XA', '^CI28', '^PW800', '^LL400', '^LH0,0', '^FO0,0^A0N,20,20^FH_^FDx^FS', '^PQ3,0,1,N', '^XZ', '']);
  });

  it.each([0, 1000, 1.5])('refuses %s copies', (copies) => {
    expect(compileZpl(label(), { copies })).toMatchObject({ ok: false, error: { code: 'label-data-invalid' } });
  });
});

describe('ZPL escaping', () => {
  const text = (value: string) => body(label({ type: 'text', x: 0, y: 0, height: 20, value }))[0];

  it.each([
    ['^XZ', '_5EXZ'],
    ['~JR', '_7EJR'],
    ['^FDx^FS', '_5EFDx_5EFS'],
    ['50_%', '50_5F%'],
    ['back\\slash', 'back\\slash'],
    ['tab\there\r\n', 'tab_09here_0D_0A'],
    ['\x00\x1b\x7f', '_00_1B_7F'],
    ['Ä', '_C3_84'],
    ['中', '_E4_B8_AD'],
    ['שלום', '_D7_A9_D7_9C_D7_95_D7_9D'],
  ])('%j is written as field hex', (value, escaped) => {
    expect(text(value)).toBe(`^FO0,0^A0N,20,20^FH_^FD${escaped}^FS`);
  });

  it('keeps the ZPL stream 7-bit printable ASCII', () => {
    const r = compileZpl(label({ type: 'text', x: 0, y: 0, height: 20, value: '\u0000\u00ff\u4e2d\ud83d\ude00' }));
    expect(r.ok && /^[\x20-\x7e\n]*$/.test(r.value)).toBe(true);
  });

  it('refuses what a symbology cannot carry, before anything is compiled', () => {
    const cases: LabelElement[] = [
      { type: 'code128', x: 0, y: 0, height: 50, moduleWidth: 2, value: 'Ä' },
      { type: 'code128', x: 0, y: 0, height: 50, moduleWidth: 2, value: 'a\x1db' },
      // Data holding every escape character ^BX could be given.
      { type: 'datamatrix', x: 0, y: 0, moduleSize: 4, content: { kind: 'text', value: '_#`|@$!&*=?[]{}\\<>;:' } },
      ...['p4711', 'P*1', 'S_1', 'Ä', 'A\x1dB', ''].map((value): LabelElement => ({ type: 'code39', x: 0, y: 0, height: 50, moduleWidth: 2, value })),
      { type: 'gs1-128', x: 0, y: 0, height: 50, moduleWidth: 2, elements: [{ ai: '00', value: '106141411234567890' }] },
      { type: 'gs1-128', x: 0, y: 0, height: 50, moduleWidth: 2, elements: [{ ai: '99', value: 'x'.repeat(91) }] },
    ];
    for (const element of cases) {
      const r = compileZpl(label(element));
      expect(r.ok, JSON.stringify(element)).toBe(false);
      expect(['label-value-unencodable', 'label-data-invalid']).toContain(!r.ok && r.error.code);
    }
  });

  it('DataMatrix: the ^BX escape character is one the data does not hold, so "_" is data', () => {
    const r = compileZpl(label({ type: 'datamatrix', x: 0, y: 0, moduleSize: 4, content: { kind: 'text', value: 'a_b' } }));
    expect(r.ok && r.value).toContain('^BXN,4,200,0,0,6,#^FH_^FDa_5Fb^FS');
    const gs1 = compileZpl(label({ type: 'datamatrix', x: 0, y: 0, moduleSize: 4, content: { kind: 'gs1', elements: [{ ai: '10', value: 'A_1' }, { ai: '21', value: 'X' }] } }));
    expect(gs1.ok && gs1.value).toContain('^BXN,4,200,0,0,6,#^FH_^FD_23110A_5F1_23121X^FS');
  });

  it('accepts a 3 kB value and refuses longer ones by schema', () => {
    expect(compileZpl(label({ type: 'pdf417', x: 0, y: 0, moduleWidth: 2, rowHeight: 6, securityLevel: 3, value: 'x'.repeat(3072) })).ok).toBe(true);
    expect(compileZpl(label({ type: 'text', x: 0, y: 0, height: 20, value: 'x'.repeat(3073) }))).toMatchObject({ ok: false, error: { code: 'label-data-invalid' } });
  });
});

describe('hostile values never become commands (property)', () => {
  const hostile = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constantFrom('^XA', '^XZ', '~JR', '~HS', '^FS', '^FD', '_', '__', '_1', '>8', '\\&', '\x00', '\x1d', '\x1e\x04', '^PQ999'),
    fc.array(fc.constantFrom('^', '~', '_', '>', 'X', 'Z', 'J', 'R', '\n', '\x1d', 'Ä', '中', '0', '1'), { maxLength: 40 }).map((a) => a.join('')),
  );

  it('text, QR and PDF417 fields carry exactly the value, and the command list never changes', () => {
    const shape = (v: string): LabelModel =>
      label(
        { type: 'text', x: 0, y: 0, height: 20, value: v },
        { type: 'qr', x: 0, y: 50, magnification: 3, errorCorrection: 'M', value: `x${v}` },
        { type: 'pdf417', x: 0, y: 200, moduleWidth: 2, rowHeight: 6, securityLevel: 3, value: `x${v}` },
      );
    const reference = commandNames((compileZpl(shape('benign')) as { value: string }).value);
    fc.assert(
      fc.property(hostile, (v) => {
        const r = compileZpl(shape(v));
        if (!r.ok) return false;
        expect(commandNames(r.value)).toEqual(reference);
        // Lone surrogates are not text; TextEncoder writes U+FFFD, as any UTF-8 printer would get.
        const intended = new TextDecoder().decode(new TextEncoder().encode(v));
        expect(zplFields(r.value)).toEqual([intended, `MA,x${intended}`, `x${intended}`]);
        return true;
      }),
      { numRuns: 400 },
    );
  });

  it('Code 128 either refuses the value or carries it with only Code 128 invocation codes', () => {
    const reference = commandNames((compileZpl(label({ type: 'code128', x: 0, y: 0, height: 50, moduleWidth: 2, value: 'A' })) as { value: string }).value);
    fc.assert(
      fc.property(hostile, (v) => {
        const r = compileZpl(label({ type: 'code128', x: 0, y: 0, height: 50, moduleWidth: 2, value: v }));
        if (!r.ok) return r.error.code === 'label-value-unencodable';
        expect(commandNames(r.value)).toEqual(reference);
        const fd = zplFields(r.value)[0]!;
        expect(decodeNoMode(fd)).toBe(v);
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('the field reader sees an unescaped injection (the reader itself is not blind)', () => {
    expect(commandNames('^XA^FDa^XZ~JR^FS^XZ')).toEqual(['^XA', '^FD', '^XZ', '~JR', '^FS', '^XZ']);
    expect(zplCommands('^FO1,2^A0N,20,20^FDx^FS')[1]).toEqual({ name: '^A', params: '0N,20,20' });
  });
});

/**
 * Reads ^BC no-mode field data as the ZPL II guide defines it (after ^FH): start
 * and subset codes, `><` `>0` `>=` for ^ > ~ in subset B, digit pairs in subsets
 * A (character value + 32) and C. Control characters and FNC codes never occur here.
 */
function decodeNoMode(fd: string): string {
  let set: 'A' | 'B' | 'C' = 'B';
  let out = '';
  for (let i = 0; i < fd.length;) {
    if (fd[i] === '>') {
      const code = fd[i + 1]!;
      i += 2;
      if (code === '9' || code === '7') set = 'A';
      else if (code === ':' || code === '6') set = 'B';
      else if (code === ';') set = 'C';
      else out += ({ '<': '^', '0': '>', '=': '~' } as Record<string, string>)[code] ?? `<invocation ${code}>`;
    } else if (set === 'A') {
      out += String.fromCharCode(Number(fd.slice(i, i + 2)) + 0x20);
      i += 2;
    } else if (set === 'C') {
      out += fd.slice(i, i + 2);
      i += 2;
    } else {
      out += fd[i++];
    }
  }
  return out;
}
