import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { useT } from '../../i18n/use-i18n';
import { ProviderForm } from './ProviderForm';

/**
 * Every registered provider's set-up, one form each, built from the descriptors its module declares.
 * Secrets are write-only: the screen learns only that one is stored.
 */
export function ProviderSettings() {
  const api = useApi();
  const t = useT();
  const data = useQuery(queries.providers(api)).data;
  if (!data) return null;
  return (
    <>
      {data.providers.map((view) => (
        <ProviderForm key={view.providerId} view={view} />
      ))}
      <p className="muted small">
        {data.webhooks.listening && data.webhooks.publicUrl
          ? t('settings.webhooksOn', { url: data.webhooks.publicUrl })
          : t('settings.webhooksOff')}
      </p>
    </>
  );
}
