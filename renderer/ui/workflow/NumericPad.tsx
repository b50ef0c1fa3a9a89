import { Icon } from '../icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocaleFormat } from '../../i18n/format';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export interface NumericPadProps {
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  submitLabel: string;
  /** Shows dots instead of digits (PIN entry). */
  masked?: boolean;
  maxLength?: number;
  disabled?: boolean;
  testId?: string;
}

/** A big numeric pad for gloved hands (keys ≥ 64 px), for quantities and PINs. */
export function NumericPad({ value, onChange, onSubmit, submitLabel, masked = false, maxLength = 6, disabled = false, testId = 'numpad' }: NumericPadProps) {
  const { t } = useTranslation();
  const f = useLocaleFormat();
  // A preset value (e.g. quantity 1) is replaced by the first key, not extended: "2" means 2, not 12.
  const [fresh, setFresh] = useState(true);
  const press = (d: string) => {
    if (disabled) return;
    setFresh(false);
    if (fresh) {
      onChange(d);
      return;
    }
    if (value.length >= maxLength) return;
    onChange(value === '0' && !masked ? d : value + d);
  };
  const submit = () => {
    setFresh(true);
    onSubmit();
  };
  // U+2022: the bundled font has the bullet; the black circle would fall back to a system font.
  // A quantity reads grouped as everywhere else ("12.960"); a PIN shows only how many digits.
  const shown = masked ? '\u2022'.repeat(value.length) : value === '' ? '' : f.number(Number(value));
  return (
    <div className="wf-pad" data-testid={testId}>
      <div className="wf-pad-display" aria-label={t('workflow.pad.value', { value: masked ? value.length : value })} data-testid={`${testId}-display`}>
        {shown || '\u00a0'}
      </div>
      <div className="wf-pad-grid">
        {KEYS.map((d) => (
          <button key={d} type="button" className="btn wf-pad-key" disabled={disabled} onClick={() => press(d)} data-testid={`${testId}-key-${d}`}>
            {d}
          </button>
        ))}
        <button type="button" className="btn btn-secondary wf-pad-key" disabled={disabled} onClick={() => {
            setFresh(false);
            onChange(value.slice(0, -1));
          }} data-testid={`${testId}-backspace`}>
          <Icon name="backspace" />
          {t('workflow.pad.backspace')}
        </button>
        <button type="button" className="btn wf-pad-key" disabled={disabled} onClick={() => press('0')} data-testid={`${testId}-key-0`}>
          0
        </button>
        <button type="button" className="btn btn-primary wf-pad-key" disabled={disabled || value.length === 0} onClick={submit} data-testid={`${testId}-submit`}>
          <Icon name="ok" />
          {submitLabel}
        </button>
      </div>
    </div>
  );
}
