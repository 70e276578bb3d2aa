import { z } from 'zod';
import { BoAuditEvent, type BoPaymentRecord, BoSettlementRefs } from '../../../shared/backoffice/schemas';

/** What the ledger writes into the outbox when a payment is approved (see payment-ledger.ts). */
export const ApprovedPayload = z.object({
  paymentId: z.string(),
  reference: z.string(),
  customerId: z.string(),
  amount: z.object({ minor: z.number().int(), currency: z.string() }),
  method: z.enum(['card_terminal', 'mobile_request', 'payment_link', 'keyed_card', 'on_file']),
  provider: z.string(),
  providerRef: z.string().nullable(),
  terminalId: z.string().nullable(),
  card: z.object({ brand: z.string().nullable(), last4: z.string() }).nullable(),
  allocations: z.array(z.object({ invoiceId: z.string(), amountMinor: z.number().int() })),
  approvedAt: z.string(),
});
export type ApprovedPayload = z.infer<typeof ApprovedPayload>;

export const ReceiptPayload = z.object({ paymentId: z.string(), locale: z.enum(['nl', 'en']) });

/** A refund's own document (see receipts/receipt-documents.ts). */
export const RefundReceiptPayload = z.object({
  refundId: z.string(),
  paymentId: z.string(),
  locale: z.enum(['nl', 'en']),
});

/** A payment's settlement references after reconciliation (reconciliation/settlement-refs.ts). */
export const SettlementRefsPayload = BoSettlementRefs.omit({ stationId: true });

export function toPaymentRecord(payload: ApprovedPayload, stationId: string): BoPaymentRecord {
  return { ...payload, stationId };
}

/** One audit row (electron/core/audit/audit-trail.ts), sent as stored: `POST /v1/audit-events`. */
export const AuditEventPayload = BoAuditEvent;
