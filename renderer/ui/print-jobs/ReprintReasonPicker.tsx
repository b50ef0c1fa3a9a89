import '../workflow/workflow.css';
import { useTranslation } from 'react-i18next';
import { REPRINT_REASONS } from '../../state/workflow-logic';

export type ReprintReason = (typeof REPRINT_REASONS)[number];

/**
 * Why a label is printed once more (DESIGN §7: never twice without a reason):
 * the container reprint's list and words, as big buttons in a dialog.
 */
export function ReprintReasonPicker({
  title,
  onPick,
  onCancel,
  testId = 'reprint-reason-picker',
}: {
  title: string;
  onPick: (reason: ReprintReason) => void;
  onCancel: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="wf-modal" role="dialog" aria-label={title} data-testid={testId}>
      <h2>{title}</h2>
      <div className="wf-choice-grid">
        {REPRINT_REASONS.map((r) => (
          <button key={r} type="button" className="btn" onClick={() => onPick(r)} data-testid={`reprint-reason-${r}`}>
            {t(`workflow.reprintReason.${r}`)}
          </button>
        ))}
      </div>
      <button type="button" className="btn btn-secondary" onClick={onCancel} data-testid="reprint-reason-cancel">
        {t('workflow.cancel')}
      </button>
    </div>
  );
}
