import { useTranslation } from 'react-i18next';
import type { BlockedLoad } from '../../../shared/production';
import './counts.css';

/** The loaded batch in the BOM table: ✔ batch, or red ⛔ batch · blocked (amber ⚠ when a shift lead kept it). */
export function LoadedBatchCell({ batch, blocked }: { batch: string; blocked: BlockedLoad | undefined }) {
  const { t } = useTranslation();
  if (!blocked) {
    return (
      <>
        <span aria-hidden="true">✔ </span>
        {batch}
      </>
    );
  }
  if (blocked.overridden) {
    return (
      <span data-blocked="kept">
        <span aria-hidden="true">⚠ </span>
        {batch} · {t('counts.blocked.rowKept')}
      </span>
    );
  }
  return (
    <span className="wf-batch-blocked" data-blocked="true">
      <span aria-hidden="true">⛔ </span>
      {batch} · {t('counts.blocked.rowBlocked')}
    </span>
  );
}
