import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';

/** The Day screen's queries: refreshed every few seconds, so the X report stays live while it is open. */
export const dayKeys = {
  all: ['day'] as const,
  current: ['day', 'current'] as const,
  x: ['day', 'x'] as const,
  z: (number: number) => ['day', 'z', number] as const,
  jobs: (number: number) => ['day', 'jobs', number] as const,
  history: ['day', 'history'] as const,
};

export const dayQueries = {
  current: (api: ApiClient) =>
    queryOptions({ queryKey: dayKeys.current, queryFn: () => api.call('day.current', {}), refetchInterval: 3_000 }),
  x: (api: ApiClient, enabled: boolean) =>
    queryOptions({ queryKey: dayKeys.x, queryFn: () => api.call('day.xReport', {}), enabled, refetchInterval: 3_000 }),
  z: (api: ApiClient, number: number) =>
    queryOptions({ queryKey: dayKeys.z(number), queryFn: () => api.call('day.zReport', { number }) }),
  jobs: (api: ApiClient, number: number) =>
    queryOptions({
      queryKey: dayKeys.jobs(number),
      queryFn: () => api.call('day.zJobs', { number }),
      refetchInterval: 1_500,
    }),
  history: (api: ApiClient) =>
    queryOptions({ queryKey: dayKeys.history, queryFn: () => api.call('day.history', { limit: 14 }) }),
};

/** A day action; every day query is fresh afterwards. */
export function useDayAction<I, O>(run: (api: ApiClient, input: I) => Promise<O>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => run(api, input),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: dayKeys.all }),
  });
}
