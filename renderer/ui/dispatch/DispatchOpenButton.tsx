import './dispatch.css';
import { useTranslation } from 'react-i18next';
import { Icon } from '../icons';

/** Opens the dispatch screen: loading trucks is a mode of the line terminal. */
export function DispatchOpenButton({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn btn-secondary dispatch-open" aria-label={t('dispatch.openLabel')} onClick={onOpen} data-testid="dispatch-open">
      <Icon name="truck" />
      {t('dispatch.open')}
    </button>
  );
}
