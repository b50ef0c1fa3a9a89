import { formatDay, formatNumber } from '../../i18n/format';
import { Icon } from '../icons';
import './scan-test.css';
import { useContext, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RawScan } from '../../../shared/bridge';
import { CameraScanner } from '../../scan/camera/CameraScanner';
import { useApp } from '../store-context';
import { ScanRouterContext } from './scan-router-context';
import { buildScanReport, parseSignature, type ScanReport } from './scan-report';

const HISTORY = 10;

/**
 * For plant IT: scan anything with any scanner and see what Takt read: the
 * raw data with control characters visible, the AIM symbology, the parsed
 * elements and normalised fields, what master data makes of it, the channel,
 * and for a rejected scan the error code and its explanation. While this
 * screen is open it captures every scan, so testing never books anything.
 */
export function ScanTestScreen({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const router = useContext(ScanRouterContext);
  const operators = useApp((s) => s.operators);
  const orders = useApp((s) => s.orders);
  const materials = useApp((s) => s.materials);
  const master = useRef({ operators, orders, materials });
  master.current = { operators, orders, materials };
  const [reports, setReports] = useState<ScanReport[]>([]);
  const [camera, setCamera] = useState(false);
  const nextId = useRef(1);

  useEffect(
    () =>
      router.capture((scan: RawScan) => {
        const report = buildScanReport(nextId.current++, scan, master.current);
        setReports((list) => [report, ...list].slice(0, HISTORY));
      }),
    [router],
  );

  const [latest, ...older] = reports;
  return (
    <main className="screen scan-test-screen" data-testid="scan-test-screen">
      <div className="screen-header">
        <h1 className="screen-title">{t('scanTest.title')}</h1>
        <div className="scan-test-actions">
          <button type="button" className="btn btn-secondary" aria-pressed={camera} onClick={() => setCamera((on) => !on)} data-testid="scan-test-camera">
            <Icon name={camera ? 'stop' : 'camera'} />
            {camera ? t('scanTest.cameraOff') : t('scanTest.cameraOn')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => setReports([])} disabled={reports.length === 0} data-testid="scan-test-clear">
            {t('scanTest.clear')}
          </button>
          <button type="button" className="btn btn-primary" onClick={onClose} data-testid="scan-test-close">
            <Icon name="nok" />
            {t('scanTest.close')}
          </button>
        </div>
      </div>
      {camera && <CameraScanner onScan={(scan) => router.dispatch(scan)} />}
      {latest ? <ReportView report={latest} /> : <p className="screen-hint" data-testid="scan-test-empty">{t('scanTest.hint')}</p>}
      {older.length > 0 && (
        <section className="scan-test-history">
          <h2>{t('scanTest.history')}</h2>
          <ol>
            {older.map((r) => (
              <li key={r.id} data-testid="scan-test-history-item" className={r.result.ok ? 'state-good' : 'state-bad'}>
                <Icon name={r.result.ok ? 'ok' : 'nok'} />
                <span className="scan-text">{r.visible}</span> · {t(`scanTest.source.${r.scan.source}`)}
                {!r.result.ok && ` · ${r.result.error.code}`}
              </li>
            ))}
          </ol>
        </section>
      )}
    </main>
  );
}

/** Fields that carry a calendar day (GS1 dates, read as ISO days): shown in the operator's locale. */
const DATE_FIELDS = new Set(['expiry', 'bestBefore', 'productionDate', 'packDate', 'sellBy', 'dueDate']);

function ReportView({ report }: { report: ScanReport }) {
  const { t, i18n } = useTranslation();
  const { scan, result, classification } = report;
  return (
    <section className="scan-report" data-testid="scan-test-report" data-report={report.id} data-parse={parseSignature(result)} data-source={scan.source} data-ok={result.ok ? 'true' : 'false'}>
      <dl className="scan-report-facts">
        <div>
          <dt>{t('scanTest.raw')}</dt>
          <dd className="scan-text" data-testid="scan-test-raw">
            {report.visible}
          </dd>
        </div>
        <div>
          <dt>{t('scanTest.bytes')}</dt>
          <dd className="scan-text scan-hex" data-testid="scan-test-hex">
            {report.hex}
          </dd>
        </div>
        <div>
          <dt>{t('scanTest.channel')}</dt>
          <dd data-testid="scan-test-source">
            {t(`scanTest.source.${scan.source}`)}
            {scan.port ? ` (${scan.port})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('scanTest.aim')}</dt>
          <dd data-testid="scan-test-aim">{report.aim ?? t('scanTest.noAim')}</dd>
        </div>
        {result.ok && (
          <>
            <div>
              <dt>{t('scanTest.symbology')}</dt>
              <dd data-testid="scan-test-symbology" data-symbology={result.symbology}>
                {t(`scanTest.symbologyName.${result.symbology}`, { defaultValue: result.symbology })}
              </dd>
            </div>
            <div>
              <dt>{t('scanTest.scheme')}</dt>
              <dd data-testid="scan-test-scheme">{t(`scanTest.schemes.${result.scheme}`)}</dd>
            </div>
          </>
        )}
      </dl>

      {result.ok ? (
        <p className="notice notice-ok" data-testid="scan-test-verdict">
          <Icon name="ok" />
          {t('scanTest.accepted')}
        </p>
      ) : (
        <div className="notice notice-nok" role="alert" data-testid="scan-test-verdict">
          <Icon name="nok" className="notice-icon" />
          <div>
            <p className="notice-title">{t('scanTest.rejected', { at: result.error.at })}</p>
            <p>
              <code data-testid="scan-test-error-code">{result.error.code}</code>: <span data-testid="scan-test-error-message">{result.error.message}</span>
            </p>
          </div>
        </div>
      )}

      {result.ok && (
        <>
          <h2>{t('scanTest.elements')}</h2>
          <table className="scan-table" data-testid="scan-test-elements">
            <thead>
              <tr>
                <th>{t('scanTest.elementId')}</th>
                <th>{t('scanTest.elementTitle')}</th>
                <th>{t('scanTest.elementValue')}</th>
              </tr>
            </thead>
            <tbody>
              {result.elements.map((e, i) => (
                <tr key={i} data-testid="scan-test-element" data-id={e.id}>
                  <td>{e.id}</td>
                  <td>{t(`scanTest.element.${e.id}`, { defaultValue: e.title })}</td>
                  <td className="scan-text">{e.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('scanTest.fields')}</h2>
          <dl className="scan-report-facts" data-testid="scan-test-fields">
            {Object.entries(result.fields).map(([name, value]) => (
              <div key={name} data-field={name}>
                <dt>{t(`scanTest.field.${name}`, { defaultValue: name })}</dt>
                <dd className="scan-text">{typeof value === 'object' ? JSON.stringify(value) : DATE_FIELDS.has(name) && typeof value === 'string' ? formatDay(value, i18n.language) : String(value)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}

      <h2>{t('scanTest.classification')}</h2>
      <p className="scan-classification" data-testid="scan-test-classification" data-kind={classification.kind}>
        <strong>{t(`scanTest.kind.${classification.kind}`)}</strong>
        {report.subject !== null && ` · ${report.subject}`}
        {classification.kind === 'material-batch' &&
          ` · ${t('scanTest.field.batch')} ${classification.batch}` +
            (classification.quantity !== undefined ? ` · ${t('scanTest.field.quantity')} ${formatNumber(classification.quantity, i18n.language)}` : '') +
            (classification.expiry !== undefined ? ` · ${t('scanTest.field.expiry')} ${formatDay(classification.expiry, i18n.language)}` : '')}
        {classification.kind === 'part-serial' && ` · ${t('scanTest.field.serial')} ${classification.serial}`}
        {classification.kind === 'unknown' && (
          <>
            {' · '}
            <span data-testid="scan-test-unknown-reason" title={classification.reason}>
              {result.ok ? t('scanTest.unknownReason') : t('scanTest.rejected', { at: result.error.at })}
            </span>
          </>
        )}
      </p>
    </section>
  );
}
