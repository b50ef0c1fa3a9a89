import { Icon } from '../icons';
import { useTranslation } from 'react-i18next';
import { REPRINT_REASONS } from '../../state/jis-reprint';
import { useApp } from '../store-context';

/** Reprinting a rack label asks why (the reason is recorded with LabelReprinted); one touch per reason. */
export function JisReprintDialog() {
  const { t } = useTranslation();
  const open = useApp((s) => s.jisReprint);
  const busy = useApp((s) => s.jisBusy);
  const reprint = useApp((s) => s.reprintJisRackLabel);
  const cancel = useApp((s) => s.cancelJisReprint);
  if (!open) return null;
  return (
    <div className="jis-dialog" role="dialog" aria-modal="true" aria-labelledby="jis-reprint-title" data-testid="jis-reprint">
      <h2 id="jis-reprint-title">
        <Icon name="print" />
        {t('jis.reprint.title', { rackId: open.rackId })}
      </h2>
      <p className="screen-hint">{t('jis.reprint.reason')}</p>
      <div className="jis-reasons">
        {REPRINT_REASONS.map((r) => (
          <button key={r} type="button" className="btn btn-primary" disabled={busy} onClick={() => void reprint(open.rackId, r)} data-testid={`jis-reprint-reason-${r}`}>
            {t(`jis.reprint.reasons.${r}`)}
          </button>
        ))}
      </div>
      <button type="button" className="btn btn-secondary btn-wide" onClick={cancel} data-testid="jis-reprint-cancel">
        {t('jis.reprint.cancel')}
      </button>
    </div>
  );
}
