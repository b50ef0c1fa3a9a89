import { useTranslation } from 'react-i18next';
import type { DowntimeReason } from '../../../shared/master-data-oee';
import type { StopAwaitingReason } from '../../../shared/oee';
import type { StopPicker } from '../../state/downtime-slice';
import { Icon } from '../icons';
import { useApp } from '../store-context';
import { clockTime, minutesOf, reasonLabel } from './downtime-format';

/**
 * Why the line stood: the line's reasons (at most nine, most used first) as
 * big buttons, one touch books it. The same layer classifies a machine stop
 * (the prompt), books a stop by hand, and carries out a shift lead's
 * reclassification or split (with the split time) after the approval.
 */
export function StopReasonLayer({
  picker,
  reasons,
  awaiting,
  timeZone,
}: {
  picker: StopPicker;
  reasons: readonly DowntimeReason[];
  /** The stops waiting now: an ongoing stop's minutes go on counting while the layer is open. */
  awaiting: readonly StopAwaitingReason[];
  timeZone?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const busy = useApp((s) => s.downtime.busy);
  const choose = useApp((s) => s.chooseStopReason);
  const close = useApp((s) => s.closeStopPicker);
  const defer = useApp((s) => s.deferStop);
  const moveSplit = useApp((s) => s.moveSplit);
  const time = (ms: number) => clockTime(ms, i18n.language, timeZone);

  const shown = picker.mode === 'classify' ? (awaiting.find((s) => s.machineFrom === picker.stop.machineFrom) ?? picker.stop) : null;
  let title: string;
  let detail: string | null = null;
  if (picker.mode === 'classify') {
    const stop = shown ?? picker.stop;
    title = t(stop.noSignal ? 'downtime.prompt.gapTitle' : 'downtime.prompt.title');
    const minutes = minutesOf(stop.to - stop.from);
    detail = stop.ongoing ? t('downtime.prompt.since', { from: time(stop.from), count: minutes }) : t('downtime.prompt.between', { from: time(stop.from), to: time(stop.to), count: minutes });
    if (stop.alarmCode) detail = `${detail} · ${t('downtime.prompt.alarm', { code: stop.alarmCode })}`;
  } else if (picker.mode === 'manual') {
    title = t('downtime.manual.title');
    detail = t('downtime.manual.hint');
  } else if (picker.mode === 'reclassify') {
    title = t('downtime.reclassify.title', { from: time(picker.from) });
  } else {
    title = t('downtime.split.title', { from: time(picker.from), to: time(picker.to) });
    detail = t('downtime.split.hint', { from: time(picker.at) });
  }

  return (
    <section
      className="wf-modal dt-layer"
      role="dialog"
      aria-modal="true"
      aria-labelledby="dt-layer-title"
      data-testid="dt-reason-layer"
      data-mode={picker.mode}
      data-machine-from={shown?.machineFrom}
      data-stop-ms={shown ? shown.to - shown.from : undefined}
      data-no-signal={shown?.noSignal}
      data-alarm={shown?.alarmCode}
    >
      <h2 id="dt-layer-title">
        <Icon name={picker.mode === 'split' ? 'split' : 'stop'} />
        {title}
      </h2>
      {detail && (
        <p className="dt-layer-detail" data-testid="dt-reason-detail">
          {detail}
        </p>
      )}
      {picker.mode === 'split' && (
        <div className="dt-split" role="group" aria-label={t('downtime.split.move')}>
          {[-5, -1].map((m) => (
            <button key={m} type="button" className="btn" disabled={busy} onClick={() => moveSplit(m)} data-testid={`dt-split-${m}`}>
              −{t('downtime.split.minutes', { count: -m })}
            </button>
          ))}
          <strong className="dt-split-at" data-testid="dt-split-at">
            {time(picker.at)}
          </strong>
          {[1, 5].map((m) => (
            <button key={m} type="button" className="btn" disabled={busy} onClick={() => moveSplit(m)} data-testid={`dt-split-+${m}`}>
              +{t('downtime.split.minutes', { count: m })}
            </button>
          ))}
        </div>
      )}
      <div className="dt-reasons">
        {reasons.map((r) => (
          <button key={r.id} type="button" className="btn dt-reason" disabled={busy} onClick={() => void choose(r.id)} data-testid={`dt-reason-${r.code}`}>
            <span className="dt-reason-label">{reasonLabel(r, i18n.language, r.code)}</span>
            <span className="dt-reason-loss">{t(`downtime.loss.${r.loss}`)}</span>
          </button>
        ))}
      </div>
      {picker.mode === 'classify' ? (
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => defer(picker.stop.machineFrom)} data-testid="dt-reason-later">
          <Icon name="timer" />
          {t('downtime.prompt.later')}
        </button>
      ) : (
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={close} data-testid="dt-reason-cancel">
          {t('workflow.cancel')}
        </button>
      )}
    </section>
  );
}
