import type { PaymentDto } from '../../../../shared/api/schemas';
import { type Clock, startOfLocalDay } from '../../clock';
import type { PaymentOrchestrator } from '../../payments/orchestrator';
import type { PaymentRepository, PaymentRow } from '../../repositories/payments';
import type { HandlerMap } from './handler-map';
import { paymentOr404 } from './payment-lookup';

export interface PaymentHandlerDeps {
  payments: PaymentRepository;
  orchestrator: PaymentOrchestrator;
  clock: Clock;
  toDto: (row: PaymentRow) => PaymentDto;
}

/** Taking a payment, cancelling it, and reading payments and their trail. */
export function createPaymentHandlers(
  deps: PaymentHandlerDeps,
): HandlerMap<
  | 'payments.start'
  | 'payments.cancel'
  | 'payments.cancelStart'
  | 'payments.get'
  | 'payments.active'
  | 'payments.today'
  | 'payments.events'
> {
  const { payments, orchestrator, clock, toDto } = deps;
  return {
    'payments.start': (input) => orchestrator.start(input),
    'payments.cancel': ({ paymentId }) => orchestrator.cancel(paymentId),
    'payments.cancelStart': ({ requestId }) => orchestrator.cancelStart(requestId),

    async 'payments.get'({ paymentId }) {
      return toDto(paymentOr404(payments, paymentId));
    },

    async 'payments.active'() {
      return payments.open().map(toDto);
    },

    async 'payments.today'() {
      return payments.createdSince(startOfLocalDay(clock.now()).toISOString()).map(toDto);
    },

    async 'payments.events'({ paymentId }) {
      paymentOr404(payments, paymentId);
      return payments.events(paymentId);
    },
  };
}
