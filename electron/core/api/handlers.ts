import { createAuditHandlers } from './handlers/audit';
import { createBackofficeHandlers } from './handlers/backoffice';
import { createCounterHandlers } from './handlers/counter';
import { createCustomerHandlers } from './handlers/customers';
import { createDayHandlers } from './handlers/day';
import { createHandlersFrom, type DepsOf, type Handlers } from './handlers/handler-map';
import { createPaylinkHandlers } from './handlers/paylinks';
import { createPaymentDecisionHandlers } from './handlers/payment-decisions';
import { createPaymentHandlers } from './handlers/payments';
import { createPeopleHandlers } from './handlers/people';
import { createProviderSettingsHandlers } from './handlers/provider-settings';
import { createReceiptHandlers } from './handlers/receipts';
import { createReconciliationHandlers } from './handlers/reconciliation';
import { createRefundHandlers } from './handlers/refunds';
import { createSyncHandlers } from './handlers/sync';
import { createSystemHandlers } from './handlers/system';
import { createTerminalHandlers } from './handlers/terminals';
import { createUnmatchedHandlers } from './handlers/unmatched';
import { createVoidHandlers } from './handlers/voids';
import { createPrintEmailHandlers } from './handlers-print-email';

export type { Handlers } from './handlers/handler-map';

/**
 * Every API method, one small module per domain under ./handlers/, each taking only the dependencies
 * it needs. The combined map must be exactly the contract's method set: a method missing, unknown to
 * the contract or handled by two domains does not compile. A new domain is one import and one line here.
 */
const DOMAINS = [
  createSystemHandlers,
  createCustomerHandlers,
  createTerminalHandlers,
  createCounterHandlers,
  createPaymentHandlers,
  createPaymentDecisionHandlers,
  createRefundHandlers,
  createVoidHandlers,
  createUnmatchedHandlers,
  createProviderSettingsHandlers,
  createSyncHandlers,
  createBackofficeHandlers,
  createReceiptHandlers,
  createPrintEmailHandlers,
  createAuditHandlers,
  createPeopleHandlers,
  createDayHandlers,
  createPaylinkHandlers,
  createReconciliationHandlers,
] as const;

/** What the engine hands the API: the union of what the domains ask for, nothing more. */
export type HandlerDeps = DepsOf<typeof DOMAINS>;

export function createHandlers(deps: HandlerDeps): Handlers {
  return createHandlersFrom(DOMAINS, deps);
}
