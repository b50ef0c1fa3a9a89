import { useTranslation } from 'react-i18next';
import { Icon } from '../../renderer/ui/icons';
import { tone } from './types';

/** A message's or shipment's state in words, colour and icon together. */
export function EdiStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  const kind = tone(status);
  return (
    <span className={`web-state web-state-${kind}`} data-state={kind}>
      <Icon name={kind === 'ok' ? 'ok' : kind === 'nok' ? 'nok' : 'timer'} /> {t(`web.edi.status.${status}`, { defaultValue: status })}
    </span>
  );
}
