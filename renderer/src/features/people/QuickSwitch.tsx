import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useState } from 'react';
import { createPortal } from 'react-dom';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-i18n';
import { peopleQueries, sessionChanged } from './people-queries';
import { UsersDialog } from './UsersDialog';

/**
 * In the header, one button with the signed-in person's name (the header is full): it opens
 * "Switch user" (locks for the next person), the users screen for a manager, and sign out.
 */
export function QuickSwitch() {
  const api = useApi();
  const t = useT();
  const queryClient = useQueryClient();
  const user = useQuery(peopleQueries.session(api)).data?.user;
  const [open, setOpen] = useState(false);
  const [usersOpen, setUsersOpen] = useState(false);
  if (!user) return null;
  const manager = user.role === 'manager' || user.role === 'owner';
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') setOpen(false);
  };
  const session = (method: 'people.lock' | 'people.signOut') => {
    setOpen(false);
    void api.call(method, {}).then((next) => sessionChanged(queryClient, next));
  };
  return (
    <div className="quick-switch">
      <button
        type="button"
        className="signed-in"
        data-testid="signed-in"
        aria-expanded={open}
        aria-controls="quick-switch-menu"
        title={t('people.signedInAs', { name: user.name, role: t(`people.role.${user.role}` as const) })}
        onClick={() => setOpen(!open)}
        onKeyDown={closeOnEscape}
      >
        <span className="visually-hidden">{t('people.signedInLabel')} </span>
        {user.name}
      </button>
      {open && (
        <div id="quick-switch-menu" className="quick-switch-menu">
          <button type="button" onKeyDown={closeOnEscape} onClick={() => session('people.lock')}>
            {t('people.switch')}
          </button>
          {manager && (
            <button
              type="button"
              onKeyDown={closeOnEscape}
              onClick={() => {
                setOpen(false);
                setUsersOpen(true);
              }}
            >
              {t('people.users.open')}
            </button>
          )}
          <button type="button" onKeyDown={closeOnEscape} onClick={() => session('people.signOut')}>
            {t('people.signOut')}
          </button>
        </div>
      )}
      {/* Out of the header: the dialog must not inherit the header's white-on-green look. */}
      {usersOpen && createPortal(<UsersDialog onClose={() => setUsersOpen(false)} />, document.body)}
    </div>
  );
}
