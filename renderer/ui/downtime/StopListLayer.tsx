import { useTranslation } from 'react-i18next';
import type { DowntimeReason } from '../../../shared/master-data-oee';
import type { ShiftStop } from '../../state/downtime-view';
import { Icon } from '../icons';
import { useApp } from '../store-context';
import { clockTime, minutesOf, reasonLabel } from './downtime-format';

/** The most stops the list shows (newest first): the layer stays one screen high. */
const SHOWN = 5;

/**
 * The shift's stops with their reasons, for a shift lead: reclassify one or
 * split it in two. Either goes through the approval (badge and PIN) first;
 * each change is a new event, the stop as booked stays in the journal.
 */
export function StopListLayer({ stops, reasons, timeZone }: { stops: readonly ShiftStop[]; reasons: readonly DowntimeReason[]; timeZone?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const close = useApp((s) => s.setStopEditing);
  const change = useApp((s) => s.requestStopChange);
  const time = (ms: number) => clockTime(ms, i18n.language, timeZone);
  return (
    <section className="wf-modal dt-layer" role="dialog" aria-modal="true" aria-labelledby="dt-list-title" data-testid="dt-stop-list">
      <h2 id="dt-list-title">
        <Icon name="split" />
        {t('downtime.edit.title')}
      </h2>
      {stops.length === 0 ? (
        <p className="dt-layer-detail">{t('downtime.edit.none')}</p>
      ) : (
        <ul className="dt-stop-rows">
          {stops.slice(0, SHOWN).map((s) => (
            <li key={s.stopId} data-testid={`dt-stop-${s.stopId}`}>
              <span className="dt-stop-text">
                {time(s.from)}–{time(s.to)} · {t('downtime.minutes', { count: minutesOf(s.to - s.from) })} · <strong>{reasonLabel(reasons.find((r) => r.id === s.reasonId), i18n.language, s.reasonId)}</strong>
              </span>
              <button type="button" className="btn" onClick={() => change('reclassify', s)} data-testid={`dt-reclassify-${s.stopId}`}>
                <Icon name="undo" />
                {t('downtime.edit.reclassify')}
              </button>
              <button type="button" className="btn" disabled={s.to - s.from < 120_000} onClick={() => change('split', s)} data-testid={`dt-split-${s.stopId}`}>
                <Icon name="split" />
                {t('downtime.edit.split')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="btn btn-secondary" onClick={() => close(false)} data-testid="dt-stop-list-close">
        {t('downtime.edit.close')}
      </button>
    </section>
  );
}
