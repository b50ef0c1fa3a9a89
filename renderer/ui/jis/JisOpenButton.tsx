import { Icon } from '../icons';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../store-context';

/**
 * Opens the JIS screen when the line has a cached call-off. Master data is
 * re-read after every pull (new `orders` array), so the call-offs are re-read
 * then too; a newer revision of the open sequence is applied at that moment.
 */
export function useJisRefresh(): void {
  const orders = useApp((s) => s.orders);
  const terminalRow = useApp((s) => s.terminalRow);
  const refreshJis = useApp((s) => s.refreshJis);
  useEffect(() => {
    void refreshJis();
  }, [orders, terminalRow, refreshJis]);
}

export function JisOpenButton({ onOpen }: { onOpen: (sequenceId: string) => void }) {
  const { t } = useTranslation();
  const sequences = useApp((s) => s.jisSequences);
  useJisRefresh();
  if (sequences.length === 0) return null;
  return (
    <div className="jis-open">
      {sequences.map((s) => (
        <button
          key={s.id}
          type="button"
          className="btn btn-primary jis-btn-big"
          aria-label={t('jis.openLabel', { id: s.id })}
          onClick={() => onOpen(s.id)}
          data-testid={`jis-open-${s.id}`}
        >
          <Icon name="chain" />
          {t('jis.open')} {s.id}
        </button>
      ))}
    </div>
  );
}
