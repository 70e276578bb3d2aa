import type { PaymentDto, SystemStatus } from './schemas';

/** Pushed from the core to every open screen; nobody polls. */
export type ServerEvent =
  | { readonly type: 'payment.updated'; readonly payment: PaymentDto }
  | { readonly type: 'system.status'; readonly status: SystemStatus }
  | { readonly type: 'invoices.changed'; readonly customerId: string }
  | { readonly type: 'unmatched.changed'; readonly count: number };
