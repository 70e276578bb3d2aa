import { z } from 'zod';
import { PAYMENT_STATUSES, PENDING_PHASES } from '../payment/states';

import { Id, IsoDate, IsoDateTime, MoneyDto } from './primitives';

export * from './decision-schemas';
export * from './primitives';
export * from './settings-schemas';
export * from './sync-schemas';

export const CustomerHit = z.object({
  id: Id,
  number: z.string(),
  name: z.string(),
  city: z.string(),
  openInvoiceCount: z.number().int(),
  outstandingMinor: z.number().int(),
  currency: z.string(),
  /** Set when the query was an invoice number: the cashier scanned this invoice. */
  matchedInvoiceId: Id.nullable(),
});
export type CustomerHit = z.infer<typeof CustomerHit>;

export const Invoice = z.object({
  id: Id,
  number: z.string(),
  issueDate: IsoDate,
  dueDate: IsoDate,
  amountMinor: z.number().int(),
  outstandingMinor: z.number().int(),
  currency: z.string(),
  overdue: z.boolean(),
});
export type Invoice = z.infer<typeof Invoice>;

/**
 * The open-invoice table's compact row: [id, number, issueDate, dueDate, amountMinor,
 * outstandingMinor, currency, overdue]. Positions instead of keys, so the 5,000-invoice account
 * is about half the bytes to write, send and read; `invoiceFromRow` turns one back into an Invoice.
 */
export const InvoiceTableRow = z.tuple([
  Id,
  z.string(),
  IsoDate,
  IsoDate,
  z.number().int(),
  z.number().int(),
  z.string(),
  z.boolean(),
]);
export type InvoiceTableRow = z.infer<typeof InvoiceTableRow>;

export function invoiceFromRow([
  id,
  number,
  issueDate,
  dueDate,
  amountMinor,
  outstandingMinor,
  currency,
  overdue,
]: InvoiceTableRow): Invoice {
  return { id, number, issueDate, dueDate, amountMinor, outstandingMinor, currency, overdue };
}

export const AllocationDto = z.object({
  invoiceId: Id,
  invoiceNumber: z.string(),
  amountMinor: z.number().int(),
  remainingMinor: z.number().int(),
});
export type AllocationDto = z.infer<typeof AllocationDto>;

