import type { PaymentEvent } from '../../../shared/payment/state-machine';
import type { PaymentStatus } from '../../../shared/payment/states';
import type { CardDetails, ProviderCapabilities, ProviderStatus } from './provider';

export interface MappedStatus {
  readonly event: PaymentEvent | null;
  readonly card: CardDetails | null;
  readonly failureReason: string | null;
  readonly slip?: readonly string[] | null;
  readonly providerRef?: string;
  /** What was actually paid, when the provider says it differs from the request. */
  readonly paidMinor?: number;
}

/**
 * Turns a provider's answer into a lifecycle event. `not_found` is only evidence that the attempt
 * never arrived when the provider can look attempts up by our reference; otherwise it proves nothing.
 */
export function mapProviderStatus(
  status: ProviderStatus,
  current: PaymentStatus,
  capabilities: ProviderCapabilities,
): MappedStatus {
  const none = { card: null, failureReason: null };
  switch (status.kind) {
    case 'not_found':
      if (current === 'recorded') return { event: { type: 'never_sent' }, card: null, failureReason: 'never_sent' };
      if (capabilities.lookupByReference) {
        return { event: { type: 'failed' }, card: null, failureReason: 'never_reached_provider' };
      }
      return { event: null, ...none };
    case 'pending':
      return { event: { type: 'progress', phase: status.phase }, ...none };
    case 'approved':
      return {
        event: { type: 'approved' },
        card: status.card,
        failureReason: null,
        slip: status.slip ?? null,
        ...(status.providerRef ? { providerRef: status.providerRef } : {}),
      };
    case 'authorized':
      // Approved by the customer but not captured: not paid yet (the tracker's capture step decides).
      return { event: { type: 'progress', phase: 'processing' }, ...none };
    case 'needs_review':
      return {
        event: { type: 'response_lost' },
        card: null,
        failureReason: status.reason,
        ...(status.paidMinor ? { paidMinor: status.paidMinor } : {}),
      };
    case 'declined':
      return { event: { type: 'declined' }, card: null, failureReason: status.reason };
    case 'failed':
      return { event: { type: 'failed' }, card: null, failureReason: status.reason };
    case 'cancelled':
      return { event: { type: 'cancelled' }, ...none };
    case 'expired':
      return { event: { type: 'expired' }, ...none };
  }
}
