import { ApiError } from '../../../../shared/api/errors';
import { isCaptured } from '../../../../shared/payment/states';
import type { PaymentRepository } from '../../repositories/payments';
import type { HandlerMap } from './handler-map';
import { paymentOr404 } from './payment-lookup';

export interface ReceiptHandlerDeps {
  payments: PaymentRepository;
  renderReceipt: (paymentId: string, language: 'nl' | 'en') => Promise<Buffer>;
}

/** The customer's receipt as a PDF. */
export function createReceiptHandlers(deps: ReceiptHandlerDeps): HandlerMap<'receipts.pdf'> {
  const { payments, renderReceipt } = deps;
  return {
    async 'receipts.pdf'({ paymentId, locale }) {
      const row = paymentOr404(payments, paymentId);
      // A voided payment keeps its receipt, which says so.
      if (!isCaptured(row.status) && row.status !== 'voided')
        throw new ApiError('not_found', 'no receipt: the payment was not taken', { paymentId });
      const pdf = await renderReceipt(paymentId, locale);
      return { fileName: `receipt-${row.reference}.pdf`, base64: pdf.toString('base64') };
    },
  };
}
