import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { formatTime } from '../format';
import { EdiStatus } from './EdiStatus';
import { ProblemText } from './ProblemText';
import { readJson, type EdiMessageRow, type EdiProblem } from './types';

type Direction = '' | 'in' | 'out';

/** Messages in and out, newest first; a row opens what went wrong and the answer sent back. */
export function MessagesPanel() {
  const { t, i18n } = useTranslation();
  const [direction, setDirection] = useState<Direction>('');
  const [messages, setMessages] = useState<EdiMessageRow[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const query = direction ? `?direction=${direction}&limit=500` : '?limit=500';
    void api<{ messages: EdiMessageRow[] }>('GET', `/api/v1/edi/messages${query}`).then((r) => (r.ok ? setMessages(r.value.messages) : setError(r.error.message)));
  }, [direction]);

  const chosen = messages.find((m) => m.id === selected);
  return (
    <>
      <div className="web-search">
        <label className="web-field">
          {t('web.edi.direction')}
          <select value={direction} onChange={(e) => setDirection(e.target.value as Direction)} data-testid="edi-direction">
            <option value="">{t('web.edi.both')}</option>
            <option value="in">{t('web.edi.in')}</option>
            <option value="out">{t('web.edi.out')}</option>
          </select>
        </label>
        <p className="web-counts" data-testid="edi-counts">
          {t('web.edi.messageCount', { count: messages.length, rejected: messages.filter((m) => m.status === 'rejected').length })}
        </p>
      </div>
      {error && <p className="web-error" role="alert">{error}</p>}
      <div className="web-split">
        <div className="web-scroll" tabIndex={0} aria-label={t('web.edi.messages')}>
          <table className="web-table" data-testid="edi-messages">
            <thead>
              <tr>
                <th>{t('web.audit.at')}</th>
                <th>{t('web.edi.direction')}</th>
                <th>{t('web.edi.format')}</th>
                <th>{t('web.edi.partner')}</th>
                <th>{t('web.edi.reference')}</th>
                <th>{t('web.edi.state')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} data-testid="edi-message-row" data-status={m.status} className={m.id === selected ? 'web-row-selected' : undefined}>
                  <td>{formatTime(m.at, i18n.language)}</td>
                  <td>{t(`web.edi.${m.direction}`)}</td>
                  <td>{m.format}</td>
                  <td>{m.partner ?? '–'}</td>
                  <td>{m.reference ?? m.file_name ?? '–'}</td>
                  <td>
                    <button type="button" className="web-btn web-btn-row" onClick={() => setSelected(m.id)} aria-pressed={m.id === selected} data-testid="edi-message-open">
                      <EdiStatus status={m.status} />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {messages.length === 0 && !error && <p className="web-hint">{t('web.edi.noMessages')}</p>}
        </div>
        <MessageDetail message={chosen} />
      </div>
    </>
  );
}

function MessageDetail({ message }: { message: EdiMessageRow | undefined }) {
  const { t } = useTranslation();
  if (!message) return <aside className="web-detail web-hint">{t('web.edi.pickMessage')}</aside>;
  const problem = readJson<EdiProblem | null>(message.error, null);
  const warnings = readJson<EdiProblem[]>(message.warnings, []);
  return (
    <aside className="web-detail" data-testid="edi-message-detail" aria-label={t('web.edi.detail')}>
      <h2>
        {message.format} · {message.reference ?? message.file_name ?? message.id}
      </h2>
      <EdiStatus status={message.status} />
      {problem && (
        <>
          <h3>{t('web.edi.error')}</h3>
          <ProblemText problem={problem} />
        </>
      )}
      {warnings.length > 0 && (
        <>
          <h3>{t('web.edi.warnings', { count: warnings.length })}</h3>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>
                <ProblemText problem={w} />
              </li>
            ))}
          </ul>
        </>
      )}
      {!problem && warnings.length === 0 && <p>{t('web.edi.clean')}</p>}
      {message.answer && <p>{t('web.edi.answered')}</p>}
    </aside>
  );
}
