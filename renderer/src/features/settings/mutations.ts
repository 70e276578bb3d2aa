import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../../shared/api/contract';
import { useApi } from '../../api/api-context';
import { keys } from '../../api/queries';

/**
 * One hook per thing a manager does in Settings. None of them touches a payment: each writes the
 * core's answer into its own cache entry and reloads what the change can affect.
 */

/** Where this counter syncs to. A new back-office changes every list, so everything is reloaded. */
export function useConfigureBackoffice() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'backoffice.configure'>) => api.call('backoffice.configure', input),
    onSuccess: (settings) => {
      queryClient.setQueryData(keys.backoffice, settings);
      void queryClient.invalidateQueries();
    },
  });
}

/** One provider's settings; its terminals may come or go with new credentials. */
export function useSaveProviderSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'providers.settings.save'>) => api.call('providers.settings.save', input),
    onSuccess: (list) => {
      queryClient.setQueryData(keys.providers, list);
      void queryClient.invalidateQueries({ queryKey: keys.terminals });
    },
  });
}

/** Looks for terminals on the shop network; the answer is shown only next to the list. */
export function useDiscoverTerminals() {
  const api = useApi();
  return useMutation({ mutationFn: () => api.call('terminals.discover', {}) });
}

/** Cloud or LAN for one terminal: the core answers with the whole terminal list. */
export function useSetTerminalConnection() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'terminals.setConnection'>) => api.call('terminals.setConnection', input),
    onSuccess: (list) => queryClient.setQueryData(keys.terminals, list),
  });
}
