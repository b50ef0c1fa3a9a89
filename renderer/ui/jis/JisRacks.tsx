import { Icon } from '../icons';
import { useTranslation } from 'react-i18next';
import { useApp } from '../store-context';

/** Racks with their slots, the rack label preview and print state, and the final check. */
export function JisRacks() {
  const { t } = useTranslation();
  const jis = useApp((s) => s.jis);
  const print = useApp((s) => s.jisPrint);
  const check = useApp((s) => s.jisRackCheck);
  const busy = useApp((s) => s.jisBusy);
  const closeRack = useApp((s) => s.closeJisRack);
  const printAgain = useApp((s) => s.retryJisRackPrint);
  const startReprint = useApp((s) => s.startJisReprint);
  if (!jis) return null;
  const checking = check ? jis.racks.find((r) => r.rackId === check.rackId) : undefined;
  const openRack = jis.openRackId ? jis.racks.find((r) => r.rackId === jis.openRackId) : undefined;
  return (
    <section className="jis-racks" aria-label={t('jis.racks.title')} data-testid="jis-racks">
      <h2 className="screen-hint">{t('jis.racks.title')}</h2>
      {jis.racks.map((rack) => (
        <div key={rack.rackId} className="jis-rack" data-testid={`jis-rack-${rack.rackId}`} data-status={rack.status} data-check={rack.check}>
          <div className="jis-rack-head">
            <strong>{t('jis.racks.rack', { rackId: rack.rackId })}</strong>
            <span>{t('jis.racks.fill', { filled: rack.filled.length, slots: rack.slots })}</span>
            <span>
              <Icon name={rack.status === 'open' ? 'open' : 'stop'} /> {rack.status === 'open' ? t('jis.racks.statusOpen') : t('jis.racks.statusClosed')}
            </span>
            {rack.status === 'closed' && (
              <span data-testid={`jis-rack-${rack.rackId}-check`}>
                {rack.check !== 'pending' && <Icon name={rack.check === 'passed' ? 'ok' : 'nok'} />} {t(`jis.racks.check.${rack.check}`)}
              </span>
            )}
          </div>
          {rack.status === 'closed' && rack.filled.length > 0 && (
            <button type="button" className="btn btn-secondary jis-btn-big" disabled={busy} onClick={() => startReprint(rack.rackId)} data-testid={`jis-rack-${rack.rackId}-reprint`}>
              <Icon name="print" />
              {t('jis.reprint.button')}
            </button>
          )}
          <div className="jis-slots">
            {Array.from({ length: rack.slots }, (_, i) => {
              const filled = rack.filled.find((f) => f.slot === i + 1);
              return (
                <div key={i} className={`jis-slot${filled ? ' filled' : ''}`} data-testid={`jis-slot-${rack.rackId}-${i + 1}`}>
                  <span>
                    {t('jis.slot')} {i + 1}
                  </span>
                  <span>{filled ? <><Icon name="ok" /> {filled.sequenceNumber}</> : t('jis.racks.slotEmpty')}</span>
                </div>
              );
            })}
          </div>
        </div>
      ))}
      {openRack && openRack.filled.length > 0 && (
        <button type="button" className="btn btn-secondary jis-btn-big" disabled={busy} onClick={() => void closeRack()} data-testid="jis-rack-close">
          <Icon name="stop" />
          {t('jis.racks.close')}
        </button>
      )}
      <p className="screen-hint" data-testid="jis-rack-check-hint">
        {checking ? t('jis.racks.checking', { rackId: checking.rackId, next: (check?.nextIndex ?? 0) + 1, total: checking.filled.length }) : t('jis.racks.checkHint')}
      </p>
      {print && (
        <div data-testid="jis-print" data-status={print.status}>
          <p className={`jis-banner jis-banner-${print.status === 'done' ? 'ok' : print.status === 'printing' ? 'warn' : 'nok'}`} role="status">
            <Icon name="print" className="jis-banner-icon" />
            {print.status !== 'printing' && <Icon name={print.status === 'done' ? 'ok' : 'nok'} className="jis-banner-icon" />}
            {t(print.reprint && print.status === 'done' ? 'jis.racks.print.reprinted' : `jis.racks.print.${print.status}`, { message: print.message ?? '' })}
          </p>
          {(print.status === 'held' || print.status === 'failed') && (
            <button
              type="button"
              className="btn btn-primary jis-btn-big"
              disabled={busy}
              // Held: nothing went out, the same job goes again. Failed: it may have printed, so only a reprint with a reason.
              onClick={() => void printAgain()}
              data-testid="jis-print-retry"
            >
              <Icon name="print" />
              {t('jis.racks.reprint')}
            </button>
          )}
          {print.svg && (
            <figure>
              <figcaption>{t('jis.racks.label', { rackId: print.rackId })}</figcaption>
              {/* As an image, so the preview can never run markup (CSP allows data: images). */}
              <img
                className="jis-label-preview"
                data-testid="jis-label-preview"
                alt={t('jis.racks.label', { rackId: print.rackId })}
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(print.svg)}`}
              />
            </figure>
          )}
        </div>
      )}
    </section>
  );
}
