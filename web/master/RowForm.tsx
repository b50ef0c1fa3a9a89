import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../renderer/ui/icons';
import { api, enc } from '../api';
import { fieldKey, formValues, rowOf, type FormField } from './kinds';

/**
 * One row of an editable kind: a new one (id editable) or an existing one
 * (id fixed). Saving sends the whole row; the server validates it exactly as
 * an import would and answers a refusal with the field that is wrong.
 */
export function RowForm({
  kind,
  fields,
  row,
  onSaved,
  onCancel,
}: {
  kind: string;
  fields: FormField[];
  row: Record<string, unknown> | undefined;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => formValues(fields, row));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const isNew = row === undefined;
  const id = (values.id ?? '').trim();

  const save = async () => {
    setBusy(true);
    setError(null);
    const r = await api('PUT', `/api/v1/web/master/${kind}/${enc(id)}`, rowOf(fields, values));
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    onSaved(t('web.master.saved', { id }));
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    const r = await api('DELETE', `/api/v1/web/master/${kind}/${enc(id)}`);
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    onSaved(t('web.master.deleted', { id }));
  };

  return (
    <form
      className="web-master-form"
      data-testid="master-form"
      aria-label={t(isNew ? 'web.master.newTitle' : 'web.master.editTitle', { id })}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{isNew ? t('web.master.newTitle') : t('web.master.editTitle', { id })}</h2>
      <div className="web-master-fields">
        {fields.map((f) => (
          <label key={f.path} className="web-field">
            {t(`web.master.fields.${fieldKey(f.path)}`)}
            {f.type === 'select' ? (
              <select value={values[f.path]} onChange={(e) => setValues({ ...values, [f.path]: e.target.value })} data-testid={`master-field-${f.path}`}>
                {(f.options ?? []).map((o) => (
                  <option key={o} value={o}>
                    {t(`web.master.options.${f.optionKey ?? ''}.${o}`)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                value={values[f.path]}
                type={f.type === 'pin' ? 'password' : 'text'}
                inputMode={f.type === 'pin' ? 'numeric' : undefined}
                autoComplete="off"
                placeholder={f.type === 'pin' ? t(isNew ? 'web.master.pinNone' : 'web.master.pinKeep') : f.type === 'list' ? t('web.master.listHint') : undefined}
                readOnly={f.path === 'id' && !isNew}
                onChange={(e) => setValues({ ...values, [f.path]: e.target.value })}
                data-testid={`master-field-${f.path}`}
              />
            )}
          </label>
        ))}
      </div>
      {error && (
        <p className="web-error" role="alert" data-testid="master-form-error">
          <Icon name="nok" /> {error}
        </p>
      )}
      <div className="web-actions">
        <button type="submit" className="web-btn web-btn-primary" disabled={busy || id === ''} data-testid="master-save">
          <Icon name="ok" /> {t('web.master.save')}
        </button>
        <button type="button" className="web-btn" onClick={onCancel} data-testid="master-cancel">
          {t('web.master.cancel')}
        </button>
        {!isNew && (
          <button
            type="button"
            className="web-btn web-btn-danger"
            disabled={busy}
            onClick={() => (confirmDelete ? void remove() : setConfirmDelete(true))}
            data-testid="master-delete"
          >
            <Icon name="nok" /> {t(confirmDelete ? 'web.master.deleteConfirm' : 'web.master.delete')}
          </button>
        )}
      </div>
    </form>
  );
}
