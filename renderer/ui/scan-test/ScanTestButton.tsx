import { Icon } from '../icons';
import './scan-test.css';
import { useTranslation } from 'react-i18next';

/** Plant IT's way to the Scan test screen, under the status bar. */
export function ScanTestButton({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <nav className="it-tools" aria-label={t('scanTest.toolsLabel')}>
      <button type="button" className="btn btn-secondary" onClick={onOpen} data-testid="open-scan-test">
        <Icon name="scanTest" />
        {t('scanTest.open')}
      </button>
    </nav>
  );
}
