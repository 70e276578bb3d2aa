import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from './api-client';
import { keys } from './queries';

/** Pushed core events update the cache directly; the screen never polls. */
export function connectLiveEvents(api: ApiClient, queryClient: QueryClient): () => void {
  return api.subscribe((event) => {
    switch (event.type) {
      case 'payment.updated':
        queryClient.setQueryData(keys.payment(event.payment.id), event.payment);
        void queryClient.invalidateQueries({ queryKey: keys.active });
        void queryClient.invalidateQueries({ queryKey: keys.today });
        void queryClient.invalidateQueries({ queryKey: keys.terminals });
        void queryClient.invalidateQueries({ queryKey: keys.customer(event.payment.customerId) });
        break;
      case 'invoices.changed':
        void queryClient.invalidateQueries({ queryKey: keys.invoices(event.customerId) });
        void queryClient.invalidateQueries({ queryKey: keys.customer(event.customerId) });
        void queryClient.invalidateQueries({ queryKey: ['customers', 'search'] });
        break;
      case 'system.status':
        queryClient.setQueryData(keys.status, event.status);
        break;
    }
  });
}
