import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';

/** Block or release the batch with a reason; the server writes the master row that reaches the line's terminals. */
export function BlockPanel({ materialId, batch, blocked, onChanged }: { materialId: string; batch: string; blocked: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const r = await api('POST', `/api/v1/batches/${blocked ? 'release' : 'block'}`, { materialId, batch, reason });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setReason('');
    onChanged();
  };

  return (
    <div className="web-block" data-testid="block-panel">
      <label className="web-field web-field-grow">
        {t(blocked ? 'web.block.releaseReason' : 'web.block.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} data-testid="block-reason" />
      </label>
      <button
        type="button"
        className={`web-btn ${blocked ? 'web-btn-primary' : 'web-btn-danger'}`}
        disabled={busy || reason.trim() === ''}
        onClick={() => void submit()}
        data-testid={blocked ? 'release-batch' : 'block-batch'}
      >
        {t(blocked ? 'web.block.release' : 'web.block.block')}
      </button>
      {error && (
        <p className="web-error" role="alert" data-testid="block-error">
          {error}
        </p>
      )}
    </div>
  );
}
