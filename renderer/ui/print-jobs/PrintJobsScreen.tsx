import { Icon } from '../icons';
import './print-jobs.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../store-context';
import { PrintJobCard } from './PrintJobCard';
import { ReprintReasonPicker } from './ReprintReasonPicker';
import { reasonWords } from './job-words';

/**
 * The operator's / shift lead's list of labels that need attention: failed or
 * outcome unknown (reprint with a reason: a new job linked to the original)
 * and held by a printer that is not ready (print now once it is).
 */
export function PrintJobsScreen({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const awaiting = useApp((s) => s.printJobs.awaiting);
  const held = useApp((s) => s.printJobs.held);
  const busyJobId = useApp((s) => s.printJobs.busyJobId);
  const loggedIn = useApp((s) => s.terminal.operator !== null);
  const refresh = useApp((s) => s.refreshPrintJobs);
  const checkPrinter = useApp((s) => s.checkPrinter);
  const reprint = useApp((s) => s.reprintPrintJob);
  const retry = useApp((s) => s.retryPrintJob);
  const [reprintOf, setReprintOf] = useState<string | null>(null);

  useEffect(() => {
    void refresh();
    void checkPrinter();
  }, [refresh, checkPrinter]);

  return (
    <main className="screen pj-screen" data-testid="print-jobs-screen">
      <div className="screen-header">
        <h1 className="screen-title">{t('printJobs.title')}</h1>
        <button type="button" className="btn btn-secondary" onClick={onClose} data-testid="print-jobs-close">
          <Icon name="back" />
          {t('printJobs.close')}
        </button>
      </div>
      <PrinterLine />
      {awaiting.length === 0 && held.length === 0 && (
        <p className="notice notice-ok" data-testid="print-jobs-empty">
          <Icon name="ok" />
          {t('printJobs.empty')}
        </p>
      )}
      {awaiting.length > 0 && (
        <section className="pj-section" data-testid="print-jobs-awaiting">
          <h2>{t('printJobs.awaitingTitle')}</h2>
          <p className="screen-hint">{t('printJobs.awaitingHint')}</p>
          <ul className="pj-list">
            {awaiting.map((job) => (
              <PrintJobCard key={job.id} job={job}>
                <button type="button" className="btn btn-primary" disabled={!loggedIn || busyJobId !== null} onClick={() => setReprintOf(job.id)} data-testid="print-job-reprint">
                  <Icon name="print" />
                  {loggedIn ? t('printJobs.reprint') : t('printJobs.loginToReprint')}
                </button>
              </PrintJobCard>
            ))}
          </ul>
        </section>
      )}
      {held.length > 0 && (
        <section className="pj-section" data-testid="print-jobs-held">
          <h2>{t('printJobs.heldTitle')}</h2>
          <ul className="pj-list">
            {held.map((job) => (
              <PrintJobCard key={job.id} job={job}>
                <button type="button" className="btn" disabled={busyJobId !== null} onClick={() => void retry(job.id)} data-testid="print-job-retry">
                  <Icon name="retry" />
                  {t('printJobs.retry')}
                </button>
              </PrintJobCard>
            ))}
          </ul>
        </section>
      )}
      {reprintOf && (
        <ReprintReasonPicker
          title={t('printJobs.reprintTitle')}
          onCancel={() => setReprintOf(null)}
          onPick={(reason) => {
            setReprintOf(null);
            void reprint(reprintOf, reason);
          }}
        />
      )}
    </main>
  );
}

/** The printer's state in words, as it answered when the screen opened. */
function PrinterLine() {
  const { t } = useTranslation();
  const printer = useApp((s) => s.printJobs.printer);
  // Without the host the last answer may be stale: unknown, not "ready".
  const hostReachable = useApp((s) => s.hostLink === 'connected');
  const state = hostReachable ? (printer?.state ?? 'unknown') : 'unknown';
  const words = printer?.code ? reasonWords(printer.code) : undefined;
  return (
    <p className={`notice pj-printer ${state === 'ready' ? 'notice-ok' : state === 'unknown' ? '' : 'notice-nok'}`} data-testid="print-jobs-printer" data-state={state}>
      <Icon name={state === 'ready' ? 'connected' : 'disconnected'} />
      <strong>{t('printJobs.printer.label')}: </strong>
      {t(`printJobs.printer.${state}`)}
      {words && state !== 'ready' && <span data-testid="print-jobs-printer-reason"> — {t(words.key, words.params)}</span>}
    </p>
  );
}