/** card_terminal: a Pay. device; mobile_request: Vipps MobilePay; payment_link: a Checkout.com link/QR; on_file: PayTrace card or bank account on file. */
export const PaymentMethod = z.enum(['card_terminal', 'mobile_request', 'payment_link', 'on_file']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const RefundKind = z.enum(['online', 'terminal']);
export type RefundKind = z.infer<typeof RefundKind>;

export const RefundDto = z.object({
  id: Id,
  kind: RefundKind,
  amount: MoneyDto,
  status: z.enum(['recorded', 'sent', 'pending', 'unknown', 'succeeded', 'failed']),
  reason: z.string(),
  failureReason: z.string().nullable(),
  createdAt: IsoDateTime,
  /** Unknown outcome, and the provider takes the same request again safely (same idempotency key). */
  retryable: z.boolean(),
});
export type RefundDto = z.infer<typeof RefundDto>;

export const PaymentDto = z.object({
  id: Id,
  reference: z.string(),
  customerId: Id,
  customerName: z.string(),
  amount: MoneyDto,
  method: PaymentMethod,
  provider: z.string(),
  /** MobilePay: the customer's number (MSISDN) the request went to. */
  phone: z.string().nullable(),
  terminalId: Id,
  terminalName: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  phase: z.enum(PENDING_PHASES).nullable(),
  cancelRequested: z.boolean(),
  providerRef: z.string().nullable(),
  cardBrand: z.string().nullable(),
  cardLast4: z.string().nullable(),
  failureReason: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  allocations: z.array(AllocationDto),
  refundedMinor: z.number().int(),
  refunds: z.array(RefundDto),
  /** What the provider can give back for this payment now. */
  refundKinds: z.array(RefundKind),
  /** The card slip's text lines as the terminal printed them (masked card number only). */
  cardSlip: z.array(z.string()).nullable(),
  /** The payment's provider is still configured here (false: nobody can be asked about it). */
  providerConfigured: z.boolean(),
  /** A same-day void is possible now (approved today, not refunded, the provider voids). */
  voidable: z.boolean(),
  /** The latest void attempt's state, if a void was asked for. */
  voidStatus: z.enum(['recorded', 'sent', 'unknown', 'voided', 'too_late', 'failed']).nullable(),
  /** Pay links (Checkout.com): where the customer pays, until when, and whether it was sent away. */
  payLink: z
    .object({ url: z.url(), expiresAt: IsoDateTime.nullable(), use: z.enum(['counter', 'remote']) })
    .nullable()
    .optional(),
});
export type PaymentDto = z.infer<typeof PaymentDto>;

/** A card or bank account a provider keeps for the customer: brand and last four at most. */
export const OnFile = z.object({
  provider: z.string(),
  kind: z.enum(['card', 'bank']),
  brand: z.string().optional(),
  last4: z.string().optional(),
});
export type OnFile = z.infer<typeof OnFile>;

export const CustomerCard = z.object({
  id: Id,
  number: z.string(),
  name: z.string(),
  city: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  currency: z.string(),
  /** ISO 639-1 from the back-office (receipts and e-mails in it); null: the shop's language. */
  language: z.string().nullable().optional(),
  /** The customer's id at providers that keep customers (PayTrace), by provider id. */
  providerCustomerIds: z.record(z.string(), z.string()).optional(),
  /** Cards and bank accounts on file at providers, for charging without the customer present. */
  onFile: z.array(OnFile).optional(),
  openInvoiceCount: z.number().int(),
  outstandingMinor: z.number().int(),
  overdueMinor: z.number().int(),
  /** Money taken here that the back-office refused to allocate (held for a manager). */
  creditMinor: z.number().int(),
  /** Open invoices in other currencies than the customer's: their totals apart, never summed in. */
  otherCurrencyTotals: z
    .array(
      z.object({
        currency: z.string(),
        openInvoiceCount: z.number().int(),
        outstandingMinor: z.number().int(),
        overdueMinor: z.number().int(),
      }),
    )
    .optional(),
  recentPayments: z.array(PaymentDto),
});
export type CustomerCard = z.infer<typeof CustomerCard>;

export const TerminalDto = z.object({
  id: Id,
  name: z.string(),
  provider: z.string(),
  kind: z.enum(['terminal', 'softpos', 'mobilepay', 'pay_link', 'on_file']),
  online: z.boolean(),
  busy: z.boolean(),
  /** The terminal can pay money back to a card (Pay. method 2351). */
  refunds: z.boolean(),
  /** Pay. terminals: through Pay.'s cloud, or directly on the shop LAN (PAY.ECR); null for others. */
  connection: z.enum(['cloud', 'lan']).nullable(),
  /** The provider takes only these currencies; null or absent: any currency Kassa handles. */
  currencies: z.array(z.string()).nullable().optional(),
  /** on_file terminals: charges the customer's card or bank account kept at the provider. */
  onFile: z.enum(['card', 'bank']).optional(),
});
export type TerminalDto = z.infer<typeof TerminalDto>;

export const CounterSettings = z.object({
  defaultTerminalId: Id.nullable(),
  companyName: z.string(),
  stationId: z.string(),
});
export type CounterSettings = z.infer<typeof CounterSettings>;

export const StartPaymentInput = z.object({
  /** Generated by the screen once per Pay press, so a double click or a retried request starts one payment. */
  requestId: z.uuid(),
  customerId: Id,
  /** The ticked invoices; empty means all the customer's open invoices, oldest due first. */
  invoiceIds: z.array(Id).max(20_000),
  amount: MoneyDto,
  /** Fixed amounts per invoice chosen by the cashier; the rest is allocated oldest due first. */
  split: z.record(Id, z.number().int()).optional(),
  terminalId: Id,
  /** MobilePay: the customer's phone number, with country code. */
  phone: z.string().max(24).optional(),
  /** Pay links: shown as a QR at the counter (short expiry) or sent to pay later (long expiry). */
  linkUse: z.enum(['counter', 'remote']).optional(),
});
export type StartPaymentInput = z.infer<typeof StartPaymentInput>;

export const ReceiptFile = z.object({ fileName: z.string(), base64: z.string() });
export type ReceiptFile = z.infer<typeof ReceiptFile>;

export const RefundInput = z
  .object({
    /** Generated once per Refund press: a repeated press refunds once. */
    requestId: z.uuid(),
    paymentId: Id,
    amount: MoneyDto,
    kind: RefundKind,
    /** Terminal refunds: the terminal the customer's card is presented to. */
    terminalId: Id.optional(),
    reason: z.string().trim().min(1).max(32),
  })
  .strict();
export type RefundInput = z.infer<typeof RefundInput>;

export const UnmatchedPaymentDto = z.object({
  id: Id,
  provider: z.string(),
  providerRef: z.string(),
  amount: MoneyDto,
  terminalId: z.string().nullable(),
  cardBrand: z.string().nullable(),
  cardLast4: z.string().nullable(),
  paidAt: IsoDateTime,
});
export type UnmatchedPaymentDto = z.infer<typeof UnmatchedPaymentDto>;

export const AssignUnmatchedInput = z
  .object({
    unmatchedId: Id,
    customerId: Id,
    /** Empty: the customer's open invoices, oldest due first. */
    invoiceIds: z.array(Id).max(20_000),
  })
  .strict();
export type AssignUnmatchedInput = z.infer<typeof AssignUnmatchedInput>;
