import type { PaymentDto } from '../../../shared/api/schemas';
import type { PaymentRepository, PaymentRow } from '../repositories/payments';

export function toPaymentDto(
  row: PaymentRow,
  payments: PaymentRepository,
  terminalName: (id: string) => string,
): PaymentDto {
  return {
    id: row.id,
    reference: row.reference,
    customerId: row.customerId,
    customerName: row.customerName,
    amount: { minor: row.amountMinor, currency: row.currency },
    method: row.method,
    provider: row.provider,
    terminalId: row.terminalId,
    terminalName: terminalName(row.terminalId),
    status: row.status,
    phase: row.phase,
    cancelRequested: row.cancelRequested,
    providerRef: row.providerRef,
    cardBrand: row.cardBrand,
    cardLast4: row.cardLast4,
    failureReason: row.failureReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    allocations: payments.allocations(row.id).map(({ applied: _applied, ...line }) => line),
  };
}
