import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/use-i18n';

const MAX_DIGITS = 6;
const MIN_DIGITS = 4;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * A PIN typed on the keyboard (digits, Backspace, Enter) or on large touch keys. The field is a
 * password field, so the PIN is never shown and never kept by the browser; it is handed to
 * `onSubmit` and cleared.
 */
export function PinPad(props: {
  /** The field's accessible name: "PIN for Anna", "Manager PIN". */
  label: string;
  submitLabel: string;
  onSubmit: (pin: string) => void;
  busy?: boolean;
  /** Changes (a new person chosen, a refusal) empty the field again. */
  resetKey?: unknown;
}) {
  const t = useT();
  const [pin, setPin] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const countId = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey is the trigger
  useEffect(() => {
    setPin('');
    field.current?.focus();
  }, [props.resetKey]);

  const type = (next: string) => {
    setPin(next.replace(/\D/g, '').slice(0, MAX_DIGITS));
    field.current?.focus();
  };
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (pin.length < MIN_DIGITS || props.busy) return;
    const typed = pin;
    setPin('');
    props.onSubmit(typed);
  };

  return (
    <form className="pin-pad" onSubmit={submit}>
      <input
        ref={field}
        className="pin-field"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        aria-label={props.label}
        aria-describedby={countId}
        value={pin}
        maxLength={MAX_DIGITS}
        onChange={(event) => type(event.target.value)}
      />
      <span id={countId} className="visually-hidden" aria-live="polite">
        {t('people.pinPad.typed', { count: pin.length })}
      </span>
      <fieldset className="pin-keys" aria-label={t('people.pinPad.label')}>
        {KEYS.map((digit) => (
          <button key={digit} type="button" className="pin-key" onClick={() => type(pin + digit)}>
            {digit}
          </button>
        ))}
        <button type="button" className="pin-key" aria-label={t('people.pinPad.clear')} onClick={() => type('')}>
          C
        </button>
        <button type="button" className="pin-key" onClick={() => type(`${pin}0`)}>
          0
        </button>
        <button
          type="button"
          className="pin-key"
          aria-label={t('people.pinPad.delete')}
          onClick={() => type(pin.slice(0, -1))}
        >
          ⌫
        </button>
      </fieldset>
      <button type="submit" className="primary-action pin-submit" disabled={pin.length < MIN_DIGITS || props.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}
