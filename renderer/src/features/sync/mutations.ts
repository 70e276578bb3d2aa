import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { keys } from '../../api/queries';

/** Sends one held or waiting item again; the core answers with the new list. */
export function useRetrySyncItem() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.call('sync.retry', { id }),
    onSuccess: (rows) => queryClient.setQueryData(keys.syncItems, rows),
  });
}

/** Delivers what waits now instead of at the next tick. */
export function useSyncNow() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.call('sync.now', {}),
    onSuccess: (status) => {
      queryClient.setQueryData(keys.status, status);
      void queryClient.invalidateQueries({ queryKey: keys.syncItems });
    },
  });
}
