import { useState } from 'react';
import { useT } from '../../i18n/use-i18n';
import { Problem } from '../print-email/use-problem';
import { EmailFields } from './EmailFields';
import { isEmailAddress } from './email-check';
import { useEmailPayLink } from './paylink-queries';

/** "Send by e-mail" / "Resend": one link to one address, queued as a durable job in the core. */
export function SendLinkForm({
  paymentId,
  defaultTo,
  defaultLanguage,
  idPrefix,
}: {
  paymentId: string;
  defaultTo: string;
  defaultLanguage: 'nl' | 'en';
  idPrefix: string;
}) {
  const t = useT();
  const [to, setTo] = useState(defaultTo);
  const [language, setLanguage] = useState(defaultLanguage);
  const email = useEmailPayLink();
  const ready = isEmailAddress(to) && !email.isPending;
  return (
    <form
      className="paylink-send"
      aria-label={t('paylink.sendEmail')}
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) email.mutate({ paymentId, to: to.trim(), language });
      }}
    >
      <EmailFields
        idPrefix={idPrefix}
        to={to}
        language={language}
        onTo={(next) => {
          email.reset();
          setTo(next);
        }}
        onLanguage={setLanguage}
      />
      <Problem error={email.error} />
      {email.isSuccess && (
        <p className="notice small" role="status">
          {t('paylink.queued', { to: email.data.target })}
        </p>
      )}
      <button type="submit" className="secondary-action" disabled={!ready}>
        {t('paylink.send')}
      </button>
    </form>
  );
}
