import { type BackofficeHandlerDeps, createBackofficeHandlers } from './handlers/backoffice';
import { type CounterHandlerDeps, createCounterHandlers } from './handlers/counter';
import { type CustomerHandlerDeps, createCustomerHandlers } from './handlers/customers';
import { combineHandlers, type Handlers } from './handlers/handler-map';
import { createPaymentDecisionHandlers, type PaymentDecisionHandlerDeps } from './handlers/payment-decisions';
import { createPaymentHandlers, type PaymentHandlerDeps } from './handlers/payments';
import { createProviderSettingsHandlers, type ProviderSettingsHandlerDeps } from './handlers/provider-settings';
import { createReceiptHandlers, type ReceiptHandlerDeps } from './handlers/receipts';
import { createRefundHandlers, type RefundHandlerDeps } from './handlers/refunds';
import { createSyncHandlers, type SyncHandlerDeps } from './handlers/sync';
import { createSystemHandlers, type SystemHandlerDeps } from './handlers/system';
import { createTerminalHandlers, type TerminalHandlerDeps } from './handlers/terminals';
import { createUnmatchedHandlers, type UnmatchedHandlerDeps } from './handlers/unmatched';
import { createVoidHandlers, type VoidHandlerDeps } from './handlers/voids';

export type { Handlers } from './handlers/handler-map';

/** What the engine hands the API: the union of what each domain asks for, nothing more. */
export type HandlerDeps = SystemHandlerDeps &
  CustomerHandlerDeps &
  TerminalHandlerDeps &
  CounterHandlerDeps &
  PaymentHandlerDeps &
  PaymentDecisionHandlerDeps &
  RefundHandlerDeps &
  VoidHandlerDeps &
  UnmatchedHandlerDeps &
  ProviderSettingsHandlerDeps &
  SyncHandlerDeps &
  BackofficeHandlerDeps &
  ReceiptHandlerDeps;

/**
 * Every API method, one small module per domain under ./handlers/. The combined map must be exactly
 * the contract's method set: a method missing, unknown to the contract or handled twice fails to compile.
 * A new domain is one import above and one line below.
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  return combineHandlers(
    createSystemHandlers(deps),
    createCustomerHandlers(deps),
    createTerminalHandlers(deps),
    createCounterHandlers(deps),
    createPaymentHandlers(deps),
    createPaymentDecisionHandlers(deps),
    createRefundHandlers(deps),
    createVoidHandlers(deps),
    createUnmatchedHandlers(deps),
    createProviderSettingsHandlers(deps),
    createSyncHandlers(deps),
    createBackofficeHandlers(deps),
    createReceiptHandlers(deps),
  );
}
