/**
 * What went wrong in an EDI file, precisely enough that the partner can fix
 * it: the segment (or record) number counted from 1 in the file, its tag,
 * the element and component positions as the message directories number
 * them (from 1), and what was expected there. Warnings have the same shape:
 * a file that was accepted despite them says so, never silently.
 */
export interface EdiProblem {
  code: string;
  message: string;
  /** Segment number in the interchange (EDIFACT) or record number in the file (VDA), from 1. */
  segment?: number;
  tag?: string;
  element?: number;
  component?: number;
  expected?: string;
}

export type EdiResult<T> = { ok: true; value: T; warnings: EdiProblem[] } | { ok: false; error: EdiProblem; warnings: EdiProblem[] };

/** Thrown inside a parser and caught at its edge, so deep helpers need not thread results. */
export class EdiError extends Error {
  constructor(readonly problem: EdiProblem) {
    super(problem.message);
  }
}

export function problemAt(code: string, message: string, where: Omit<EdiProblem, 'code' | 'message'> = {}): EdiProblem {
  return { code, message, ...where };
}

/** "segment 12 (QTY), element 1.2: …" — how a problem reads in a log line or on the console. */
export function describeProblem(p: EdiProblem): string {
  const at: string[] = [];
  if (p.segment !== undefined) at.push(`segment ${p.segment}${p.tag ? ` (${p.tag})` : ''}`);
  if (p.element !== undefined) at.push(`element ${p.element}${p.component !== undefined ? `.${p.component}` : ''}`);
  const expected = p.expected ? ` (expected ${p.expected})` : '';
  return `${at.length ? `${at.join(', ')}: ` : ''}${p.message}${expected} [${p.code}]`;
}

/** Runs a parser body, turning an EdiError into a failed result with the warnings gathered so far. */
export function guarded<T>(warnings: EdiProblem[], body: () => T): EdiResult<T> {
  try {
    return { ok: true, value: body(), warnings };
  } catch (err) {
    if (err instanceof EdiError) return { ok: false, error: err.problem, warnings };
    throw err;
  }
}
