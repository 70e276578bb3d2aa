import type { QueryClient } from '@tanstack/react-query';
import type { PaymentDto } from '../../../shared/api/schemas';
import { keys } from './queries';

/**
 * The one place a payment the core sent back is written into the cache, whether it came as a
 * mutation's answer or as a pushed event: every screen showing that payment reads this entry.
 */
export function rememberPayment(queryClient: QueryClient, payment: PaymentDto): void {
  queryClient.setQueryData(keys.payment(payment.id), payment);
}

/** A decision or a second answer adds to the payment's trail: remember it and reload the trail. */
export function rememberPaymentAndTrail(queryClient: QueryClient, payment: PaymentDto): void {
  rememberPayment(queryClient, payment);
  void queryClient.invalidateQueries({ queryKey: keys.paymentEvents(payment.id) });
}
