import type { QueryClient } from '@tanstack/react-query';
import type { PaymentDto } from '../../../shared/api/schemas';
import { keys } from './queries';

/**
 * The one place a payment the core sent back is written into the cache, whether it came as a
 * mutation's answer or as a pushed event: every screen showing that payment reads this entry.
 * An answer can arrive after a newer push (a cancel's reply after the "paid after cancel" event):
 * an older state never replaces a newer one.
 */
export function rememberPayment(queryClient: QueryClient, payment: PaymentDto): void {
  queryClient.setQueryData<PaymentDto>(keys.payment(payment.id), (known) =>
    known && Date.parse(known.updatedAt) > Date.parse(payment.updatedAt) ? known : payment,
  );
}

/** A decision or a second answer adds to the payment's trail: remember it and reload the trail. */
export function rememberPaymentAndTrail(queryClient: QueryClient, payment: PaymentDto): void {
  rememberPayment(queryClient, payment);
  void queryClient.invalidateQueries({ queryKey: keys.paymentEvents(payment.id) });
}
