import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ExceptionListInput } from '../../../../shared/api/reconciliation-schemas';
import type { ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';

export type ExceptionFilter = z.input<typeof ExceptionListInput>;
/** A day's report, or one payout's. */
export type ReportOf = { day: string } | { payoutId: string };

export const reconKeys = {
  all: ['reconciliation'] as const,
  status: ['reconciliation', 'status'] as const,
  exceptions: (filter: ExceptionFilter) => ['reconciliation', 'exceptions', filter] as const,
  report: (of: ReportOf) => ['reconciliation', 'report', of] as const,
};

export const reconQueries = {
  /** Polled while an import runs, so its progress shows. */
  status: (api: ApiClient) =>
    queryOptions({
      queryKey: reconKeys.status,
      queryFn: () => api.call('reconciliation.status', {}),
      refetchInterval: (query) => (query.state.data?.running ? 500 : false),
    }),
  exceptions: (api: ApiClient, filter: ExceptionFilter) =>
    queryOptions({
      queryKey: reconKeys.exceptions(filter),
      queryFn: () => api.call('reconciliation.exceptions', filter),
    }),
  report: (api: ApiClient, of: ReportOf) =>
    queryOptions({
      queryKey: reconKeys.report(of),
      queryFn: () => api.call('reconciliation.report', of),
      enabled: 'payoutId' in of || /^\d{4}-\d{2}-\d{2}$/.test(of.day),
    }),
};

export function useImportNow() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => {
      // Show "running" at once; the status query polls while the import goes on.
      setTimeout(() => void client.invalidateQueries({ queryKey: reconKeys.status }), 100);
      return api.call('reconciliation.importNow', {});
    },
    onSettled: () => void client.invalidateQueries({ queryKey: reconKeys.all }),
  });
}

export function useResolveException() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; note: string }) => api.call('reconciliation.resolve', input),
    onSuccess: () => void client.invalidateQueries({ queryKey: reconKeys.all }),
  });
}

/** Saves an exported file the way a browser downloads one (also inside the desktop app's window). */
export function download(file: { fileName: string; base64: string }, type: string): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
