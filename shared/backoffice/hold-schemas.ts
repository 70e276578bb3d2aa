import { z } from 'zod';

/** Invoice holds: a counter's claim on invoices while an amount is at a terminal or a link is open. */
export const BoHoldLine = z
  .object({ invoiceId: z.string().min(1).max(64), amountMinor: z.number().int().positive() })
  .meta({ id: 'HoldLine' });

/**
 * The longest hold a counter may ask for: a payment link e-mailed to a customer stays payable for a
 * week, and its invoices must stay held as long, or another counter could take them and the customer
 * would pay twice. Eight days leaves a margin after the link's own expiry.
 */
export const MAX_HOLD_SECONDS = 8 * 24 * 60 * 60;

/**
 * Asked by a counter before it sends an amount to a terminal, under the attempt's Idempotency-Key:
 * "these invoices are being paid here". Another station's live hold on the same invoices is a 409.
 */
export const BoInvoiceHoldRequest = z
  .object({
    paymentId: z.string().min(1).max(64),
    customerId: z.string().min(1).max(64),
    currency: z.string().length(3),
    invoices: z.array(BoHoldLine).min(1).max(10_000),
    expiresInSeconds: z
      .number()
      .int()
      .min(1)
      .max(MAX_HOLD_SECONDS)
      .describe(
        'Short for a card or a phone (minutes); as long as a payment link sent to the customer can be paid (days). An expired hold is ignored; a hold ends sooner when its attempt ends.',
      ),
  })
  .strict()
  .meta({ id: 'InvoiceHoldRequest' });
export type BoInvoiceHoldRequest = z.infer<typeof BoInvoiceHoldRequest>;

export const BoInvoiceHold = z
  .object({
    key: z.string().describe("The attempt's Idempotency-Key; names the hold in the release and convert calls."),
    stationId: z.string(),
    paymentId: z.string(),
    customerId: z.string(),
    currency: z.string().length(3),
    invoices: z.array(BoHoldLine),
    status: z
      .enum(['held', 'converted', 'released', 'applied'])
      .describe(
        'held: the attempt is at a terminal. converted: money taken, held until its payment record arrives. released: ended unpaid. applied: its payment record arrived.',
      ),
    expiresAt: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'InvoiceHold' });
export type BoInvoiceHold = z.infer<typeof BoInvoiceHold>;

export const InvoiceHeldBy = z
  .object({ invoiceId: z.string(), stationId: z.string(), expiresAt: z.string() })
  .meta({ id: 'InvoiceHeldBy' });
