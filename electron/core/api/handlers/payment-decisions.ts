import { ApiError } from '../../../../shared/api/errors';
import type { PaymentDto } from '../../../../shared/api/schemas';
import { isOpen } from '../../../../shared/payment/states';
import type { Applied, PaymentLedger } from '../../payments/payment-ledger';
import type { ProviderRegistry } from '../../payments/provider-registry';
import type { PaymentRepository, PaymentRow } from '../../repositories/payments';
import type { HandlerMap } from './handler-map';
import { paymentOr404 } from './payment-lookup';

export interface PaymentDecisionHandlerDeps {
  payments: PaymentRepository;
  registry: ProviderRegistry;
  ledger: PaymentLedger;
  toDto: (row: PaymentRow) => PaymentDto;
  onApplied: (applied: Applied) => void;
  /** Asks the payment's provider once (throws when it cannot be reached). */
  checkPayment: (paymentId: string) => Promise<unknown>;
}

/** A payment whose outcome the counter cannot settle alone: ask again, keep it, or a manager decides. */
export function createPaymentDecisionHandlers(
  deps: PaymentDecisionHandlerDeps,
): HandlerMap<'payments.keep' | 'payments.check' | 'payments.resolve'> {
  const { payments, registry, ledger, toDto, onApplied } = deps;
  return {
    async 'payments.keep'({ paymentId }) {
      const payment = paymentOr404(payments, paymentId);
      if (payment.status !== 'paid_after_cancel') {
        throw new ApiError('cannot_keep', 'only a payment taken after cancel can be kept', { status: payment.status });
      }
      const applied = ledger.apply(paymentId, { type: 'keep' }, { detail: { by: 'manager' } });
      onApplied(applied);
      return toDto(applied.payment);
    },

    async 'payments.check'({ paymentId }) {
      paymentOr404(payments, paymentId);
      // Unreachable again: the payment stays as it is and the tracker keeps asking.
      await deps.checkPayment(paymentId).catch(() => undefined);
      return toDto(paymentOr404(payments, paymentId));
    },

    async 'payments.resolve'({ paymentId, outcome, note }) {
      const payment = paymentOr404(payments, paymentId);
      // An open payment whose provider is no longer configured can never be asked about: a manager decides it too.
      const providerMissing = !registry.provider(payment.provider);
      const orphaned = providerMissing && isOpen(payment.status) && payment.status !== 'recorded';
      if (payment.status !== 'unknown' && !orphaned) {
        throw new ApiError('cannot_resolve', 'only a payment whose outcome is unknown is decided by hand', {
          status: payment.status,
        });
      }
      const applied = ledger.resolveByHand(paymentId, outcome, note, providerMissing);
      onApplied(applied);
      return toDto(applied.payment);
    },
  };
}
