import './paylink.css';
import { useMoney, useT } from '../../i18n/use-i18n';
import { EmailFields } from './EmailFields';
import { usePayLinkStore } from './paylink-store';
import type { PayLinkChoiceState } from './use-paylink-choice';

/** Two large options (arrow keys move between them, as radio buttons do), and the address for a sent link. */
export function PayLinkChoice({ choice, onChange }: { choice: PayLinkChoiceState; onChange: () => void }) {
  const t = useT();
  return (
    <>
      <fieldset className="paylink-choice">
        <legend>{t('paylink.use')}</legend>
        <div className="paylink-options">
          {(['counter', 'remote'] as const).map((use) => (
            <label key={use}>
              <input
                type="radio"
                name="paylink-use"
                value={use}
                checked={choice.use === use}
                onChange={() => {
                  onChange();
                  choice.setUse(use);
                }}
              />
              {t(use === 'counter' ? 'paylink.useCounter' : 'paylink.useRemote')}
            </label>
          ))}
        </div>
      </fieldset>
      {choice.use === 'remote' && (
        <EmailFields
          idPrefix="pay-link"
          to={choice.to}
          language={choice.language}
          onTo={(to) => {
            onChange();
            choice.setTo(to);
          }}
          onLanguage={choice.setLanguage}
          hint={t('paylink.emailHint')}
        />
      )}
    </>
  );
}

/** After "Send link": what went where, until the next payment starts. */
export function PayLinkSentNotice() {
  const t = useT();
  const money = useMoney();
  const notice = usePayLinkStore((s) => s.sentNotice);
  if (!notice) return null;
  return (
    <p className="notice small" role="status" data-testid="paylink-sent">
      {t('paylink.sentNotice', { amount: money(notice.amountMinor, notice.currency), to: notice.to })}
    </p>
  );
}
