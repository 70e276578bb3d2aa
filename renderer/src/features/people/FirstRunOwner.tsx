import { type FormEvent, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-i18n';
import { useSessionAction } from './use-people-action';

const PIN = /^\d{4,6}$/;

/** A new install without users: the first person becomes the owner and is signed in. */
export function FirstRunOwner() {
  const api = useApi();
  const t = useT();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const create = useSessionAction((input: { name: string; pin: string }) => api.call('people.createOwner', input));
  const mismatch = again.length > 0 && pin !== again;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && PIN.test(pin) && pin === again) create.mutate({ name: name.trim(), pin });
  };
  return (
    <main className="sign-in" aria-labelledby="first-run-title">
      <h1 id="first-run-title">{t('people.firstRun.title')}</h1>
      <p className="muted">{t('people.firstRun.intro')}</p>
      <form className="first-run" onSubmit={submit}>
        <label className="field">
          <span>{t('people.firstRun.name')}</span>
          <input value={name} maxLength={100} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('people.firstRun.pin')}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={6}
            value={pin}
            onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
          />
        </label>
        <label className="field">
          <span>{t('people.firstRun.pinAgain')}</span>
          <input
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={6}
            value={again}
            aria-invalid={mismatch}
            onChange={(event) => setAgain(event.target.value.replace(/\D/g, ''))}
          />
        </label>
        {mismatch && <p className="form-error">{t('people.firstRun.mismatch')}</p>}
        {create.problem && (
          <p className="form-error" role="alert">
            {create.problem}
          </p>
        )}
        <button
          type="submit"
          className="primary-action"
          disabled={!name.trim() || !PIN.test(pin) || pin !== again || create.isPending}
        >
          {t('people.firstRun.submit')}
        </button>
      </form>
    </main>
  );
}
