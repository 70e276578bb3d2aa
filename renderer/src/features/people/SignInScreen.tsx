import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PeopleSession, PersonTile } from '../../../../shared/api/people-schemas';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { useT } from '../../i18n/use-i18n';
import { EnrolForm } from './EnrolForm';
import { PinPad } from './PinPad';
import { peopleQueries } from './people-queries';
import { useSessionAction } from './use-people-action';

/** Large name tiles, then the PIN pad; also the lock screen (quick switch, idle lock). */
export function SignInScreen({ session }: { session: PeopleSession }) {
  const api = useApi();
  const t = useT();
  const tiles = useQuery(peopleQueries.tiles(api));
  const demo = useQuery(queries.status(api)).data?.mode === 'demo';
  const [chosen, setChosen] = useState<PersonTile | null>(null);
  const signIn = useSessionAction((input: { userId: string; pin: string }) => api.call('people.signIn', input));
  const locked = session.locked && session.user;

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{locked ? t('people.locked.title') : t('people.signIn.title')}</h1>
      <p className="muted">
        {locked ? t('people.locked.by', { name: session.user?.name ?? '' }) : t('people.signIn.choose')}
      </p>
      {demo && <p className="demo-hint">{t('people.demoHint')}</p>}
      {!chosen ? (
        <ul className="person-tiles">
          {(tiles.data ?? []).map((person) => (
            <li key={person.id}>
              <button
                type="button"
                className="person-tile"
                disabled={person.lockedOut}
                onClick={() => {
                  signIn.reset();
                  setChosen(person);
                }}
              >
                <span className="person-name">{person.name}</span>
                <span className="person-role">{t(`people.role.${person.role}` as const)}</span>
                {person.lockedOut && <span className="person-note">{t('people.lockedOut')}</span>}
                {person.needsEnrolment && <span className="person-note">{t('people.needsEnrolment')}</span>}
              </button>
            </li>
          ))}
          {tiles.data?.length === 0 && <li className="muted">{t('people.signIn.none')}</li>}
        </ul>
      ) : (
        <section className="pin-entry" aria-labelledby="pin-entry-name">
          <h2 id="pin-entry-name">{chosen.name}</h2>
          {chosen.needsEnrolment ? (
            <EnrolForm person={chosen} />
          ) : (
            <PinPad
              label={t('people.signIn.pinFor', { name: chosen.name })}
              submitLabel={t('people.signIn.submit')}
              busy={signIn.isPending}
              resetKey={signIn.error}
              onSubmit={(pin) => signIn.mutate({ userId: chosen.id, pin })}
            />
          )}
          {signIn.problem && (
            <p className="form-error" role="alert">
              {signIn.problem}
            </p>
          )}
          <button
            type="button"
            className="secondary-action"
            onClick={() => {
              setChosen(null);
              void tiles.refetch();
            }}
          >
            {t('people.signIn.back')}
          </button>
        </section>
      )}
    </main>
  );
}
