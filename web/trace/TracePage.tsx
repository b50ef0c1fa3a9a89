import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../renderer/ui/icons';
import { api, enc, type ApiError } from '../api';
import { BackwardResult } from './BackwardResult';
import { BatchResult } from './BatchResult';
import type { BatchTrace, ContainerTrace, ScanResolution, SerialTrace } from './types';

type Mode = 'scan' | 'batch' | 'container' | 'serial';

export type Traced =
  | { kind: 'batch'; trace: BatchTrace }
  | { kind: 'container'; trace: ContainerTrace }
  | { kind: 'serial'; trace: SerialTrace };

/** Fetches exactly one trace route's answer for a resolved query. */
export async function fetchTrace(q: ScanResolution): Promise<{ ok: true; value: Traced } | { ok: false; error: ApiError }> {
  if (q.kind === 'batch') {
    const r = await api<BatchTrace>('GET', `/api/v1/trace/batch/${enc(q.materialId)}/${enc(q.batch)}`);
    return r.ok ? { ok: true, value: { kind: 'batch', trace: r.value } } : r;
  }
  if (q.kind === 'container') {
    const r = await api<ContainerTrace>('GET', `/api/v1/trace/container/${enc(q.id)}`);
    return r.ok ? { ok: true, value: { kind: 'container', trace: r.value } } : r;
  }
  const r = await api<SerialTrace>('GET', `/api/v1/trace/serial/${enc(q.serial)}`);
  return r.ok ? { ok: true, value: { kind: 'serial', trace: r.value } } : r;
}

/** Trace and recall: one search (a scanned label, or batch, container or serial typed in), one result. */
export function TracePage({ permissions }: { permissions: string[] }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('scan');
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [result, setResult] = useState<Traced | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = async (q: ScanResolution) => {
    const r = await fetchTrace(q);
    if (r.ok) setResult(r.value);
    else setError(r.error.code === 'not-found' ? t('web.trace.notFound') : r.error.message);
  };

  const search = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    if (mode === 'scan') {
      const r = await api<ScanResolution>('GET', `/api/v1/trace/scan?code=${enc(first)}`);
      if (r.ok) await show(r.value);
      else setError(t('web.trace.unresolved', { reason: r.error.message }));
    } else if (mode === 'batch') await show({ kind: 'batch', materialId: first.trim(), batch: second.trim() });
    else if (mode === 'container') await show({ kind: 'container', id: first.trim() });
    else await show({ kind: 'serial', serial: first.trim() });
    setBusy(false);
  };

  const refresh = async () => {
    if (result?.kind === 'batch') await show({ kind: 'batch', materialId: result.trace.materialId, batch: result.trace.batch });
  };

  return (
    <section className="web-page">
      <form className="web-search no-print" onSubmit={(e) => void search(e)} data-testid="trace-search">
        <label className="web-field web-field-mode">
          {t('web.trace.mode')}
          <select value={mode} onChange={(e) => setMode(e.target.value as Mode)} data-testid="trace-mode">
            {(['scan', 'batch', 'container', 'serial'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`web.trace.modes.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="web-field web-field-grow">
          {t(`web.trace.first.${mode}`)}
          <input value={first} onChange={(e) => setFirst(e.target.value)} required autoFocus data-testid="trace-first" />
        </label>
        {mode === 'batch' && (
          <label className="web-field">
            {t('web.trace.batch')}
            <input value={second} onChange={(e) => setSecond(e.target.value)} required data-testid="trace-second" />
          </label>
        )}
        <button type="submit" className="web-btn web-btn-primary" disabled={busy} data-testid="trace-submit">
          <Icon name="trace" /> {t('web.trace.search')}
        </button>
      </form>
      {error && (
        <p className="web-error" role="alert" data-testid="trace-error">
          {error}
        </p>
      )}
      {result?.kind === 'batch' && <BatchResult trace={result.trace} mayBlock={permissions.includes('batch.block')} onChanged={() => void refresh()} />}
      {result && result.kind !== 'batch' && <BackwardResult traced={result} />}
      {!result && !error && <p className="web-hint">{t('web.trace.hint')}</p>}
    </section>
  );
}
