import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../renderer/ui/icons';
import { api, type RowProblem } from '../api';

interface Imported {
  kind: string;
  rows: number;
  changed: number;
}

/**
 * A CSV or JSON file of the kind shown, all rows or none, checked by the
 * server exactly as `takt import` checks it: a refusal lists every bad row
 * with the number the file's author sees (the CSV line, the JSON position).
 */
export function ImportPanel({ kind, kindName, onImported, onClose }: { kind: string; kindName: string; onImported: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Imported | null>(null);
  const [problems, setProblems] = useState<RowProblem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    if (!file) return;
    setBusy(true);
    setDone(null);
    setProblems(null);
    setError(null);
    const text = await file.text();
    const format = file.name.toLowerCase().endsWith('.json') ? 'json' : 'csv';
    const r = await api<Imported>('POST', `/api/v1/web/master/${kind}/import`, { format, text });
    setBusy(false);
    if (r.ok) {
      setDone(r.value);
      onImported();
    } else if (r.error.rows) setProblems(r.error.rows);
    else setError(r.error.message);
  };

  return (
    <section className="web-master-form" data-testid="import-panel" aria-label={t('web.master.importTitle', { kind: kindName })}>
      <h2>{t('web.master.importTitle', { kind: kindName })}</h2>
      <p className="web-hint">{t('web.master.importHint')}</p>
      {/* The browser's own file button speaks the browser's language; this one speaks the page's. */}
      <label className="web-btn web-file" data-testid="import-choose">
        {file ? t('web.master.fileChosen', { name: file.name }) : t('web.master.chooseFile')}
        <input type="file" className="web-file-input" accept=".csv,.json,text/csv,application/json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-file" />
      </label>
      <div className="web-actions">
        <button type="button" className="web-btn web-btn-primary" disabled={busy || !file} onClick={() => void run()} data-testid="import-run">
          {t('web.master.importRun')}
        </button>
        <button type="button" className="web-btn" onClick={onClose} data-testid="import-close">
          {t('web.master.close')}
        </button>
      </div>
      {done && (
        <p className="web-ok" role="status" data-testid="import-done">
          <Icon name="ok" /> {t('web.master.imported', { count: done.rows, changed: done.changed })}
        </p>
      )}
      {error && (
        <p className="web-error" role="alert">
          <Icon name="nok" /> {error}
        </p>
      )}
      {problems && (
        <div className="web-import-problems" role="alert" data-testid="import-problems">
          <p className="web-nok">
            <Icon name="nok" /> {t('web.master.importRefused', { count: problems.length })}
          </p>
          <ul className="web-scroll" tabIndex={0} aria-label={t('web.master.problems')}>
            {problems.map((p, i) => (
              <li key={i} data-testid="import-problem">
                <strong>{p.row ? t('web.master.row', { row: p.row }) : t('web.master.wholeFile')}</strong> {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
