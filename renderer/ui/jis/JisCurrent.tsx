import { Icon } from '../icons';
import { useTranslation } from 'react-i18next';
import type { PositionState } from '../../../shared/jis';

/** The position to build now: huge, readable from two metres. */
export function JisCurrent({ position }: { position: PositionState | undefined }) {
  const { t } = useTranslation();
  if (!position) {
    return (
      <section className="jis-current" data-testid="jis-current-complete" role="status">
        <p className="jis-current-label">
          <Icon name="ok" />
          {t('jis.complete')}
        </p>
      </section>
    );
  }
  const d = position.data;
  const fields: [string, string, string][] = [
    ['vehicle', t('jis.vehicle'), d.vehicleNumber],
    ['part', t('jis.part'), d.customerPartNumber],
    ['variant', t('jis.variant'), d.variant === '' ? t('jis.noVariant') : d.variant],
    ['rack', `${t('jis.rack')} / ${t('jis.slot')}`, `${d.rack || '–'} / ${d.slot ?? '–'}`],
  ];
  return (
    <section className="jis-current" data-testid="jis-current" data-seq={d.sequenceNumber} aria-live="polite">
      <p className="jis-current-label">
        <Icon name="start" />
        {t('jis.current')} · {t('jis.seq')}
      </p>
      <p className="jis-current-seq" data-testid="jis-current-seq">
        {d.sequenceNumber}
      </p>
      <div className="jis-current-grid">
        {fields.map(([key, label, value]) => (
          <div key={key}>
            <div className="jis-field-label">{label}</div>
            <div className="jis-field-value" data-testid={`jis-current-${key}`}>
              {value}
            </div>
          </div>
        ))}
      </div>
      <p className="screen-hint">{t('jis.scanHint')}</p>
    </section>
  );
}
