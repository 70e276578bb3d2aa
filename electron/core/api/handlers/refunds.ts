import type { PaymentDto } from '../../../../shared/api/schemas';
import type { RefundService } from '../../payments/refund-service';
import type { PaymentRow } from '../../repositories/payments';
import type { HandlerMap } from './handler-map';

export interface RefundHandlerDeps {
  refunds: RefundService;
  toDto: (row: PaymentRow) => PaymentDto;
}

/** Giving money back, and refunds whose answer was lost. */
export function createRefundHandlers(
  deps: RefundHandlerDeps,
): HandlerMap<'payments.refund' | 'refunds.retry' | 'refunds.decide'> {
  const { refunds, toDto } = deps;
  return {
    async 'payments.refund'(input) {
      return toDto(await refunds.refund(input));
    },

    async 'refunds.retry'({ refundId }) {
      return toDto(await refunds.retry(refundId));
    },

    async 'refunds.decide'({ refundId, outcome, note }) {
      return toDto(refunds.decide(refundId, outcome, note));
    },
  };
}
