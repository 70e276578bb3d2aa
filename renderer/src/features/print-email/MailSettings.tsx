import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-i18n';
import { Problem } from './use-problem';

type Security = 'tls' | 'starttls' | 'none';

/** The shop's mail server. The password is write-only: the screen only learns whether one is stored. */
export function MailSettings() {
  const api = useApi();
  const t = useT();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['smtp.settings'], queryFn: () => api.call('smtp.settings', {}) });
  const [host, setHost] = useState('');
  const [port, setPort] = useState('587');
  const [security, setSecurity] = useState<Security>('starttls');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [from, setFrom] = useState('');
  const [replyTo, setReplyTo] = useState('');
  const [testTo, setTestTo] = useState('');
  useEffect(() => {
    const s = current.data;
    if (!s) return;
    setHost(s.host);
    setPort(String(s.port));
    setSecurity(s.security);
    setUser(s.user ?? '');
    setFrom(s.from);
    setReplyTo(s.replyTo ?? '');
  }, [current.data]);
  const save = useMutation({
    mutationFn: () =>
      api.call('smtp.configure', {
        host,
        port: Number(port),
        security,
        user: user || null,
        password: password || null,
        from,
        replyTo: replyTo || null,
      }),
    onSuccess: (settings) => {
      queryClient.setQueryData(['smtp.settings'], settings);
      setPassword('');
    },
  });
  const test = useMutation({
    mutationFn: () => api.call('smtp.test', { to: testTo }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['jobs.list'] }),
  });
  const locked = current.data?.fromEnvironment ?? false;
  const field = (id: string, label: string, input: React.ReactNode) => (
    <>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {input}
    </>
  );

  return (
    <form
      className="pay-form settings-form"
      aria-label={t('mail.settings')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2>{t('mail.settings')}</h2>
      {locked && <p className="muted">{t('mail.fromEnvironment')}</p>}
      <fieldset disabled={locked} className="plain-fieldset">
        {field(
          'smtp-host',
          t('mail.host'),
          <input id="smtp-host" className="search-input" value={host} onChange={(e) => setHost(e.target.value)} />,
        )}
        {field(
          'smtp-port',
          t('mail.port'),
          <input
            id="smtp-port"
            className="search-input"
            inputMode="numeric"
            value={port}
            onChange={(e) => setPort(e.target.value)}
          />,
        )}
        {field(
          'smtp-security',
          t('mail.security'),
          <select id="smtp-security" value={security} onChange={(e) => setSecurity(e.target.value as Security)}>
            <option value="starttls">STARTTLS</option>
            <option value="tls">TLS</option>
            <option value="none">{t('mail.securityNone')}</option>
          </select>,
        )}
        {field(
          'smtp-user',
          t('mail.user'),
          <input
            id="smtp-user"
            className="search-input"
            autoComplete="off"
            value={user}
            onChange={(e) => setUser(e.target.value)}
          />,
        )}
        {field(
          'smtp-password',
          t('mail.password'),
          <input
            id="smtp-password"
            className="search-input"
            type="password"
            autoComplete="off"
            value={password}
            placeholder={current.data?.passwordSet ? t('settings.tokenStored') : ''}
            onChange={(e) => setPassword(e.target.value)}
          />,
        )}
        {field(
          'smtp-from',
          t('mail.from'),
          <input id="smtp-from" className="search-input" value={from} onChange={(e) => setFrom(e.target.value)} />,
        )}
        {field(
          'smtp-reply',
          t('mail.replyTo'),
          <input
            id="smtp-reply"
            className="search-input"
            type="email"
            value={replyTo}
            onChange={(e) => setReplyTo(e.target.value)}
          />,
        )}
        <Problem error={save.error} />
        {save.isSuccess && <p role="status">{t('mail.saved')}</p>}
        <button type="submit" className="pay-button" disabled={save.isPending || !host || !from}>
          {t('mail.save')}
        </button>
      </fieldset>
      <label className="field-label" htmlFor="smtp-test-to">
        {t('mail.testTo')}
      </label>
      <input
        id="smtp-test-to"
        className="search-input"
        type="email"
        value={testTo}
        onChange={(e) => setTestTo(e.target.value)}
      />
      <Problem error={test.error} />
      {test.isSuccess && <p role="status">{t('mail.testQueued')}</p>}
      <button type="button" className="small-button" disabled={!testTo || test.isPending} onClick={() => test.mutate()}>
        {t('mail.sendTest')}
      </button>
    </form>
  );
}
