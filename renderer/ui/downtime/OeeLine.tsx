import { useTranslation } from 'react-i18next';
import type { OeeFigures } from '../../../shared/oee';
import { percent } from './downtime-format';

/**
 * "OEE shift 72.4% = A 90.0% × P 82.0% × Q 98.1%": the figure and each factor, in the operator's number format.
 * More parts than the ideal cycle time allows (an order a minute old with parts made before it was started, or a
 * routing's cycle time too long) is not a performance above 100 % but a figure that cannot be true: no OEE then, and why.
 */
export function OeeLine({ label, figures, testId }: { label: string; figures: OeeFigures; testId: string }) {
  const { t, i18n } = useTranslation();
  const show = (v: number | null) => percent(v, i18n.language) ?? t('downtime.unknown');
  const impossible = figures.performance !== null && figures.performance > 1;
  const oee = impossible ? null : figures.oee;
  return (
    <p className="dt-oee" data-testid={testId} data-oee={oee ?? ''}>
      <span className="dt-oee-name">{label}</span>
      <strong className="dt-oee-value" data-testid={`${testId}-value`}>
        {show(oee)}
      </strong>
      <span className="dt-oee-factors">
        ={' '}
        <abbr title={t('downtime.factor.availability')}>{t('downtime.factorShort.availability')}</abbr> {show(figures.availability)} ×{' '}
        <abbr title={t('downtime.factor.performance')}>{t('downtime.factorShort.performance')}</abbr> {impossible ? t('downtime.overHundred', { value: percent(1, i18n.language) }) : show(figures.performance)} ×{' '}
        <abbr title={t('downtime.factor.quality')}>{t('downtime.factorShort.quality')}</abbr> {show(figures.quality)}
      </span>
      {impossible && <span className="dt-oee-impossible">{t('downtime.tooManyParts')}</span>}
    </p>
  );
}
