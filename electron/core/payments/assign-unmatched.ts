import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import type { AssignUnmatchedInput } from '../../../shared/api/schemas';
import type { AuditAppend } from '../audit/audit-entry';
import type { Db } from '../db/open-database';
import type { PaymentRow } from '../repositories/payments';
import type { UnmatchedRepository } from '../repositories/unmatched';
import type { PaymentLedger } from './payment-ledger';
import type { TakenPaymentInput } from './record-attempt';

/**
 * Assigns a payment taken on a device (no Kassa reference) to a customer's invoices. The new
 * payment, its allocations, the outbox message and the "assigned" mark commit together, so the same
 * money can never be assigned twice.
 */
export function createUnmatchedAssigner(deps: {
  db: Db;
  unmatched: UnmatchedRepository;
  recordTaken: (input: TakenPaymentInput) => PaymentRow;
  ledger: PaymentLedger;
  /** The audit trail (ADR 0016): the assignment, in its transaction. */
  audit?: AuditAppend;
}) {
  const assign = deps.db.transaction((input: AssignUnmatchedInput): PaymentRow => {
    const item = deps.unmatched.get(input.unmatchedId);
    if (!item) throw new ApiError('not_found', 'unmatched payment not found', { unmatchedId: input.unmatchedId });
    if (item.paymentId) {
      throw new ApiError('unmatched_already_assigned', 'already assigned', { unmatchedId: input.unmatchedId });
    }
    const row = deps.recordTaken({
      requestId: randomUUID(),
      customerId: input.customerId,
      invoiceIds: input.invoiceIds,
      amount: { minor: item.amountMinor, currency: item.currency },
      terminalId: item.terminalId ?? 'device',
      provider: item.provider,
      providerRef: item.providerRef,
      card: item.cardLast4 ? { brand: item.cardBrand, last4: item.cardLast4 } : null,
    });
    deps.unmatched.assign(item.id, row.id);
    deps.audit?.({
      action: 'unmatched.assign',
      subject: { kind: 'unmatched', id: item.id },
      before: { paymentId: null },
      after: {
        paymentId: row.id,
        customerId: input.customerId,
        invoiceIds: input.invoiceIds,
        amount: { minor: item.amountMinor, currency: item.currency },
        provider: item.provider,
      },
    });
    return deps.ledger.takenElsewhere(row.id, { unmatchedId: item.id, providerRef: item.providerRef });
  });
  return (input: AssignUnmatchedInput): PaymentRow => assign.immediate(input);
}
