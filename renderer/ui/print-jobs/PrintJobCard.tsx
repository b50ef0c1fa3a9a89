import { Icon, type IconName } from '../icons';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/errors';
import type { LabelModel } from '../../../shared/labels';
import { loadLabelSvg } from '../../lib/label-svg';
import type { PrintJobRecord } from '../../storage/print-jobs';
import { kindWords, reasonOf, reasonWords, stateWord } from './job-words';

const STATE_ICON = { 'outcome-unknown': 'warn', failed: 'nok', held: 'pause' } as const satisfies Record<string, IconName>;

/** The model's SVG, once the (on-demand) renderer has loaded: null until then. */
function useLabelPreview(model: LabelModel): Result<string> | null {
  const [preview, setPreview] = useState<{ model: LabelModel; svg: Result<string> } | null>(null);
  useEffect(() => {
    let current = true;
    void loadLabelSvg().then((renderSvg) => {
      if (current) setPreview({ model, svg: renderSvg(model) });
    });
    return () => {
      current = false;
    };
  }, [model]);
  return preview?.model === model ? preview.svg : null;
}

/**
 * One print job: the label as it was (SVG from the job's own model, as the
 * preview before printing), its state and the reason in words, and the
 * action the caller offers (reprint or print now).
 */
export function PrintJobCard({ job, children }: { job: PrintJobRecord; children: ReactNode }) {
  const { t } = useTranslation();
  const preview = useLabelPreview(job.model);
  const state = stateWord(job);
  const reason = reasonOf(job);
  const words = reason ? reasonWords(reason.code) : undefined;
  const kind = kindWords(job.templateId);
  return (
    <li className={`pj-card pj-${state}`} data-testid="print-job" data-job-id={job.id} data-state={state}>
      <div className="pj-facts">
        <p className="pj-state" data-testid="print-job-state">
          <Icon name={STATE_ICON[state]} className="pj-icon" />
          {t(`printJobs.state.${state}`)}
        </p>
        <p className="pj-kind">{t(kind.key, kind.params)}</p>
        {words && (
          <p className="pj-reason" data-testid="print-job-reason" data-code={reason?.code}>
            {t(words.key, words.params)}
          </p>
        )}
        <p className="pj-meta">{t('printJobs.job', { id: job.id.slice(-8), time: job.createdAt })}</p>
        {job.reprintOf && <p className="pj-meta">{t('printJobs.reprintOf', { id: job.reprintOf.slice(-8) })}</p>}
        <div className="pj-actions">{children}</div>
      </div>
      {preview === null ? null : preview.ok ? (
        <img className="pj-preview" alt={t('printJobs.previewAlt', { kind: t(kind.key, kind.params) })} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(preview.value)}`} data-testid="print-job-preview" />
      ) : (
        <p className="pj-reason">{t(reasonWords(preview.error.code).key, reasonWords(preview.error.code).params)}</p>
      )}
    </li>
  );
}
