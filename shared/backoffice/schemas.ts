import { z } from 'zod';
import { InvoiceHeldBy } from './hold-schemas';

// The contract's records in files of their own, re-exported so every import stays `./schemas`.
export * from './audit-event-schemas';
export * from './day-close-schemas';
export * from './hold-schemas';
export * from './settlement-schemas';

/**
 * The back-office REST contract (FreshPortal-style), as zod schemas. The OpenAPI 3.1 document in
 * docs/backoffice-api.openapi.json is generated from these (`npm run openapi`) and checked in CI,
 * so the client, the reference server and the tests share one definition.
 */

export const Cursor = z
  .string()
  .regex(/^\d{1,18}$/)
  .describe('Opaque to clients; compare only by equality.');

/**
 * What a payment provider keeps on file for a customer, as the counter may see it: the kind, and at
 * most the brand and last four digits (a brand has no digits, so no card number fits anywhere).
 * Anything more a back-office sends is dropped here and never stored.
 */
export const BoOnFile = z
  .object({
    provider: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
    kind: z.enum(['card', 'bank']).describe('card: a card on file; bank: a bank (ACH/check) account on file.'),
    brand: z
      .string()
      .regex(/^[A-Za-z][A-Za-z .&-]{0,31}$/)
      .optional()
      .describe('Card brand (Visa, Mastercard) or the bank account type; never digits.'),
    last4: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
  })
  .meta({ id: 'OnFile' });
export type BoOnFile = z.infer<typeof BoOnFile>;

export const BoCustomer = z
  .object({
    id: z.string().min(1).max(64),
    number: z.string().min(1).max(32),
    name: z.string().min(1).max(200),
    city: z.string().max(100),
    email: z.string().max(200).nullable(),
    phone: z.string().max(50).nullable(),
    currency: z.string().length(3),
    language: z
      .string()
      .regex(/^[a-z]{2}$/)
      .optional()
      .describe(
        "The customer's language for receipts and e-mails (ISO 639-1: nl, en, de, da, …). Absent: the shop's language.",
      ),
    providerCustomerIds: z
      .record(z.string().regex(/^[a-z][a-z0-9_]{0,31}$/), z.string().min(1).max(64))
      .optional()
      .describe(
        'The customer\'s id at payment providers that keep customers, by provider id: { "paytrace": "KASSA-US-1001" }. Absent: none.',
      ),
    onFile: z
      .array(BoOnFile)
      .max(20)
      .optional()
      .describe('Cards and bank accounts the providers keep for this customer (brand and last four at most).'),
    seq: z.number().int().nonnegative().describe('Change sequence: grows with every change on the back-office.'),
  })
  .meta({ id: 'Customer' });
export type BoCustomer = z.infer<typeof BoCustomer>;

export const BoInvoice = z
  .object({
    id: z.string().min(1).max(64),
    number: z.string().min(1).max(32),
    customerId: z.string().min(1).max(64),
    issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    amountMinor: z.number().int().positive(),
    outstandingMinor: z.number().int().nonnegative(),
    currency: z.string().length(3),
    status: z.enum(['open', 'paid', 'credited', 'void']),
    seq: z.number().int().nonnegative(),
  })
  .meta({ id: 'Invoice' });
export type BoInvoice = z.infer<typeof BoInvoice>;

export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: Cursor.describe('Pass as `after` to get the next page; equals `after` when nothing changed.'),
      hasMore: z.boolean(),
    })
    .meta({ id });

export const CustomerPage = pageOf(BoCustomer, 'CustomerPage');
export const InvoicePage = pageOf(BoInvoice, 'InvoicePage');

export const BoAllocation = z
  .object({ invoiceId: z.string().min(1).max(64), amountMinor: z.number().int().positive() })
  .meta({ id: 'Allocation' });

export const BoPaymentRecord = z
  .object({
    paymentId: z.string().min(1).max(64),
    reference: z.string().regex(/^[A-Za-z0-9-]{8,50}$/),
    stationId: z.string().min(1).max(32),
    customerId: z.string().min(1).max(64),
    amount: z.object({ minor: z.number().int().positive(), currency: z.string().length(3) }),
    method: z.enum(['card_terminal', 'mobile_request', 'payment_link', 'keyed_card', 'on_file']),
    provider: z.string().min(1).max(32),
    providerRef: z.string().max(100).nullable(),
    terminalId: z.string().max(64).nullable(),
    card: z
      .object({ brand: z.string().max(32).nullable(), last4: z.string().regex(/^\d{4}$/) })
      .nullable()
      .describe('Masked card data only: brand and last four digits.'),
    allocations: z.array(BoAllocation).min(1).max(10_000),
    approvedAt: z.string().describe("The counter's clock; informational, never used for ordering."),
  })
  .strict()
  .meta({ id: 'PaymentRecord' });
