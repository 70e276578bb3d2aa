import { ApiError } from '../../../../shared/api/errors';
import type { PaymentRepository, PaymentRow } from '../../repositories/payments';

/** The payment a method names, or the API's not_found: shared by every domain that takes a paymentId. */
export function paymentOr404(payments: Pick<PaymentRepository, 'get'>, paymentId: string): PaymentRow {
  const row = payments.get(paymentId);
  if (!row) throw new ApiError('not_found', 'payment not found', { paymentId });
  return row;
}
