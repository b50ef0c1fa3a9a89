import { describe, expect, it } from 'vitest';
import { blockingCondition, formatHostStatus, parseHostStatus, type HostStatus } from '../../../shared/labels';

const STX = '\x02';
const ETX = '\x03';
const answer = (one: string, two: string, three = '1234,0') => [one, two, three].map((s) => `${STX}${s}${ETX}\r\n`).join('');

// Field layout per the ZPL II Programming Guide, ~HS:
// 1: aaa,b,c,dddd,eee,f,g,h,iii,j,k,l   2: mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www   3: xxxx,y
describe('~HS host status', () => {
  it('reads a printer that is ready', () => {
    const s = parseHostStatus(answer('030,0,0,0592,000,0,0,0,000,0,0,0', '001,0,0,0,1,2,6,0,00000000,1,000'));
    expect(s).toMatchObject({ paperOut: false, paused: false, labelLengthDots: 592, headOpen: false, ribbonOut: false, thermalTransfer: true, printMode: 2, labelsRemaining: 0 });
    expect(s && blockingCondition(s)).toBeNull();
  });

  it.each<[string, string, string, keyof HostStatus, string]>([
    ['paper out', '030,1,0,0592,000,0,0,0,000,0,0,0', '001,0,0,0,1,2,6,0,00000000,1,000', 'paperOut', 'printer-paper-out'],
    ['paused', '030,0,1,0592,000,0,0,0,000,0,0,0', '001,0,0,0,1,2,6,0,00000000,1,000', 'paused', 'printer-paused'],
    ['buffer full', '030,0,0,0592,012,1,0,0,000,0,0,0', '001,0,0,0,1,2,6,0,00000000,1,000', 'bufferFull', 'printer-buffer-full'],
    ['over temperature', '030,0,0,0592,000,0,0,0,000,0,0,1', '001,0,0,0,1,2,6,0,00000000,1,000', 'overTemperature', 'printer-over-temperature'],
    ['head open', '030,0,0,0592,000,0,0,0,000,0,0,0', '001,0,1,0,1,2,6,0,00000000,1,000', 'headOpen', 'printer-head-open'],
    ['ribbon out', '030,0,0,0592,000,0,0,0,000,0,0,0', '001,0,0,1,1,2,6,0,00000000,1,000', 'ribbonOut', 'printer-ribbon-out'],
  ])('%s', (_name, one, two, flag, code) => {
    const s = parseHostStatus(answer(one, two))!;
    expect(s[flag]).toBe(true);
    expect(blockingCondition(s)?.code).toBe(code);
  });

  it('reads under temperature (a warning, prints light) and labels remaining in the batch', () => {
    const s = parseHostStatus(answer('030,0,0,0592,001,0,0,1,000,0,1,0', '001,0,0,0,0,2,6,0,00000007,1,003'))!;
    expect(s).toMatchObject({ underTemperature: true, partialFormat: true, formatsInBuffer: 1, labelsRemaining: 7, graphicsStored: 3 });
    expect(blockingCondition(s)).toBeNull();
  });

  it('needs all three strings, in one or many chunks', () => {
    expect(parseHostStatus(`${STX}030,0,0,0592,000,0,0,0,000,0,0,0${ETX}\r\n`)).toBeNull();
    expect(parseHostStatus('garbage')).toBeNull();
    expect(parseHostStatus(answer('030,0,0', '001'))).toBeNull();
  });

  it('formats what it parses (the simulator answers with it)', () => {
    const s = parseHostStatus(answer('030,1,0,0592,002,0,0,0,000,0,1,0', '001,0,1,0,0,2,0,0,00000005,1,000'))!;
    expect(parseHostStatus(formatHostStatus(s))).toEqual(s);
  });
});
