import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { ActionProblem } from '../../components/ActionProblem';
import { useT } from '../../i18n/use-i18n';
import { PrintEmailSection } from '../print-email/PrintEmailSection';
import { useConfigureBackoffice } from './mutations';
import { ProviderSettings } from './ProviderSettings';

/** Where this counter syncs to. The token is write-only: the screen never receives it. */
export function SettingsView() {
  const api = useApi();
  const t = useT();
  const current = useQuery(queries.backoffice(api));
  const [url, setUrl] = useState('');
  const [stationId, setStationId] = useState('');
  const [token, setToken] = useState('');
  useEffect(() => {
    if (!current.data) return;
    setUrl(current.data.source === 'settings' ? (current.data.url ?? '') : '');
    setStationId(current.data.stationId);
  }, [current.data]);
  const save = useConfigureBackoffice();
  const data = current.data;
  const fromEnvironment = data?.source === 'environment';

  return (
    <section className="settings-view" aria-label={t('settings.title')}>
      <h1>{t('settings.title')}</h1>
      <form
        className="pay-form settings-form"
        aria-label={t('settings.backoffice')}
        onSubmit={(e) => {
          e.preventDefault();
          // The token is write-only: sent only when typed, and forgotten once the core has it.
          save.mutate({ url, stationId, ...(token ? { token } : {}) }, { onSuccess: () => setToken('') });
        }}
      >
        <h2>{t('settings.backoffice')}</h2>
        {data && <p className="muted">{t(`settings.source.${data.source}`)}</p>}
        <label className="field-label" htmlFor="bo-url">
          {t('settings.url')}
        </label>
        <input
          id="bo-url"
          className="search-input"
          type="url"
          value={url}
          disabled={fromEnvironment}
          onChange={(e) => setUrl(e.target.value)}
        />
        <label className="field-label" htmlFor="bo-station">
          {t('settings.station')}
        </label>
        <input
          id="bo-station"
          className="search-input"
          value={stationId}
          maxLength={8}
          aria-describedby="bo-station-hint"
          disabled={fromEnvironment}
          onChange={(e) => setStationId(e.target.value)}
        />
        <p id="bo-station-hint" className="muted">
          {t('settings.stationHint')}
        </p>
        <label className="field-label" htmlFor="bo-token">
          {t('settings.token')}
        </label>
        <input
          id="bo-token"
          className="search-input"
          type="password"
          autoComplete="off"
          value={token}
          disabled={fromEnvironment}
          placeholder={data?.source === 'settings' && data.tokenSet ? t('settings.tokenStored') : ''}
          onChange={(e) => setToken(e.target.value)}
        />
        <ActionProblem error={save.error} />
        {save.isSuccess && <p role="status">{t('settings.saved')}</p>}
        <button type="submit" className="pay-button" disabled={fromEnvironment || save.isPending || !url || !stationId}>
          {t('settings.save')}
        </button>
      </form>
      <ProviderSettings />
      <PrintEmailSection />
    </section>
  );
}
