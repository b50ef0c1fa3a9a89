import { z } from 'zod';
import { ERROR_CODES, type PrinterErrorCode } from '../errors';

/**
 * The printer's answer to `~HS` (ZPL II Programming Guide, ~HS Host Status
 * Return): three strings, each <STX>…<ETX><CR><LF>.
 *   1: aaa,b,c,dddd,eee,f,g,h,iii,j,k,l — interface settings, paper out, pause,
 *      label length (dots), formats in receive buffer, buffer full,
 *      diagnostic mode, partial format, unused, corrupt RAM, under temperature,
 *      over temperature.
 *   2: mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www — function settings, unused, head up,
 *      ribbon out, thermal transfer, print mode, print width mode, label
 *      waiting, labels remaining in batch, format while printing, graphics stored.
 *   3: xxxx,y — password, static RAM installed.
 * Current firmware sends no answer at all while media out, ribbon out, head
 * open or head over temperature (Zebra's ~HS page), so silence is a status too.
 */

export const HostStatus = z.object({
  paperOut: z.boolean(),
  paused: z.boolean(),
  labelLengthDots: z.number().int(),
  formatsInBuffer: z.number().int(),
  bufferFull: z.boolean(),
  diagnosticMode: z.boolean(),
  partialFormat: z.boolean(),
  corruptRam: z.boolean(),
  underTemperature: z.boolean(),
  overTemperature: z.boolean(),
  headOpen: z.boolean(),
  ribbonOut: z.boolean(),
  thermalTransfer: z.boolean(),
  printMode: z.number().int(),
  labelWaiting: z.boolean(),
  labelsRemaining: z.number().int(),
  graphicsStored: z.number().int(),
});
export type HostStatus = z.infer<typeof HostStatus>;

const STX = '\x02';
const ETX = '\x03';

/** The three STX…ETX strings in `text`, or fewer if the answer is still incomplete. */
export function hostStatusStrings(text: string): string[] {
  const out: string[] = [];
  // eslint-disable-next-line no-control-regex -- STX/ETX are the answer's framing
  const re = /\x02([^\x02\x03]*)\x03/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]!);
  return out;
}

export function isCompleteHostStatus(text: string): boolean {
  return hostStatusStrings(text).length >= 3;
}

export function parseHostStatus(text: string): HostStatus | null {
  const strings = hostStatusStrings(text);
  if (strings.length < 3) return null;
  const one = strings[0]!.split(',').map((s) => s.trim());
  const two = strings[1]!.split(',').map((s) => s.trim());
  if (one.length < 12 || two.length < 11 || [...one, ...two].some((s) => !/^\d+$/.test(s))) return null;
  const n = (s: string | undefined) => Number(s);
  const flag = (s: string | undefined) => s === '1';
  return {
    paperOut: flag(one[1]),
    paused: flag(one[2]),
    labelLengthDots: n(one[3]),
    formatsInBuffer: n(one[4]),
    bufferFull: flag(one[5]),
    diagnosticMode: flag(one[6]),
    partialFormat: flag(one[7]),
    corruptRam: flag(one[9]),
    underTemperature: flag(one[10]),
    overTemperature: flag(one[11]),
    headOpen: flag(two[2]),
    ribbonOut: flag(two[3]),
    thermalTransfer: flag(two[4]),
    printMode: n(two[5]),
    labelWaiting: flag(two[7]),
    labelsRemaining: n(two[8]),
    graphicsStored: n(two[10]),
  };
}

/** The answer a printer in this state sends (used by the simulator and tests). */
export function formatHostStatus(s: HostStatus): string {
  const b = (v: boolean) => (v ? '1' : '0');
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  // The interface-settings byte (aaa/mmm) is informational; the simulator reports fixed values.
  const one = ['030', b(s.paperOut), b(s.paused), pad(s.labelLengthDots, 4), pad(s.formatsInBuffer, 3), b(s.bufferFull), b(s.diagnosticMode), b(s.partialFormat), '000', b(s.corruptRam), b(s.underTemperature), b(s.overTemperature)];
  const two = ['001', '0', b(s.headOpen), b(s.ribbonOut), b(s.thermalTransfer), String(s.printMode), '0', b(s.labelWaiting), pad(s.labelsRemaining, 8), '1', pad(s.graphicsStored, 3)];
  const three = ['1234', '0'];
  return [one, two, three].map((f) => `${STX}${f.join(',')}${ETX}\r\n`).join('');
}

// The printer's codes are listed with all others in shared/errors.ts (one closed set).
export { PRINTER_ERROR_CODES, type PrinterErrorCode } from '../errors';

/** The first condition that stops printing, most actionable first; null when the printer can print. */
export function blockingCondition(s: HostStatus): { code: PrinterErrorCode; message: string } | null {
  if (s.headOpen) return { code: 'printer-head-open', message: 'The printer head is open. Close it.' };
  if (s.paperOut) return { code: 'printer-paper-out', message: 'The printer is out of labels. Load labels.' };
  if (s.ribbonOut) return { code: 'printer-ribbon-out', message: 'The printer ribbon is out. Load a ribbon.' };
  if (s.overTemperature) return { code: 'printer-over-temperature', message: 'The print head is too hot. Wait for it to cool down.' };
  if (s.paused) return { code: 'printer-paused', message: 'The printer is paused. Press its pause key.' };
  if (s.bufferFull) return { code: 'printer-buffer-full', message: 'The printer buffer is full. Wait a moment.' };
  return null;
}

export const PRINTER_STATES = ['ready', 'error', 'offline', 'not-configured'] as const;
export const PrinterStatus = z.object({
  state: z.enum(PRINTER_STATES),
  printer: z.string().optional(),
  code: z.enum(ERROR_CODES).optional(),
  message: z.string().optional(),
  host: HostStatus.optional(),
  checkedAt: z.string().optional(),
});
export type PrinterStatus = z.infer<typeof PrinterStatus>;
