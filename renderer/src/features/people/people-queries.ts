import { type QueryClient, queryOptions } from '@tanstack/react-query';
import type { PeopleSession } from '../../../../shared/api/people-schemas';
import type { ApiClient } from '../../api/api-client';

export const peopleKeys = {
  session: ['people', 'session'] as const,
  tiles: ['people', 'tiles'] as const,
  users: ['people', 'users'] as const,
};

export const peopleQueries = {
  /** Asked every 20 s too: the core may have locked the counter for idleness meanwhile. */
  session: (api: ApiClient) =>
    queryOptions({
      queryKey: peopleKeys.session,
      queryFn: () => api.call('people.session', {}),
      refetchInterval: 20_000,
    }),
  tiles: (api: ApiClient) => queryOptions({ queryKey: peopleKeys.tiles, queryFn: () => api.call('people.list', {}) }),
  users: (api: ApiClient) => queryOptions({ queryKey: peopleKeys.users, queryFn: () => api.call('people.users', {}) }),
};

/** A new session (sign-in, switch, lock): the screen follows, and everything else is asked again. */
export function sessionChanged(queryClient: QueryClient, session: PeopleSession): void {
  queryClient.setQueryData(peopleKeys.session, session);
  void queryClient.invalidateQueries({
    predicate: (query) => query.queryKey[0] !== 'people' || query.queryKey[1] !== 'session',
  });
}
