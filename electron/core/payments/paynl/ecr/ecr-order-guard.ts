import type { PaymentRepository } from '../../../repositories/payments';
import type { UnmatchedRepository } from '../../../repositories/unmatched';
import type { LanOrderGuard } from './ecr-cloud-check';

/**
 * The store's side of the LAN check: a Pay. id a terminal names must not already belong to another
 * payment (the unique index on payments.provider_ref backs this up) nor to a device payment waiting to
 * be assigned — otherwise one card payment could pay two sets of invoices.
 */
export function createLanOrderGuard(deps: {
  payments: Pick<PaymentRepository, 'byProviderRef' | 'byReference'>;
  unmatched: Pick<UnmatchedRepository, 'byProviderRef'>;
  /** The ledger's evidence facility (bound late: the ledger is built after the providers). */
  note: (paymentId: string, event: string, detail: unknown) => void;
}): LanOrderGuard {
  return {
    ownerOf(ids, reference) {
      for (const id of ids) {
        const payment = deps.payments.byProviderRef('paynl', id);
        if (payment && payment.reference !== reference) return `payment ${payment.reference}`;
        const device = deps.unmatched.byProviderRef('paynl', id);
        if (device) return `unmatched ${device.id}`;
      }
      return null;
    },
    note(reference, event, detail) {
      const payment = deps.payments.byReference(reference);
      if (payment) deps.note(payment.id, event, detail);
    },
  };
}