export type BoPaymentRecord = z.infer<typeof BoPaymentRecord>;

export const BoPaymentAccepted = z
  .object({
    paymentId: z.string(),
    status: z.literal('applied'),
    receivedAt: z.string(),
    invoices: z.array(
      z.object({
        invoiceId: z.string(),
        outstandingMinor: z.number().int().nonnegative(),
        status: z.enum(['open', 'paid', 'credited', 'void']),
        seq: z.number().int().nonnegative(),
      }),
    ),
  })
  .meta({ id: 'PaymentAccepted' });
export type BoPaymentAccepted = z.infer<typeof BoPaymentAccepted>;

export const BoRefundRecord = z
  .object({
    refundId: z.string().min(1).max(64),
    paymentId: z.string().min(1).max(64),
    stationId: z.string().min(1).max(32),
    kind: z.enum(['refund', 'void']),
    amount: z.object({ minor: z.number().int().positive(), currency: z.string().length(3) }),
    providerRef: z.string().max(100).nullable(),
    createdAt: z.string(),
  })
  .strict()
  .meta({ id: 'RefundRecord' });
export type BoRefundRecord = z.infer<typeof BoRefundRecord>;

export const BoRecordAccepted = z
  .object({ id: z.string(), status: z.literal('recorded'), receivedAt: z.string() })
  .meta({ id: 'RecordAccepted' });

/** RFC 9457 problem details. `type` says what went wrong in a way a program can act on. */
export const PROBLEM_TYPES = {
  overAllocation: 'https://kassa.dev/problems/over-allocation',
  invoiceNotOpen: 'https://kassa.dev/problems/invoice-not-open',
  unknownInvoice: 'https://kassa.dev/problems/unknown-invoice',
  unknownCustomer: 'https://kassa.dev/problems/unknown-customer',
  unknownPayment: 'https://kassa.dev/problems/unknown-payment',
  currencyMismatch: 'https://kassa.dev/problems/currency-mismatch',
  idempotencyKeyReused: 'https://kassa.dev/problems/idempotency-key-reused',
  idempotencyKeyMissing: 'https://kassa.dev/problems/idempotency-key-missing',
  invalidRequest: 'https://kassa.dev/problems/invalid-request',
  unauthorized: 'https://kassa.dev/problems/unauthorized',
  rateLimited: 'https://kassa.dev/problems/rate-limited',
  unavailable: 'https://kassa.dev/problems/unavailable',
  invoiceHeldElsewhere: 'https://kassa.dev/problems/invoice-held-elsewhere',
  unknownHold: 'https://kassa.dev/problems/unknown-hold',
  unknownRefund: 'https://kassa.dev/problems/unknown-refund',
  auditHashMismatch: 'https://kassa.dev/problems/audit-hash-mismatch',
  auditChainConflict: 'https://kassa.dev/problems/audit-chain-conflict',
} as const;

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    invoiceId: z.string().optional(),
    held: z
      .array(InvoiceHeldBy)
      .optional()
      .describe('invoice-held-elsewhere: each invoice that another station or attempt holds, and until when.'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

/** Refusals that will not change by sending the same record again: the payment is held for a manager. */
export const BUSINESS_PROBLEMS: readonly string[] = [
  PROBLEM_TYPES.overAllocation,
  PROBLEM_TYPES.invoiceNotOpen,
  PROBLEM_TYPES.unknownInvoice,
  PROBLEM_TYPES.unknownCustomer,
  PROBLEM_TYPES.unknownPayment,
  PROBLEM_TYPES.currencyMismatch,
  PROBLEM_TYPES.idempotencyKeyReused,
  PROBLEM_TYPES.invoiceHeldElsewhere,
  PROBLEM_TYPES.unknownRefund,
  PROBLEM_TYPES.auditHashMismatch,
  PROBLEM_TYPES.auditChainConflict,
];
