import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Role } from '../../../../shared/api/method-access';
import type { UserAdminRow } from '../../../../shared/api/people-schemas';
import { useApi } from '../../api/api-context';
import { describeFailure } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-i18n';
import { peopleKeys, peopleQueries } from './people-queries';

const PIN = /^\d{4,6}$/;
const digits = (value: string) => value.replace(/\D/g, '').slice(0, 6);

/** The manager's users screen: add, new PIN, unlock, deactivate, and the idle lock time. */
export function UsersDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const t = useT();
  const queryClient = useQueryClient();
  const users = useQuery(peopleQueries.users(api));
  const session = useQuery(peopleQueries.session(api)).data;
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [pin, setPin] = useState('');
  const [idle, setIdle] = useState(session?.idleLockMinutes?.toString() ?? '');
  const [saved, setSaved] = useState(false);
  const change = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: (result) => {
      if (Array.isArray(result)) queryClient.setQueryData(peopleKeys.users, result as UserAdminRow[]);
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      setSaved(true);
    },
    onMutate: () => setSaved(false),
  });
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, []);
  const create = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || !PIN.test(pin)) return;
    change.mutate(() => api.call('people.create', { name: name.trim(), role, pin }), {
      onSuccess: () => {
        setName('');
        setPin('');
      },
    });
  };
  const saveIdle = (event: FormEvent) => {
    event.preventDefault();
    const minutes = idle.trim() === '' ? null : Number(idle);
    if (minutes !== null && (!Number.isInteger(minutes) || minutes < 1 || minutes > 240)) return;
    change.mutate(() => api.call('people.setIdleLock', { minutes }));
  };

  return (
    <div className="overlay">
      <div
        ref={dialog}
        className="status-panel users-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="users-title"
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <h2 id="users-title">{t('people.users.title')}</h2>
        <table className="users-table">
          <thead>
            <tr>
              <th scope="col">{t('people.users.name')}</th>
              <th scope="col">{t('people.users.role')}</th>
              <th scope="col">{t('people.users.state')}</th>
              <th scope="col">{t('people.users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(users.data ?? []).map((user) => (
              <UserRow key={user.id} user={user} run={(work) => change.mutate(work)} />
            ))}
          </tbody>
        </table>
        <form className="users-add" onSubmit={create} aria-label={t('people.users.add')}>
          <h3>{t('people.users.add')}</h3>
          <input
            aria-label={t('people.users.newName')}
            placeholder={t('people.users.newName')}
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
          />
          <select aria-label={t('people.users.newRole')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {(['cashier', 'manager', 'owner'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`people.role.${r}` as const)}
              </option>
            ))}
          </select>
          <input
            aria-label={t('people.users.newPin')}
            placeholder={t('people.users.newPin')}
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={pin}
            onChange={(e) => setPin(digits(e.target.value))}
          />
          <button type="submit" className="primary-action" disabled={!name.trim() || !PIN.test(pin)}>
            {t('people.users.create')}
          </button>
        </form>
        <form className="users-idle" onSubmit={saveIdle}>
          <label className="field">
            <span>{t('people.users.idle')}</span>
            <input
              inputMode="numeric"
              value={idle}
              onChange={(e) => setIdle(e.target.value.replace(/\D/g, '').slice(0, 3))}
            />
          </label>
          <button type="submit">{t('people.users.idleSave')}</button>
        </form>
        <p aria-live="polite" className={change.error ? 'form-error' : 'muted'}>
          {change.error ? describeFailure(t, String, change.error) : saved ? t('people.users.saved') : ''}
        </p>
        <button type="button" className="secondary-action" onClick={onClose}>
          {t('people.users.close')}
        </button>
      </div>
    </div>
  );
}

function UserRow({ user, run }: { user: UserAdminRow; run: (work: () => Promise<unknown>) => void }) {
  const api = useApi();
  const t = useT();
  const [pin, setPin] = useState('');
  const local = user.source === 'local';
  return (
    <tr className={user.active ? undefined : 'muted'}>
      <td>{user.name}</td>
      <td>{t(`people.role.${user.role}` as const)}</td>
      <td>
        {user.active ? t('people.users.active') : t('people.users.inactive')}
        {user.lockedOut && ` · ${t('people.lockedOut')}`}
        {!local && ` · ${t('people.users.fromBackoffice')}`}
      </td>
      <td>
        <div className="user-actions">
          {user.lockedOut && (
            <button type="button" onClick={() => run(() => api.call('people.unlock', { userId: user.id }))}>
              {t('people.users.unlock', { name: user.name })}
            </button>
          )}
          {local && user.active && (
            <>
              <input
                aria-label={t('people.users.resetPinFor', { name: user.name })}
                placeholder={t('people.users.resetPin')}
                type="password"
                inputMode="numeric"
                autoComplete="new-password"
                value={pin}
                onChange={(e) => setPin(digits(e.target.value))}
              />
              <button
                type="button"
                disabled={!PIN.test(pin)}
                onClick={() => {
                  run(() => api.call('people.resetPin', { userId: user.id, pin }));
                  setPin('');
                }}
              >
                {t('people.users.savePin', { name: user.name })}
              </button>
              <button type="button" onClick={() => run(() => api.call('people.deactivate', { userId: user.id }))}>
                {t('people.users.deactivate', { name: user.name })}
              </button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}
