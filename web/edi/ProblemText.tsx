import { useTranslation } from 'react-i18next';
import type { EdiProblem } from './types';

/** Where in the file a problem is (segment, element), in the reader's language; the parser's own words and code after it. */
export function ProblemText({ problem }: { problem: EdiProblem }) {
  const { t } = useTranslation();
  const where: string[] = [];
  if (problem.segment !== undefined) where.push(t('web.edi.segment', { n: problem.segment, tag: problem.tag ?? '' }).trim());
  if (problem.element !== undefined) where.push(t('web.edi.element', { n: problem.component !== undefined ? `${problem.element}.${problem.component}` : problem.element }));
  return (
    <p className="web-problem" data-testid="edi-problem">
      {where.length > 0 && <strong>{where.join(', ')}: </strong>}
      {problem.message}
      {problem.expected && ` (${t('web.edi.expected', { what: problem.expected })})`} <span className="web-code">{problem.code}</span>
    </p>
  );
}
