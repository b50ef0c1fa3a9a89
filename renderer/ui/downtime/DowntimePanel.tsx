import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isWaiting } from '../../state/approval/approval-flow';
import { downtimeView } from '../../state/downtime-view';
import { Icon } from '../icons';
import { useApp } from '../store-context';
import { clockTime, reasonLabel } from './downtime-format';
import { OeeLine } from './OeeLine';
import { ShiftTimeline } from './ShiftTimeline';
import { StopListLayer } from './StopListLayer';
import { StopReasonLayer } from './StopReasonLayer';
import './downtime.css';

/** How often the panel folds what the journal gained and moves "now" on (an ongoing stop grows, a long one asks). */
export const DOWNTIME_REFRESH_MS = 5_000;

/**
 * Downtime and OEE on the running order's screen: the shift's bar, OEE of the
 * shift and of the order, the machine's count against the booked parts, and
 * the stop actions (book a stop by hand or end it, give a waiting stop its
 * reason, a shift lead's changes). A machine stop longer than the line's
 * micro-stop threshold opens the reason prompt by itself.
 */
export function DowntimePanel({ orderId, bookedGood }: { orderId: string; bookedGood: number }) {
  const { t, i18n } = useTranslation();
  const downtime = useApp((s) => s.downtime);
  const refresh = useApp((s) => s.refreshDowntime);
  const openPicker = useApp((s) => s.openStopPicker);
  const endManual = useApp((s) => s.endManualStop);
  const setEditing = useApp((s) => s.setStopEditing);
  const close = useApp((s) => s.closeStopPicker);
  const approvalOpen = useApp((s) => isWaiting(s.approvalFlow) || s.approvalFlow.step === 'approved');
  const verdictOpen = useApp((s) => s.workflow.verdict !== null);
  const { version, now, deferred, master, picker, busy } = downtime;
  // The fold is mutated in place: `version` says when it changed, so the memo keys on it rather than on the fold.
  const view = useMemo(() => downtimeView(downtime, orderId), [version, now, deferred, orderId, master]);
  const timeZone = master.shiftModel?.timeZone;

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), DOWNTIME_REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  // A long stop asks for its reason, one at a time, when nothing else is in front of the operator.
  const next = view.awaiting[0];
  useEffect(() => {
    if (next && !picker && !approvalOpen && !verdictOpen && !busy && master.reasons.length > 0) openPicker({ mode: 'classify', stop: next });
  }, [next, picker, approvalOpen, verdictOpen, busy, master.reasons.length, openPicker]);

  // A stop classified meanwhile (at another terminal, or the one put aside) no longer asks.
  const stale = picker?.mode === 'classify' && !view.awaiting.some((s) => s.machineFrom === picker.stop.machineFrom);
  useEffect(() => {
    if (stale && !busy) close();
  }, [stale, busy, close]);

  const machine = downtime.fold.hasMachine && view.orderFigures ? view.orderFigures.machineCount : null;
  const scrap = view.orderFigures?.bookedScrap ?? 0;
  const difference = machine === null ? 0 : machine - bookedGood - scrap;
  const open = view.openManual;

  return (
    <section className="dt-panel" aria-label={t('downtime.panel')} data-testid="dt-panel" data-now={now} data-shift-from={view.shift.span.from}>
      <div className="dt-panel-head">
        <h2>{view.shift.name ? t('downtime.shift', { name: view.shift.name }) : t('downtime.noShift')}</h2>
        {machine !== null && (
          <p className={`dt-count ${difference === 0 ? 'dt-count-ok' : 'dt-count-off'}`} data-testid="dt-count" data-difference={difference}>
            <Icon name={difference === 0 ? 'ok' : 'warn'} />
            {t('downtime.count.machine', { count: machine })} · {t('downtime.count.booked', { count: bookedGood })}
            {scrap > 0 && ` + ${t('downtime.count.scrap', { count: scrap })}`}
            {difference !== 0 && <strong> · {t('downtime.count.difference', { count: difference })}</strong>}
          </p>
        )}
      </div>
      <ShiftTimeline bar={view.bar} span={view.shift.span} reasons={master.reasons} timeZone={timeZone} />
      <div className="dt-figures">
        <OeeLine label={t('downtime.oee.shift')} figures={view.shiftFigures} testId="dt-oee-shift" />
        {view.orderFigures && <OeeLine label={t('downtime.oee.order')} figures={view.orderFigures} testId="dt-oee-order" />}
      </div>
      <div className="dt-actions">
        {open ? (
          <button type="button" className="btn dt-stop-open" disabled={busy} onClick={() => void endManual(open.stopId)} data-testid="dt-manual-end">
            <Icon name="start" />
            {t('downtime.action.end', {
              from: clockTime(open.from, i18n.language, timeZone),
              reason: reasonLabel(master.reasons.find((r) => r.id === open.reasonId), i18n.language, t('downtime.kind.unqualified')),
            })}
          </button>
        ) : (
          <button type="button" className="btn" disabled={busy || master.reasons.length === 0} onClick={() => openPicker({ mode: 'manual' })} data-testid="dt-manual-start">
            <Icon name="stop" />
            {t('downtime.action.manual')}
          </button>
        )}
        {next && (
          <button type="button" className="btn dt-awaiting" disabled={busy} onClick={() => openPicker({ mode: 'classify', stop: next })} data-testid="dt-classify-open">
            <Icon name="warn" />
            {t('downtime.action.classify', { count: view.awaiting.length })}
          </button>
        )}
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={() => setEditing(true)} data-testid="dt-edit-open">
          <Icon name="split" />
          {t('downtime.action.edit')}
        </button>
      </div>
      {picker && <StopReasonLayer picker={picker} reasons={view.reasons} awaiting={view.awaiting} timeZone={timeZone} />}
      {downtime.editing && <StopListLayer stops={view.stops} reasons={master.reasons} timeZone={timeZone} />}
    </section>
  );
}
