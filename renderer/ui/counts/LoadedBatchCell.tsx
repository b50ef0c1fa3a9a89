import { Icon } from '../icons';
import { useTranslation } from 'react-i18next';
import type { BlockedLoad } from '../../../shared/production';
import './counts.css';

/** The loaded batch in the BOM table: ✔ batch, or red ⛔ batch · blocked (amber ⚠ when a shift lead kept it). */
export function LoadedBatchCell({ batch, blocked }: { batch: string; blocked: BlockedLoad | undefined }) {
  const { t } = useTranslation();
  if (!blocked) {
    return (
      <>
        <Icon name="ok" />
        {batch}
      </>
    );
  }
  if (blocked.overridden) {
    return (
      <span data-blocked="kept">
        <Icon name="warn" />
        {batch} · {t('counts.blocked.rowKept')}
      </span>
    );
  }
  return (
    <span className="wf-batch-blocked" data-blocked="true">
      <Icon name="nok" />
      {batch} · {t('counts.blocked.rowBlocked')}
    </span>
  );
}
