import { useTranslation } from 'react-i18next';
import { Icon } from '../../renderer/ui/icons';
import { formatTime } from '../format';
import { LineCard } from './LineCard';
import { useLinesStream } from './use-lines-stream';

/** Every line live: the server streams a new board whenever a terminal books or master data changes. */
export function LinesPage() {
  const { t, i18n } = useTranslation();
  const { board, state, problem } = useLinesStream();
  const live = state === 'live';
  return (
    <section className="web-page">
      <h1 className="web-title">
        {t('web.lines.title')}
        <span className={live ? 'lines-live' : 'web-blocked'} data-testid="lines-live" data-state={state} role="status">
          <Icon name={live ? 'online' : 'offline'} /> {t(`web.lines.stream.${state}`)}
          {board && live && ` · ${t('web.lines.updated', { time: formatTime(board.at, i18n.language) })}`}
        </span>
      </h1>
      {problem && (
        <p className="web-error" role="alert">
          {problem}
        </p>
      )}
      <div className="web-scroll lines-grid" tabIndex={0} aria-label={t('web.lines.title')} data-testid="lines-board">
        {board?.lines.length === 0 && <p className="web-hint">{t('web.lines.none')}</p>}
        {board?.lines.map((line) => <LineCard key={line.lineId} line={line} at={board.at} />)}
      </div>
    </section>
  );
}
