import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { useLanguage, useT } from '../../i18n/use-i18n';
import { Problem } from './use-problem';

const STATUS_KEY = ['automations.webhookSecretStatus'];

function formatSetAt(iso: string, language: 'nl' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/**
 * The signing secret receivers verify webhooks with. The screen only knows whether it is set and
 * since when; a new one is shown once, in the answer to the manager's Create or Rotate, and only
 * until they press Done (nothing can read it back later: ADR 0016).
 */
export function WebhookSecret() {
  const api = useApi();
  const t = useT();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: STATUS_KEY,
    queryFn: () => api.call('automations.webhookSecretStatus', {}),
  });
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation({
    mutationFn: () => api.call('automations.rotateWebhookSecret', {}),
    onSuccess: ({ setAt }) => {
      setConfirming(false);
      queryClient.setQueryData(STATUS_KEY, { set: true, setAt });
    },
  });
  const set = status.data?.set ?? false;
  const setAt = status.data?.setAt ?? null;

  return (
    <fieldset className="plain-fieldset" aria-label={t('auto.secret.title')}>
      <legend>{t('auto.secret.title')}</legend>
      {status.data && (
        <p className="muted">
          {!set
            ? t('auto.secret.notSet')
            : setAt
              ? t('auto.secret.setOn', { date: formatSetAt(setAt, language) })
              : t('auto.secret.set')}
        </p>
      )}
      {rotate.data ? (
        <div>
          <p>{t('auto.secret.shownOnce')}</p>
          <input
            className="search-input mono"
            readOnly
            aria-label={t('auto.secret.title')}
            value={rotate.data.secret}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" className="small-button" onClick={() => rotate.reset()}>
            {t('auto.secret.done')}
          </button>
        </div>
      ) : confirming ? (
        <div>
          <p>{t('auto.secret.confirm')}</p>
          <div className="button-row">
            <button type="button" className="small-button" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
              {t('auto.secret.confirmYes')}
            </button>
            <button type="button" className="small-button" onClick={() => setConfirming(false)}>
              {t('auto.secret.cancel')}
            </button>
          </div>
        </div>
      ) : (
        status.data && (
          <button
            type="button"
            className="small-button"
            disabled={rotate.isPending}
            // Creating the first one breaks nothing; replacing one does, so that asks first.
            onClick={() => (set ? setConfirming(true) : rotate.mutate())}
          >
            {t(set ? 'auto.secret.rotate' : 'auto.secret.create')}
          </button>
        )
      )}
      <Problem error={rotate.error ?? status.error} />
    </fieldset>
  );
}
