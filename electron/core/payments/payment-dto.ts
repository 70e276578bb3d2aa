import type { PaymentDto, RefundKind } from '../../../shared/api/schemas';
import type { PaymentRepository, PaymentRow } from '../repositories/payments';
import { type RefundRepository, toRefundDto } from '../repositories/refunds';

const REFUNDABLE = new Set(['approved', 'paid_after_cancel', 'partially_refunded']);

export function toPaymentDto(
  row: PaymentRow,
  deps: {
    payments: PaymentRepository;
    refunds: RefundRepository;
    terminalName: (id: string) => string;
    refundKinds: (row: PaymentRow) => readonly RefundKind[];
    idempotentRefunds: (row: PaymentRow) => boolean;
    /** Defaults: configured, not voidable, no void asked. */
    providerConfigured?: (row: PaymentRow) => boolean;
    voidable?: (row: PaymentRow) => boolean;
    voidStatus?: (row: PaymentRow) => PaymentDto['voidStatus'];
  },
): PaymentDto {
  return {
    id: row.id,
    reference: row.reference,
    customerId: row.customerId,
    customerName: row.customerName,
    amount: { minor: row.amountMinor, currency: row.currency },
    method: row.method,
    provider: row.provider,
    phone: row.phone,
    terminalId: row.terminalId,
    terminalName: deps.terminalName(row.terminalId),
    status: row.status,
    phase: row.phase,
    cancelRequested: row.cancelRequested,
    providerRef: row.providerRef,
    cardBrand: row.cardBrand,
    cardLast4: row.cardLast4,
    failureReason: row.failureReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    allocations: deps.payments.allocations(row.id).map(({ applied: _applied, ...line }) => line),
    refundedMinor: row.refundedMinor,
    refunds: deps.refunds.forPayment(row.id).map((refund) => toRefundDto(refund, deps.idempotentRefunds(row))),
    refundKinds: REFUNDABLE.has(row.status) && row.refundedMinor < row.amountMinor ? [...deps.refundKinds(row)] : [],
    cardSlip: row.cardSlip ? (JSON.parse(row.cardSlip) as string[]) : null,
    providerConfigured: deps.providerConfigured?.(row) ?? true,
    voidable: deps.voidable?.(row) ?? false,
    voidStatus: deps.voidStatus?.(row) ?? null,
    payLink: row.payLinkUrl
      ? { url: row.payLinkUrl, expiresAt: row.payLinkExpiresAt, use: row.linkUse ?? 'counter' }
      : null,
  };
}
