import { useTranslation } from 'react-i18next';
import type { OeeFigures } from '../../../shared/oee';
import { percent } from './downtime-format';

/** "OEE shift 72.4% = A 90.0% × P 82.0% × Q 98.1%": the figure and each factor, in the operator's number format. */
export function OeeLine({ label, figures, testId }: { label: string; figures: OeeFigures; testId: string }) {
  const { t, i18n } = useTranslation();
  const show = (v: number | null) => percent(v, i18n.language) ?? t('downtime.unknown');
  return (
    <p className="dt-oee" data-testid={testId} data-oee={figures.oee ?? ''}>
      <span className="dt-oee-name">{label}</span>
      <strong className="dt-oee-value" data-testid={`${testId}-value`}>
        {show(figures.oee)}
      </strong>
      <span className="dt-oee-factors">
        ={' '}
        <abbr title={t('downtime.factor.availability')}>{t('downtime.factorShort.availability')}</abbr> {show(figures.availability)} ×{' '}
        <abbr title={t('downtime.factor.performance')}>{t('downtime.factorShort.performance')}</abbr> {show(figures.performance)} ×{' '}
        <abbr title={t('downtime.factor.quality')}>{t('downtime.factorShort.quality')}</abbr> {show(figures.quality)}
      </span>
    </p>
  );
}
