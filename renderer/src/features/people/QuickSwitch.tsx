import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-i18n';
import { peopleQueries, sessionChanged } from './people-queries';
import { UsersDialog } from './UsersDialog';

/** In the header: who is signed in, "Switch user" (locks for the next person), and the users screen. */
export function QuickSwitch() {
  const api = useApi();
  const t = useT();
  const queryClient = useQueryClient();
  const user = useQuery(peopleQueries.session(api)).data?.user;
  const [usersOpen, setUsersOpen] = useState(false);
  if (!user) return null;
  const manager = user.role === 'manager' || user.role === 'owner';
  return (
    <div className="quick-switch">
      <span
        className="signed-in"
        data-testid="signed-in"
        title={t('people.signedInAs', { name: user.name, role: t(`people.role.${user.role}` as const) })}
      >
        <span className="visually-hidden">{t('people.signedInLabel')} </span>
        {user.name}
      </span>
      {manager && (
        <button type="button" onClick={() => setUsersOpen(true)}>
          {t('people.users.open')}
        </button>
      )}
      <button
        type="button"
        title={t('people.switchTitle')}
        onClick={() => api.call('people.lock', {}).then((session) => sessionChanged(queryClient, session))}
      >
        {t('people.switch')}
      </button>
      {usersOpen && <UsersDialog onClose={() => setUsersOpen(false)} />}
    </div>
  );
}
