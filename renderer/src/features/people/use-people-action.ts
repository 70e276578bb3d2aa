import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PeopleSession } from '../../../../shared/api/people-schemas';
import { describeFailure } from '../../i18n/describe-error';
import { useT } from '../../i18n/use-i18n';
import { sessionChanged } from './people-queries';

/** A call that yields a new session (sign in, enrol, first owner, lock), with its refusal in words. */
export function useSessionAction<I>(run: (input: I) => Promise<PeopleSession>) {
  const queryClient = useQueryClient();
  const t = useT();
  const mutation = useMutation({
    mutationFn: run,
    onSuccess: (session) => sessionChanged(queryClient, session),
  });
  const problem = mutation.error ? describeFailure(t, String, mutation.error) : null;
  return { ...mutation, problem };
}
