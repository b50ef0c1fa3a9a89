import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../renderer/ui/icons';
import { api } from '../api';
import { ImportPanel } from './ImportPanel';
import { EDIT_FORMS, cellText, fieldKey, summary, type KindInfo, type MasterRow } from './kinds';
import { RowForm } from './RowForm';
import './master.css';

const PAGE = 100;

/** The side panel: nothing, a row's form (undefined row: a new one), or the import. */
type Panel = { mode: 'none' } | { mode: 'edit'; row: Record<string, unknown> | undefined } | { mode: 'import' };

/** Every master-data kind the server holds, read in pages; the daily kinds edited row by row; any kind imported from a file. */
export function MasterPage({ permissions }: { permissions: string[] }) {
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<KindInfo[]>([]);
  const [kind, setKind] = useState('blocked-batch');
  const [rows, setRows] = useState<MasterRow[]>([]);
  const [next, setNext] = useState<string | undefined>(undefined);
  const [panel, setPanel] = useState<Panel>({ mode: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadKinds = useCallback(() => {
    void api<{ kinds: KindInfo[] }>('GET', '/api/v1/web/master').then((r) => (r.ok ? setKinds(r.value.kinds) : setError(r.error.message)));
  }, []);
  // The kind on screen: an answer for a kind chosen before it is dropped, so one kind never shows another's rows.
  const shownKind = useRef(kind);
  const loadRows = useCallback((of: string, after?: string) => {
    const query = `limit=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    void api<{ rows: MasterRow[]; next?: string }>('GET', `/api/v1/web/master/${of}?${query}`).then((r) => {
      if (of !== shownKind.current) return;
      if (!r.ok) return setError(r.error.message);
      setRows((old) => (after ? [...old, ...r.value.rows] : r.value.rows));
      setNext(r.value.next);
    });
  }, []);
  const reload = useCallback(() => {
    loadKinds();
    loadRows(kind);
  }, [kind, loadKinds, loadRows]);
  useEffect(reload, [reload]);

  const choose = (k: string) => {
    shownKind.current = k;
    setRows([]);
    setNext(undefined);
    setKind(k);
    setPanel({ mode: 'none' });
    setNotice(null);
    setError(null);
  };

  const info = kinds.find((k) => k.kind === kind);
  const fields = EDIT_FORMS[kind];
  const editable = Boolean(info?.editable && fields);
  const kindName = (k: string) => t(`web.master.kinds.${k}`);
  const shownFields = (fields ?? []).filter((f) => f.type !== 'pin');
  const selectedId = panel.mode === 'edit' ? panel.row?.id : undefined;

  return (
    <section className="web-page" data-testid="master-page">
      <div className="web-search">
        <h1 className="web-title">{t('web.master.title')}</h1>
        <label className="web-field">
          {t('web.master.kind')}
          <select value={kind} onChange={(e) => choose(e.target.value)} data-testid="master-kind">
            {(kinds.length ? kinds : [{ kind, count: 0, editable: false }]).map((k) => (
              <option key={k.kind} value={k.kind}>
                {t('web.master.kindCount', { kind: kindName(k.kind), n: k.count })}
              </option>
            ))}
          </select>
        </label>
        {editable && (
          <button type="button" className="web-btn" onClick={() => setPanel({ mode: 'edit', row: undefined })} data-testid="master-new">
            {t('web.master.new')}
          </button>
        )}
        {permissions.includes('master.import') && (
          <button type="button" className="web-btn" onClick={() => setPanel({ mode: 'import' })} data-testid="master-import">
            {t('web.master.import')}
          </button>
        )}
        <span className="web-hint" data-testid="master-access">
          {editable ? t('web.master.mayEdit') : fields ? t('web.master.readOnlyRole') : t('web.master.readOnlyKind')}
        </span>
      </div>
      {notice && (
        <p className="web-ok" role="status" data-testid="master-notice">
          <Icon name="ok" /> {notice}
        </p>
      )}
      {error && (
        <p className="web-error" role="alert">
          <Icon name="nok" /> {error}
        </p>
      )}
      <div className="web-master-body">
        <div className="web-scroll" tabIndex={0} aria-label={kindName(kind)}>
          <table className="web-table" data-testid="master-table">
            <thead>
              <tr>
                {fields ? shownFields.map((f) => <th key={f.path}>{t(`web.master.fields.${fieldKey(f.path)}`)}</th>) : [<th key="id">{t('web.master.fields.id')}</th>, <th key="data">{t('web.master.data')}</th>]}
                {kind === 'operator' && <th>{t('web.master.fields.pin')}</th>}
                {editable && <th>{t('web.master.action')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const id = String(r.data.id);
                return (
                  <tr key={id} data-testid="master-row" className={selectedId === id ? 'web-row-selected' : undefined}>
                    {fields ? shownFields.map((f) => <td key={f.path}>{f.optionKey ? t(`web.master.options.${f.optionKey}.${cellText(f, r.data)}`) : cellText(f, r.data)}</td>) : [<td key="id">{id}</td>, <td key="data">{summary(r.data)}</td>]}
                    {kind === 'operator' && <td>{r.data.hasPin ? t('web.master.pinSet') : t('web.master.pinNotSet')}</td>}
                    {editable && (
                      <td>
                        <button type="button" className="web-btn" onClick={() => setPanel({ mode: 'edit', row: r.data })} data-testid="master-edit" aria-label={t('web.master.editTitle', { id })}>
                          {t('web.master.edit')}
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rows.length === 0 && <p className="web-hint">{t('web.master.empty')}</p>}
          {next && (
            <button type="button" className="web-btn" onClick={() => loadRows(kind, next)} data-testid="master-more">
              {t('web.master.more')}
            </button>
          )}
        </div>
        {panel.mode === 'edit' && fields && (
          <RowForm
            key={`${kind}/${String(panel.row?.id ?? '')}`}
            kind={kind}
            fields={fields}
            row={panel.row}
            onCancel={() => setPanel({ mode: 'none' })}
            onSaved={(message) => {
              setPanel({ mode: 'none' });
              setNotice(message);
              reload();
            }}
          />
        )}
        {panel.mode === 'import' && <ImportPanel key={kind} kind={kind} kindName={kindName(kind)} onImported={reload} onClose={() => setPanel({ mode: 'none' })} />}
      </div>
    </section>
  );
}
