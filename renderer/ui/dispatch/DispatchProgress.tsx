import { useTranslation } from 'react-i18next';
import type { PartProgress } from '../../../shared/shipping/delivery';
import { useLocaleFormat } from '../../i18n/format';

/** The call-off per customer part against what is on the truck; a bar and the figures, never the bar alone. */
export function DispatchProgress({ progress }: { progress: readonly PartProgress[] }) {
  const { t } = useTranslation();
  const f = useLocaleFormat();
  if (progress.length === 0) return <p className="notice" data-testid="dispatch-no-call-off">{t('dispatch.noCallOff')}</p>;
  return (
    <table className="dispatch-progress" data-testid="dispatch-progress">
      <caption>{t('dispatch.progress')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dispatch.part')}</th>
          <th scope="col">{t('dispatch.loaded')}</th>
          <th scope="col">{t('dispatch.callOff')}</th>
        </tr>
      </thead>
      <tbody>
        {progress.map((p) => (
          <tr key={p.customerPartNumber} data-testid={`dispatch-part-${p.customerPartNumber}`} data-loaded={p.loaded} data-call-off={p.callOff}>
            <th scope="row">
              <span className="dispatch-part">{p.customerPartNumber}</span>
              <progress max={Math.max(1, p.callOff)} value={Math.min(p.loaded, p.callOff)} aria-label={`${f.number(p.loaded)} / ${f.number(p.callOff)}`} />
            </th>
            <td className="dispatch-figure">{f.number(p.loaded)}</td>
            <td>
              <span className="dispatch-figure">{f.number(p.callOff)}</span>
              <small>
                {t('dispatch.firm', { count: p.openFirm })}
                {p.nextDate ? ` · ${t('dispatch.nextDate', { date: p.nextDate })}` : ''}
              </small>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
