import { z } from 'zod';

/** The letterhead and the customer as they were when the document was issued. */
const Party = {
  /** `kvk` (Chamber of Commerce number, Handelsregisterwet art. 27) came later: absent in older receipts. */
  company: z.object({ name: z.string(), address: z.string(), vat: z.string(), kvk: z.string().optional() }),
  customer: z.object({ name: z.string(), number: z.string(), city: z.string() }),
};

/**
 * What a payment's receipt shows, frozen in the approval's transaction. Rendering reads only this,
 * so the receipt is the same document (and the same bytes) whenever it is rendered or re-sent.
 */
export const ReceiptModel = z.object({
  version: z.literal(1),
  paymentId: z.string(),
  reference: z.string(),
  approvedAt: z.string(),
  ...Party,
  amount: z.object({ minor: z.number().int(), currency: z.string() }),
  method: z.enum(['card_terminal', 'mobile_request', 'payment_link', 'keyed_card', 'on_file']),
  /** Already masked: country code and last digits only. */
  maskedPhone: z.string().nullable(),
  terminal: z.object({ id: z.string(), name: z.string() }),
  providerRef: z.string().nullable(),
  card: z.object({ brand: z.string().nullable(), last4: z.string() }).nullable(),
  allocations: z.array(
    z.object({ invoiceNumber: z.string(), amountMinor: z.number().int(), remainingMinor: z.number().int() }),
  ),
  cardSlip: z.array(z.string()).nullable(),
});
export type ReceiptModel = z.infer<typeof ReceiptModel>;

/** A refund's own document (refund receipt / credit note): the original receipt never changes. */
export const RefundReceiptModel = z.object({
  version: z.literal(1),
  refundId: z.string(),
  paymentId: z.string(),
  paymentReference: z.string(),
  paidAt: z.string(),
  refundedAt: z.string(),
  ...Party,
  amount: z.object({ minor: z.number().int(), currency: z.string() }),
  paymentAmount: z.object({ minor: z.number().int(), currency: z.string() }),
  reason: z.string(),
  providerRef: z.string().nullable(),
  card: z.object({ brand: z.string().nullable(), last4: z.string() }).nullable(),
});
export type RefundReceiptModel = z.infer<typeof RefundReceiptModel>;

/** The customer's number on paper: country code and the last digits only. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return `+${phone.slice(0, phone.length - 8)} ···· ${phone.slice(-4)}`;
}
