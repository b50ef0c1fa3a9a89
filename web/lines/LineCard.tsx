import { useTranslation } from 'react-i18next';
import { Icon } from '../../renderer/ui/icons';
import type { LineBoard } from '../../server/lines/line-board';
import { percent } from './format-figures';
import { StopTimeline } from './StopTimeline';

/** One line: its running orders against target, the shift's OEE and stops, its JIS sequences. */
export function LineCard({ line, at }: { line: LineBoard; at: string }) {
  const { t, i18n } = useTranslation();
  const f = line.shift.figures;
  return (
    <article className="lines-card" data-testid="line-card" data-line={line.lineId} aria-labelledby={`line-${line.lineId}`}>
      <h2 id={`line-${line.lineId}`} className="lines-card-title">
        {line.name} <span className="lines-muted">{line.lineId}</span>
      </h2>

      {line.orders.length === 0 ? (
        <p className="lines-muted" data-testid="line-idle">
          <Icon name="pause" /> {t('web.lines.noOrder')}
        </p>
      ) : (
        line.orders.map((o) => {
          const share = o.target ? Math.min(1, o.good / o.target) : 0;
          return (
            <div key={o.orderId} className="lines-order" data-testid="line-order" data-order={o.orderId}>
              <div className="lines-order-head">
                <strong>{o.number}</strong>
                <span className="lines-muted">{o.materialId}</span>
                <span className={o.status === 'paused' ? 'lines-paused' : 'web-ok'} data-testid="line-order-status">
                  <Icon name={o.status === 'paused' ? 'pause' : 'start'} /> {t(`web.lines.status.${o.status === 'paused' ? 'paused' : 'running'}`)}
                </span>
              </div>
              <div className="lines-progress" role="progressbar" aria-label={t('web.lines.progressLabel', { order: o.number })} aria-valuemin={0} aria-valuemax={o.target ?? o.good} aria-valuenow={o.good}>
                <span style={{ width: `${share * 100}%` }} />
              </div>
              <p className="lines-figures">
                <span data-testid="line-good">{o.target ? t('web.lines.goodOfTarget', { good: o.good, target: o.target }) : t('web.lines.good', { good: o.good })}</span>
                <span className={o.scrap > 0 ? 'web-nok' : undefined} data-testid="line-scrap">
                  {o.scrap > 0 && <Icon name="warn" />} {t('web.lines.scrap', { count: o.scrap })}
                </span>
              </p>
            </div>
          );
        })
      )}

      <div className="lines-oee" data-testid="line-oee">
        <span className="lines-oee-main">
          {t('web.lines.oee')} <strong>{percent(f.oee, i18n.language)}</strong>
        </span>
        <span>{t('web.lines.availability')} {percent(f.availability, i18n.language)}</span>
        <span>{t('web.lines.performance')} {percent(f.performance, i18n.language)}</span>
        <span>{t('web.lines.quality')} {percent(f.quality, i18n.language)}</span>
        <span className="lines-muted">{line.shift.name ?? t('web.lines.noShiftModel')}</span>
      </div>
      <StopTimeline shift={line.shift} at={at} />

      {line.sequences.map((s) => (
        <div key={s.sequenceId} className="lines-jis" data-testid="line-jis" data-sequence={s.sequenceId}>
          <span>
            <Icon name="chain" /> <strong>{s.sequenceId}</strong> {s.customer}
          </span>
          <span data-testid="line-jis-position">
            {s.current ? t('web.lines.jisAt', { number: s.current.sequenceNumber, vehicle: s.current.vehicleNumber }) : t('web.lines.jisDone')}
          </span>
          <span>{t('web.lines.jisBuilt', { built: s.built, total: s.total })}</span>
          <span className={s.gapCount > 0 ? 'web-nok' : 'lines-muted'} data-testid="line-jis-gaps">
            {s.gapCount > 0 && <Icon name="gap" />}{' '}
            {s.gapCount === 0 ? t('web.lines.noGaps') : t('web.lines.gaps', { count: s.gapCount, list: s.gaps.map((g) => (g.from === g.to ? `${g.from}` : `${g.from}–${g.to}`)).join(', ') })}
          </span>
        </div>
      ))}
    </article>
  );
}
