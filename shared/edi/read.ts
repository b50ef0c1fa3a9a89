import { parseInterchange } from './edifact/interchange';
import { desadvFromInterchange, type ReadDespatchAdvice } from './messages/desadv-read';
import { delforFromInterchange } from './messages/delfor';
import { deljitFromInterchange, type SequenceCallOff } from './messages/deljit';
import { EdiError, guarded, type EdiProblem, type EdiResult } from './problems';
import type { ScheduleMessage } from './schedule';
import { parseVda4905, parseVda4915 } from './vda/call-offs';

/**
 * Any inbound file, whatever its syntax: EDIFACT (UNA or UNB first) is read
 * by its UNH message type, VDA by the record type of its first record (511
 * VDA 4905, 551 VDA 4915). The answer is what the message says; applying it
 * is the server's business.
 */

export type InboundMessage = ScheduleMessage | SequenceCallOff | ReadDespatchAdvice;

export const READABLE = 'EDIFACT DELFOR D.96A/D.97A/D.04A, DELJIT D.97A/D.04B, DESADV; VDA 4905, VDA 4915';

export function readEdiMessage(text: string): EdiResult<InboundMessage> {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('UNA') || start.startsWith('UNB')) {
    const parsed = parseInterchange(text);
    if (!parsed.ok) return parsed;
    const warnings: EdiProblem[] = [...parsed.warnings];
    return guarded<InboundMessage>(warnings, () => {
      const first = parsed.value.messages[0];
      if (!first) throw new EdiError({ code: 'edi-no-message', message: 'the interchange holds no message', segment: 2, expected: 'UNH' });
      if (first.type === 'DELJIT') return deljitFromInterchange(parsed.value, warnings);
      if (first.type === 'DESADV') return desadvFromInterchange(parsed.value);
      if (first.type === 'DELFOR') return delforFromInterchange(parsed.value, warnings);
      throw new EdiError({ code: 'edi-unsupported-message', message: `message type ${first.type} is not read here`, segment: first.header.index, tag: 'UNH', element: 2, component: 1, expected: READABLE });
    });
  }
  if (start.startsWith('511')) return parseVda4905(text);
  if (start.startsWith('551')) return parseVda4915(text);
  return { ok: false, error: { code: 'edi-unknown-format', message: 'neither EDIFACT (UNA/UNB) nor a VDA record type this plant reads', segment: 1, expected: READABLE }, warnings: [] };
}
