import { describeProblem, type EdiProblem } from '../problems';
import { writeInterchange } from '../edifact/write';

/**
 * An APERAK-style answer (application error and acknowledgement message,
 * D.96A) to an inbound message the plant could not apply: BGM with the
 * message function 27 (not accepted), RFF+ACW naming the interchange it
 * answers, and per problem ERC (our error code) with FTX+AAO (error
 * description: segment, element and what was expected).
 */

export interface AperakInput {
  /** Who we answer: the inbound interchange's sender. */
  to: string;
  from: string;
  /** The inbound interchange reference (or file name when unreadable). */
  inboundReference: string;
  controlRef: string;
  preparedAt: string;
  problems: readonly EdiProblem[];
}

export function writeAperak(a: AperakInput): string {
  return writeInterchange({
    syntax: { id: 'UNOC', version: 3 },
    sender: { id: a.from || 'UNKNOWN', qualifier: 'ZZZ' },
    recipient: { id: a.to || 'UNKNOWN', qualifier: 'ZZZ' },
    preparedAt: new Date(a.preparedAt),
    controlRef: a.controlRef,
    lineBreaks: true,
    messages: [
      {
        ref: '1',
        type: 'APERAK',
        version: 'D',
        release: '96A',
        agency: 'UN',
        segments: [
          ['BGM', '313', a.controlRef, '27'],
          ['RFF', ['ACW', a.inboundReference.slice(0, 35)]],
          ...a.problems.flatMap((p) => [
            ['ERC', p.code.slice(0, 8)] as const,
            ['FTX', 'AAO', '', '', describeProblem(p).match(/.{1,70}/g)!.slice(0, 5)] as const,
          ]),
        ],
      },
    ],
  });
}
