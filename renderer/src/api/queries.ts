import { queryOptions } from '@tanstack/react-query';
import { invoiceFromRow } from '../../../shared/api/schemas';
import type { ApiClient } from './api-client';

/** Query keys in one place, so pushed events invalidate exactly what they change. */
export const keys = {
  status: ['system', 'status'] as const,
  search: (query: string) => ['customers', 'search', query] as const,
  customer: (id: string) => ['customers', 'card', id] as const,
  customers: ['customers'] as const,
  invoices: (customerId: string) => ['invoices', customerId] as const,
  terminals: ['terminals'] as const,
  settings: ['counter', 'settings'] as const,
  payment: (id: string) => ['payments', 'one', id] as const,
  paymentEvents: (id: string) => ['payments', 'events', id] as const,
  active: ['payments', 'active'] as const,
  today: ['payments', 'today'] as const,
  syncItems: ['sync', 'items'] as const,
  backoffice: ['backoffice', 'settings'] as const,
  unmatched: ['unmatched'] as const,
  providers: ['providers', 'settings'] as const,
};

export const queries = {
  status: (api: ApiClient) => queryOptions({ queryKey: keys.status, queryFn: () => api.call('system.status', {}) }),
  search: (api: ApiClient, query: string) =>
    queryOptions({
      queryKey: keys.search(query),
      queryFn: () => api.call('customers.search', { query }),
      enabled: query.trim().length > 0,
      staleTime: 5_000,
    }),
  customer: (api: ApiClient, customerId: string) =>
    queryOptions({ queryKey: keys.customer(customerId), queryFn: () => api.call('customers.card', { customerId }) }),
  invoices: (api: ApiClient, customerId: string) =>
    queryOptions({
      queryKey: keys.invoices(customerId),
      // Compact rows over the wire (the 5,000-invoice account); the screen works with Invoice objects.
      // No zod parse here: the core builds these rows from its own store and the contract types them;
      // the one runtime parse is the core's, on what comes in (shared/api/contract.ts).
      queryFn: async () => (await api.call('invoices.openRows', { customerId })).map(invoiceFromRow),
    }),
  terminals: (api: ApiClient) =>
    queryOptions({ queryKey: keys.terminals, queryFn: () => api.call('terminals.list', {}) }),
  settings: (api: ApiClient) =>
    queryOptions({ queryKey: keys.settings, queryFn: () => api.call('counter.settings', {}) }),
  payment: (api: ApiClient, paymentId: string) =>
    queryOptions({ queryKey: keys.payment(paymentId), queryFn: () => api.call('payments.get', { paymentId }) }),
  paymentEvents: (api: ApiClient, paymentId: string) =>
    queryOptions({
      queryKey: keys.paymentEvents(paymentId),
      queryFn: () => api.call('payments.events', { paymentId }),
    }),
  active: (api: ApiClient) => queryOptions({ queryKey: keys.active, queryFn: () => api.call('payments.active', {}) }),
  today: (api: ApiClient) => queryOptions({ queryKey: keys.today, queryFn: () => api.call('payments.today', {}) }),
  backoffice: (api: ApiClient) =>
    queryOptions({ queryKey: keys.backoffice, queryFn: () => api.call('backoffice.settings', {}) }),
  syncItems: (api: ApiClient) => queryOptions({ queryKey: keys.syncItems, queryFn: () => api.call('sync.items', {}) }),
  unmatched: (api: ApiClient) =>
    queryOptions({ queryKey: keys.unmatched, queryFn: () => api.call('unmatched.list', {}) }),
  providers: (api: ApiClient) =>
    queryOptions({ queryKey: keys.providers, queryFn: () => api.call('providers.settings.list', {}) }),
};
