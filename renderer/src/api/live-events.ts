import type { QueryClient } from '@tanstack/react-query';
import type { SystemStatus } from '../../../shared/api/schemas';
import type { ApiClient } from './api-client';
import { rememberPayment } from './cache';
import { keys } from './queries';

/** Pushed core events update the cache directly; the screen never polls. */
export function connectLiveEvents(api: ApiClient, queryClient: QueryClient): () => void {
  return api.subscribe((event) => {
    switch (event.type) {
      case 'payment.updated':
        rememberPayment(queryClient, event.payment);
        void queryClient.invalidateQueries({ queryKey: keys.active });
        void queryClient.invalidateQueries({ queryKey: keys.today });
        void queryClient.invalidateQueries({ queryKey: ['paylinks'] });
        void queryClient.invalidateQueries({ queryKey: keys.terminals });
        void queryClient.invalidateQueries({ queryKey: keys.customer(event.payment.customerId) });
        break;
      case 'invoices.changed':
        void queryClient.invalidateQueries({ queryKey: keys.invoices(event.customerId) });
        void queryClient.invalidateQueries({ queryKey: keys.customer(event.customerId) });
        void queryClient.invalidateQueries({ queryKey: ['customers', 'search'] });
        break;
      case 'unmatched.changed':
        void queryClient.invalidateQueries({ queryKey: keys.unmatched });
        break;
      case 'system.status': {
        const before = queryClient.getQueryData<SystemStatus>(keys.status);
        queryClient.setQueryData(keys.status, event.status);
        if (before?.sync.waiting !== event.status.sync.waiting || before?.sync.held !== event.status.sync.held) {
          void queryClient.invalidateQueries({ queryKey: keys.syncItems });
          // Delivered or refused payments change what the back-office says the invoices owe.
          void queryClient.invalidateQueries({ queryKey: ['invoices'] });
          void queryClient.invalidateQueries({ queryKey: ['customers'] });
        }
        break;
      }
    }
  });
}
