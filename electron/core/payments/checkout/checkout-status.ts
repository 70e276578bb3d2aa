import type { ProviderStatus } from '../provider';
import type { PaymentDetails } from './checkout-schemas';

/** Checkout.com's "Approved" response code (10000); 10xxx are approvals, 20xxx/30xxx/40xxx declines. */
export const APPROVED_CODE = /^10\d{3}$/;

/**
 * What a payment read says, in Kassa's terms. `capture`: the link captures by itself (true), so an
 * authorisation is only a moment before the capture; with false Kassa captures it (capture-step.ts).
 * Refunded or partly refunded payments were taken first: the refunds are Kassa's own records.
 */
export function describePayment(payment: PaymentDetails, capture: boolean): ProviderStatus {
  const raw = payment.status;
  switch (payment.status) {
    case 'Pending':
    case 'Active':
    case 'Requested':
    case 'Retry Scheduled':
      return { kind: 'pending', phase: 'processing', raw };
    case 'Authorized':
    case 'Card Verified': {
      if (capture) return { kind: 'pending', phase: 'processing', raw };
      const capturable = payment.balances?.available_to_capture ?? payment.amount;
      return { kind: 'authorized', capturableMinor: capturable, raw };
    }
    case 'Captured':
    case 'Partially Captured':
    case 'Paid':
    case 'Partially Refunded':
    case 'Refunded':
      return { kind: 'approved', card: cardOf(payment), providerRef: payment.id, raw };
    case 'Declined':
      return { kind: 'declined', reason: declineReason(payment), raw };
    case 'Voided':
    case 'Canceled':
      return { kind: 'cancelled', raw };
    case 'Expired':
      return { kind: 'expired', raw };
  }
}

/** Brand and last four only, from `source`; nothing else of the card is read or kept. */
function cardOf(payment: PaymentDetails) {
  const source = payment.source;
  if (source?.type !== 'card' || !source.last4 || !/^\d{4}$/.test(source.last4)) return null;
  return { brand: source.scheme ?? 'card', last4: source.last4 };
}

function declineReason(payment: PaymentDetails): string {
  const authorization = payment.actions?.find((a) => a.type === 'Authorization');
  return authorization?.response_code ? `declined_${authorization.response_code}` : 'declined';
}
