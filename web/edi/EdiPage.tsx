import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeliveriesPanel } from './DeliveriesPanel';
import { MessagesPanel } from './MessagesPanel';

type View = 'messages' | 'deliveries';

/** Deliveries and EDI: what customers sent and what we answered, and every truck with what it held. */
export function EdiPage({ permissions }: { permissions: string[] }) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('messages');
  return (
    <section className="web-page">
      <div className="web-search">
        <h1 className="web-title">{t('web.edi.title')}</h1>
        <div className="web-segments" role="group" aria-label={t('web.edi.title')}>
          {(['messages', 'deliveries'] as const).map((v) => (
            <button key={v} type="button" className={`web-tab${view === v ? ' active' : ''}`} aria-pressed={view === v} onClick={() => setView(v)} data-testid={`edi-view-${v}`}>
              {t(`web.edi.${v}`)}
            </button>
          ))}
        </div>
      </div>
      {view === 'messages' ? <MessagesPanel /> : <DeliveriesPanel mayTrace={permissions.includes('trace.read')} />}
    </section>
  );
}
