import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-i18n';
import { FirstRunOwner } from './FirstRunOwner';
import { ManagerApprovalDialog } from './ManagerApprovalDialog';
import { usePeopleScreen } from './people-broker';
import { peopleKeys, peopleQueries } from './people-queries';
import { SignInScreen } from './SignInScreen';
import './people.css';

/** Activity reaches the core at most this often; the idle lock counts from the last one it heard. */
const HEARTBEAT_MS = 30_000;

/**
 * Nothing of the counter shows until someone is signed in: first run creates the owner, otherwise
 * the sign-in tiles; a locked counter (quick switch, idle) shows the same tiles. The core decides;
 * this only follows `people.session`.
 */
export function PeopleGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const t = useT();
  const queryClient = useQueryClient();
  const session = useQuery(peopleQueries.session(api));
  const lost = usePeopleScreen((state) => state.sessionLost);
  const signedIn = Boolean(session.data?.user && !session.data.locked);

  useEffect(() => {
    if (lost > 0) void queryClient.invalidateQueries({ queryKey: peopleKeys.session });
  }, [lost, queryClient]);

  // Keys and taps at the counter keep the idle lock away (the core is told at most every 30 s).
  useEffect(() => {
    if (!signedIn) return;
    let last = 0;
    const active = () => {
      const now = Date.now();
      if (now - last < HEARTBEAT_MS) return;
      last = now;
      api
        .call('people.session', { active: true })
        .then((next) => queryClient.setQueryData(peopleKeys.session, next))
        .catch(() => {});
    };
    window.addEventListener('keydown', active);
    window.addEventListener('pointerdown', active);
    return () => {
      window.removeEventListener('keydown', active);
      window.removeEventListener('pointerdown', active);
    };
  }, [signedIn, api, queryClient]);

  if (!session.data) {
    return session.isError ? (
      <p className="fatal" role="alert">
        {t('error.internal')}
      </p>
    ) : null;
  }
  if (session.data.firstRun) return <FirstRunOwner />;
  if (!signedIn) return <SignInScreen session={session.data} />;
  return (
    <>
      {children}
      <ManagerApprovalDialog />
    </>
  );
}
