import { describe, expect, it } from 'vitest';
import type { Framing } from '../../electron/host/config';
import { createScanFramer } from '../../electron/host/scanner-framing';

const GS = '\x1d';
const RS = '\x1e';
const EOT = '\x04';

function frame(framing: Framing, chunks: (string | Uint8Array)[], maxLength?: number): string[] {
  const framer = createScanFramer({ framing, maxLength });
  return chunks.flatMap((chunk) => framer.push(chunk));
}

describe('scanner framing', () => {
  const cases: { name: string; framing: Framing; chunks: string[]; scans: string[] }[] = [
    { name: 'CR suffix', framing: 'CR', chunks: ['ABC\rDEF\r'], scans: ['ABC', 'DEF'] },
    { name: 'LF suffix', framing: 'LF', chunks: ['ABC\nDEF\n'], scans: ['ABC', 'DEF'] },
    { name: 'CRLF suffix', framing: 'CRLF', chunks: ['ABC\r\nDEF\r\n'], scans: ['ABC', 'DEF'] },
    { name: 'CRLF split across chunks', framing: 'CRLF', chunks: ['ABC\r', '\nDEF\r', '\n'], scans: ['ABC', 'DEF'] },
    { name: 'CRLF mode keeps a lone CR as data', framing: 'CRLF', chunks: ['A\rB\r\n'], scans: ['A\rB'] },
    { name: 'CR mode keeps LF as data', framing: 'CR', chunks: ['A\nB\r'], scans: ['A\nB'] },
    { name: 'scan split over many chunks', framing: 'CR', chunks: ['0', '1', '23', '4\r'], scans: ['01234'] },
    { name: 'incomplete scan stays buffered', framing: 'CR', chunks: ['ABC\rDE'], scans: ['ABC'] },
    { name: 'auto: CR', framing: 'auto', chunks: ['ABC\rDEF\r'], scans: ['ABC', 'DEF'] },
    { name: 'auto: LF', framing: 'auto', chunks: ['ABC\nDEF\n'], scans: ['ABC', 'DEF'] },
    { name: 'auto: CRLF is one terminator', framing: 'auto', chunks: ['ABC\r\nDEF\r\n'], scans: ['ABC', 'DEF'] },
    { name: 'auto: CRLF split across chunks gives no empty scan', framing: 'auto', chunks: ['ABC\r', '\n', 'DEF\r', '\nGHI\r'], scans: ['ABC', 'DEF', 'GHI'] },
    { name: 'auto: mixed terminators', framing: 'auto', chunks: ['A\rB\nC\r\nD\n'], scans: ['A', 'B', 'C', 'D'] },
    { name: 'empty lines are ignored (CR)', framing: 'CR', chunks: ['\r\rA\r\r'], scans: ['A'] },
    { name: 'empty lines are ignored (LF)', framing: 'LF', chunks: ['\n\nA\n'], scans: ['A'] },
    { name: 'empty lines are ignored (CRLF)', framing: 'CRLF', chunks: ['\r\n\r\nA\r\n'], scans: ['A'] },
    { name: 'empty lines are ignored (auto, LF CR)', framing: 'auto', chunks: ['\n\r\r\n\nA\r\n'], scans: ['A'] },
    {
      name: 'GS1 with AIM prefix and GS kept intact',
      framing: 'CR',
      chunks: [`]C101040123456789011710123110ABC${GS}21XYZ\r`],
      scans: [`]C101040123456789011710123110ABC${GS}21XYZ`],
    },
    {
      name: 'ISO 15434 envelope with RS, GS and EOT kept intact',
      framing: 'auto',
      chunks: [`]d2[)>${RS}06${GS}P12345${GS}Q10${RS}`, `${EOT}\r\n`],
      scans: [`]d2[)>${RS}06${GS}P12345${GS}Q10${RS}${EOT}`],
    },
    { name: 'spaces are data, not trimmed', framing: 'CR', chunks: [' A B \r'], scans: [' A B '] },
  ];

  it.each(cases)('$name', ({ framing, chunks, scans }) => {
    expect(frame(framing, chunks)).toEqual(scans);
  });

  it('decodes bytes as latin1 so no byte is lost', () => {
    const bytes = Uint8Array.from([0x41, 0xe4, 0xff, 0x00, 0x1d, 0x80, 0x0d]);
    const [scan] = frame('CR', [bytes]);
    expect([...scan!].map((c) => c.charCodeAt(0))).toEqual([0x41, 0xe4, 0xff, 0x00, 0x1d, 0x80]);
  });

  it('accepts a Buffer slice with a non-zero offset', () => {
    const big = Buffer.from('xxxHELLO\ryyy', 'latin1');
    expect(frame('CR', [big.subarray(3, 9)])).toEqual(['HELLO']);
  });

  it('drops an over-long scan entirely, including its tail, and then recovers', () => {
    const overflows: number[] = [];
    const framer = createScanFramer({ framing: 'CR', maxLength: 5, onOverflow: (n) => overflows.push(n) });
    expect(framer.push('1234')).toEqual([]);
    expect(framer.push('56789')).toEqual([]);
    expect(framer.push('0\rOK\r')).toEqual(['OK']);
    expect(overflows).toEqual([6]);
  });

  it('accepts a scan of exactly maxLength', () => {
    expect(frame('LF', ['12345\n'], 5)).toEqual(['12345']);
  });

  it('reset forgets a partial scan', () => {
    const framer = createScanFramer({ framing: 'auto' });
    framer.push('PARTIAL');
    framer.reset();
    expect(framer.push('NEW\r')).toEqual(['NEW']);
  });
});
