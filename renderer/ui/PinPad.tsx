import { useTranslation } from 'react-i18next';
import { useApp } from './store-context';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Big digit buttons for gloved hands; the PIN itself is shown only as dots. */
export function PinPad() {
  const { t } = useTranslation();
  const login = useApp((s) => s.login);
  const press = useApp((s) => s.pressPinDigit);
  const backspace = useApp((s) => s.pinBackspace);
  const cancel = useApp((s) => s.cancelPin);
  const submit = useApp((s) => s.submitPin);
  const writing = useApp((s) => s.writing);

  if (login.step !== 'pin') return null;
  const busy = login.verifying || writing;

  return (
    <main className="screen pin-screen" data-testid="pin-pad" aria-busy={busy}>
      <h1 className="screen-title">{t('pin.title', { name: login.name })}</h1>
      <div className="pin-dots" aria-label={t('pin.digits', { count: login.digits.length })} data-testid="pin-dots">
        {login.digits.length > 0 ? '●'.repeat(login.digits.length) : '\u00a0'}
      </div>
      <p className="screen-hint" data-testid="pin-attempts">
        {t('pin.attemptsLeft', { count: login.attemptsLeft })}
      </p>
      {login.wrong && !busy && (
        <div className="notice notice-nok" role="alert" data-testid="pin-wrong">
          <span className="notice-icon" aria-hidden="true">
            ✖
          </span>
          <p className="notice-title">{t('pin.wrong')}</p>
        </div>
      )}
      {busy && (
        <div className="notice notice-busy" role="status" data-testid="pin-busy">
          <span className="spinner" aria-hidden="true" />
          <p className="notice-title">{t('pin.checking')}</p>
        </div>
      )}
      <div className="pin-grid">
        {DIGITS.map((d) => (
          <button key={d} type="button" className="btn pin-key" disabled={busy} onClick={() => press(d)} data-testid={`pin-key-${d}`}>
            {d}
          </button>
        ))}
        <button type="button" className="btn btn-secondary pin-key" disabled={busy} onClick={backspace} data-testid="pin-backspace">
          <span aria-hidden="true">⌫ </span>
          {t('pin.backspace')}
        </button>
        <button type="button" className="btn pin-key" disabled={busy} onClick={() => press('0')} data-testid="pin-key-0">
          0
        </button>
        <button
          type="button"
          className="btn btn-primary pin-key"
          disabled={busy || login.digits.length === 0}
          onClick={() => void submit()}
          data-testid="pin-submit"
        >
          <span aria-hidden="true">✔ </span>
          {t('pin.confirm')}
        </button>
      </div>
      <button type="button" className="btn btn-secondary btn-wide" onClick={cancel} data-testid="pin-cancel">
        {t('pin.cancel')}
      </button>
    </main>
  );
}
