import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';

export const paylinkKeys = { all: ['paylinks'] as const, list: ['paylinks', 'list'] as const };

export const paylinkQueries = {
  list: (api: ApiClient) => queryOptions({ queryKey: paylinkKeys.list, queryFn: () => api.call('paylinks.list', {}) }),
};

/** E-mails a payment's link (a durable job in the core); the list shows the job's state. */
export function useEmailPayLink() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { paymentId: string; to: string; language: 'nl' | 'en' }) => api.call('paylinks.email', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: paylinkKeys.all }),
  });
}
