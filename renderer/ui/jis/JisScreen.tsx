import { Icon } from '../icons';
import './jis.css';
import { useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RawScan } from '../../../shared/bridge';
import { unacknowledgedGapBefore } from '../../../shared/jis';
import { chainView } from '../../state/jis-logic';
import { ScanRouterContext } from '../scan-test/scan-router-context';
import { beep } from '../sound';
import { useApp } from '../store-context';
import { JisChain } from './JisChain';
import { JisCurrent } from './JisCurrent';
import { useJisRefresh } from './JisOpenButton';
import { JisMismatchOverlay } from './JisMismatchOverlay';
import { JisRacks } from './JisRacks';
import { JisReprintDialog } from './JisReprintDialog';

/** The pearl chain: while open it captures every scan for verification. */
export function JisScreen({ sequenceId, onClose }: { sequenceId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const router = useContext(ScanRouterContext);
  const jis = useApp((s) => s.jis);
  const operators = useApp((s) => s.operators);
  const verdict = useApp((s) => s.jisVerdict);
  const alerts = useApp((s) => s.jisAlerts);
  const busy = useApp((s) => s.jisBusy);
  const sync = useApp((s) => s.sync);
  const maxAge = useApp((s) => s.jisMaxCallOffAgeMs);
  const openJis = useApp((s) => s.openJis);
  const closeJis = useApp((s) => s.closeJis);
  const jisScan = useApp((s) => s.jisScan);
  const ackGap = useApp((s) => s.acknowledgeJisGap);
  const dismissAlerts = useApp((s) => s.dismissJisAlerts);
  const startBreak = useApp((s) => s.startJisBreak);
  const approving = useApp((s) => s.approvalFlow.step !== 'idle');
  const staleOf = useApp((s) => s.jisCallOffStale);
  const [tick, setTick] = useState(0);
  useJisRefresh();

  useEffect(() => {
    void openJis(sequenceId);
    return () => closeJis();
  }, [sequenceId, openJis, closeJis]);

  useEffect(() => router.capture((scan: RawScan) => void jisScan(scan.raw)), [router, jisScan]);

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (verdict) beep(verdict.tone === 'ok' ? 'ok' : 'nok');
  }, [verdict]);

  const view = useMemo(() => (jis ? chainView(jis) : null), [jis]);
  // Re-evaluated on the timer tick, on sync changes and when the limit changes (staleOf reads them from the store).
  const stale = useMemo(() => staleOf(), [staleOf, jis, sync, maxAge, tick]);

  if (!jis || !view) {
    return (
      <main className="screen jis-screen" data-testid="jis-loading">
        <p className="notice notice-busy" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('jis.open')}
        </p>
      </main>
    );
  }
  const gap = view.current ? unacknowledgedGapBefore(jis, view.current.data.sequenceNumber) : undefined;
  const limit = Math.round(maxAge / 60_000);
  // A break needs the line free: no write running, no wrong part waiting, no approval open.
  const breakDisabled = busy || approving || jis.mode === 'awaiting-ack';

  return (
    <main className="screen jis-screen" data-testid="jis-screen" aria-busy={busy}>
      <header className="jis-header">
        <button type="button" className="btn btn-secondary" onClick={onClose} data-testid="jis-back">
          <Icon name="back" />
          {t('jis.back')}
        </button>
        <h1 data-testid="jis-title" data-revision={jis.revision}>
          {t('jis.title', { id: jis.sequenceId, customer: jis.customer, revision: jis.revision })}
        </h1>
        <span className="jis-open-count">{t('jis.openCount', { count: view.openCount })}</span>
      </header>

      {stale?.stale && (
        <p className="jis-banner jis-banner-warn" role="alert" data-testid="jis-stale">
          <Icon name="timer" className="jis-banner-icon" />
          {Number.isFinite(stale.ageMs)
            ? t('jis.stale', { age: t('jis.minutes', { count: Math.round(stale.ageMs / 60_000) }), limit })
            : t('jis.staleUnknown', { limit })}
        </p>
      )}

      {alerts.length > 0 && (
        <div className="jis-banner jis-banner-nok" role="alert" data-testid="jis-alerts">
          <Icon name="warn" className="jis-banner-icon" />
          <div>
            <strong>{t('jis.alerts.title')}</strong>
            <ul>
              {alerts.map((a, i) => (
                <li key={i}>
                  {t('jis.alerts.item', {
                    sequenceNumber: a.params['sequenceNumber'],
                    before: a.params['before'],
                    after: a.params['cancelled'] ? t('jis.alerts.cancelled') : a.params['after'],
                  })}
                </li>
              ))}
            </ul>
            <p>{t('jis.alerts.hint')}</p>
          </div>
          <button type="button" className="btn btn-secondary" onClick={dismissAlerts} data-testid="jis-alerts-dismiss">
            {t('jis.alerts.dismiss')}
          </button>
        </div>
      )}

      {view.gaps.map((g) => (
        <p key={`${g.from}-${g.to}`} className="jis-banner jis-banner-warn" role="status" data-testid={`jis-gap-${g.from}-${g.to}`}>
          <Icon name="gap" className="jis-banner-icon" />
          {t('jis.gap', { from: g.from, to: g.to })}
          {gap && gap.from === g.from && (
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void ackGap()} data-testid="jis-gap-ack">
              {t('jis.gapAck')}
            </button>
          )}
        </p>
      ))}

      {jis.breaks.length > 0 && (
        <section className="jis-banner jis-banner-warn" data-testid="jis-breaks">
          <Icon name="skip" className="jis-banner-icon" />
          <div>
            <strong>{t('jis.breaks')}</strong>
            <ul>
              {jis.breaks.map((b, i) => (
                <li key={i}>
                  {t('jis.breakItem', {
                    sequenceNumber: b.sequenceNumber,
                    kind: t(`jis.breakKind.${b.kind}`),
                    reason: t(`jis.break.reasons.${b.reason}`, { defaultValue: b.reason }),
                    approvedBy: operators.find((o) => o.id === b.approvedBy)?.name ?? b.approvedBy,
                  })}
                </li>
              ))}
            </ul>
          </div>
        </section>
      )}

      {verdict && (
        <p className={`jis-banner jis-banner-${verdict.tone}`} role={verdict.tone === 'ok' ? 'status' : 'alert'} data-testid="jis-verdict" data-tone={verdict.tone} data-code={verdict.code}>
          <Icon name={verdict.tone} className="jis-banner-icon" />
          {t(`jis.verdict.${verdict.code}`, { ...verdict.params, code: verdict.code, defaultValue: t('jis.verdict.unknown', { code: verdict.code }) })}
        </p>
      )}

      <div className="jis-layout">
        <div className="jis-work">
          <JisCurrent position={view.current} />
          {view.current && (
            <div className="jis-break-actions">
              <button type="button" className="btn btn-secondary jis-btn-big" disabled={breakDisabled} onClick={() => startBreak('skip')} data-testid="jis-skip">
                <Icon name="skip" />
                {t('jis.break.skip')}
              </button>
            </div>
          )}
          <div className="jis-lists">
          <JisChain
            title={t('jis.next')}
            positions={view.next}
            jis={jis}
            operators={operators}
            testId="jis-next"
            onPullAhead={(n) => startBreak('pull-ahead', n)}
            actionsDisabled={breakDisabled}
          />
          <JisChain title={t('jis.done')} positions={view.done} jis={jis} operators={operators} testId="jis-done" />
          </div>
        </div>
        <JisRacks />
      </div>
      <JisMismatchOverlay />
      <JisReprintDialog />
    </main>
  );
}
