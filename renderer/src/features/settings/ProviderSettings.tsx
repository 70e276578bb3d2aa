import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { ClientError } from '../../api/client-error';
import { keys, queries } from '../../api/queries';
import { describeError } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-i18n';
import { LanTerminals } from './LanTerminals';

/** Pay. and Vipps MobilePay credentials. Secrets are write-only: the screen learns only that one is stored. */
export function ProviderSettings() {
  const api = useApi();
  const t = useT();
  const current = useQuery(queries.providers(api));
  const data = current.data;
  if (!data) return null;
  return (
    <>
      <PayNlForm />
      <VippsForm />
      <p className="muted small">
        {data.webhooks.listening && data.webhooks.publicUrl
          ? t('settings.webhooksOn', { url: data.webhooks.publicUrl })
          : t('settings.webhooksOff')}
      </p>
    </>
  );
}

function useSaved<I>(method: 'providers.configurePayNl' | 'providers.configureVipps') {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => api.call(method, input as never),
    onSuccess: (settings) => {
      queryClient.setQueryData(keys.providers, settings);
      void queryClient.invalidateQueries({ queryKey: keys.terminals });
    },
  });
}

function PayNlForm() {
  const api = useApi();
  const t = useT();
  const data = useQuery(queries.providers(api)).data?.paynl;
  const [tokenCode, setTokenCode] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [testMode, setTestMode] = useState(true);
  const [apiToken, setApiToken] = useState('');
  const [serviceSecret, setServiceSecret] = useState('');
  useEffect(() => {
    if (!data) return;
    setTokenCode(data.tokenCode ?? '');
    setServiceId(data.serviceId ?? '');
    setTestMode(data.testMode);
  }, [data]);
  const save = useSaved('providers.configurePayNl');
  const locked = data?.source === 'environment';
  return (
    <form
      className="pay-form settings-form"
      aria-label={t('settings.paynl')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          tokenCode,
          serviceId,
          testMode,
          ...(apiToken ? { apiToken } : {}),
          ...(serviceSecret ? { serviceSecret } : {}),
        });
        setApiToken('');
        setServiceSecret('');
      }}
    >
      <h2>{t('settings.paynl')}</h2>
      {data && <p className="muted">{t(`settings.provider.${data.source}`)}</p>}
      <Field
        id="paynl-at"
        label={t('settings.paynl.tokenCode')}
        value={tokenCode}
        onChange={setTokenCode}
        disabled={locked}
      />
      <Secret
        id="paynl-token"
        label={t('settings.paynl.apiToken')}
        value={apiToken}
        onChange={setApiToken}
        stored={data?.apiTokenSet ?? false}
        disabled={locked}
      />
      <Field
        id="paynl-sl"
        label={t('settings.paynl.serviceId')}
        value={serviceId}
        onChange={setServiceId}
        disabled={locked}
      />
      <Secret
        id="paynl-secret"
        label={t('settings.paynl.serviceSecret')}
        value={serviceSecret}
        onChange={setServiceSecret}
        stored={data?.serviceSecretSet ?? false}
        disabled={locked}
      />
      <TestMode checked={testMode} onChange={setTestMode} disabled={locked} id="paynl-test" />
      <Outcome error={save.error} saved={save.isSuccess} />
      <button type="submit" className="pay-button" disabled={locked || save.isPending}>
        {t('settings.saveProvider')}
      </button>
      <LanTerminals />
    </form>
  );
}

function VippsForm() {
  const api = useApi();
  const t = useT();
  const data = useQuery(queries.providers(api)).data?.vipps;
  const [clientId, setClientId] = useState('');
  const [msn, setMsn] = useState('');
  const [testMode, setTestMode] = useState(true);
  const [clientSecret, setClientSecret] = useState('');
  const [subscriptionKey, setSubscriptionKey] = useState('');
  useEffect(() => {
    if (!data || data.source === 'demo') return;
    setClientId(data.clientId ?? '');
    setMsn(data.merchantSerialNumber ?? '');
    setTestMode(data.testMode);
  }, [data]);
  const save = useSaved('providers.configureVipps');
  const locked = data?.source === 'environment';
  return (
    <form
      className="pay-form settings-form"
      aria-label={t('settings.vipps')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          clientId,
          merchantSerialNumber: msn,
          testMode,
          ...(clientSecret ? { clientSecret } : {}),
          ...(subscriptionKey ? { subscriptionKey } : {}),
        });
        setClientSecret('');
        setSubscriptionKey('');
      }}
    >
      <h2>{t('settings.vipps')}</h2>
      {data && <p className="muted">{t(`settings.provider.${data.source}`)}</p>}
      <Field
        id="vipps-client"
        label={t('settings.vipps.clientId')}
        value={clientId}
        onChange={setClientId}
        disabled={locked}
      />
      <Secret
        id="vipps-secret"
        label={t('settings.vipps.clientSecret')}
        value={clientSecret}
        onChange={setClientSecret}
        stored={data?.source === 'settings' && data.clientSecretSet}
        disabled={locked}
      />
      <Secret
        id="vipps-key"
        label={t('settings.vipps.subscriptionKey')}
        value={subscriptionKey}
        onChange={setSubscriptionKey}
        stored={data?.source === 'settings' && data.subscriptionKeySet}
        disabled={locked}
      />
      <Field id="vipps-msn" label={t('settings.vipps.msn')} value={msn} onChange={setMsn} disabled={locked} />
      <TestMode checked={testMode} onChange={setTestMode} disabled={locked} id="vipps-test" />
      <Outcome error={save.error} saved={save.isSuccess} />
      <button type="submit" className="pay-button" disabled={locked || save.isPending}>
        {t('settings.saveProvider')}
      </button>
    </form>
  );
}

function Field(props: { id: string; label: string; value: string; onChange: (v: string) => void; disabled: boolean }) {
  return (
    <>
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        className="search-input"
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </>
  );
}

function Secret(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  stored: boolean;
  disabled: boolean;
}) {
  const t = useT();
  return (
    <>
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        className="search-input"
        type="password"
        autoComplete="off"
        value={props.value}
        disabled={props.disabled}
        placeholder={props.stored ? t('settings.secretStored') : ''}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </>
  );
}

function TestMode(props: { id: string; checked: boolean; onChange: (v: boolean) => void; disabled: boolean }) {
  const t = useT();
  return (
    <label className="check-label" htmlFor={props.id}>
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.checked)}
      />{' '}
      {t('settings.testMode')}
    </label>
  );
}

function Outcome({ error, saved }: { error: Error | null; saved: boolean }) {
  const t = useT();
  if (error) {
    return (
      <p className="problem" role="alert">
        {error instanceof ClientError ? describeError(t, String, error.code, error.params) : t('error.internal')}
      </p>
    );
  }
  return saved ? <p role="status">{t('settings.providerSaved')}</p> : null;
}
