import { useT } from '../../i18n/use-i18n';
import { isEmailAddress } from './email-check';

/** The address and language of a pay-link e-mail; says so at once when the address cannot be right. */
export function EmailFields({
  idPrefix,
  to,
  language,
  onTo,
  onLanguage,
  hint,
}: {
  idPrefix: string;
  to: string;
  language: 'nl' | 'en';
  onTo: (to: string) => void;
  onLanguage: (language: 'nl' | 'en') => void;
  hint?: string;
}) {
  const t = useT();
  const invalid = to.trim() !== '' && !isEmailAddress(to);
  const described = [hint ? `${idPrefix}-hint` : null, invalid ? `${idPrefix}-invalid` : null].filter(Boolean);
  return (
    <div className="paylink-email-fields">
      <label className="field-label" htmlFor={`${idPrefix}-to`}>
        {t('paylink.email')}
      </label>
      <input
        id={`${idPrefix}-to`}
        className="amount-input paylink-email"
        type="email"
        inputMode="email"
        autoComplete="off"
        value={to}
        aria-invalid={invalid}
        aria-describedby={described.length > 0 ? described.join(' ') : undefined}
        onChange={(e) => onTo(e.target.value)}
      />
      {invalid && (
        <p id={`${idPrefix}-invalid`} className="problem small">
          {t('paylink.emailInvalid')}
        </p>
      )}
      {hint && (
        <p id={`${idPrefix}-hint`} className="muted small">
          {hint}
        </p>
      )}
      <label className="field-label" htmlFor={`${idPrefix}-lang`}>
        {t('paylink.mailLanguage')}
      </label>
      <select
        id={`${idPrefix}-lang`}
        className="terminal-select"
        value={language}
        onChange={(e) => onLanguage(e.target.value === 'nl' ? 'nl' : 'en')}
      >
        <option value="nl">{t('paylink.lang.nl')}</option>
        <option value="en">{t('paylink.lang.en')}</option>
      </select>
    </div>
  );
}
