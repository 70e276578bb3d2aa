import { z } from 'zod';
import { JobDto } from './print-email-schemas';
import { Id, IsoDateTime, Locale, PaymentDto } from './schemas';

/** Issue 14 (counter side): pay links sent to customers, and the e-mail that carries one. */
const Email = z.string().trim().email().max(254);

/** The last e-mail job that carried this link (its queue state, as the jobs list shows it). */
export const PayLinkMailDto = z.object({
  jobId: z.string(),
  to: z.string(),
  status: JobDto.shape.status,
  at: IsoDateTime,
});
export type PayLinkMailDto = z.infer<typeof PayLinkMailDto>;

/** One row of "Links sent": the payment (with its payLink), the hold on its invoices and the last e-mail. */
export const PayLinkEntry = z.object({
  payment: PaymentDto,
  /**
   * Until when the back-office keeps the invoices away from other counters; null when the hold could
   * not be taken (no back-office, offline) or the payment has ended.
   */
  holdExpiresAt: IsoDateTime.nullable(),
  /** The customer's address from the books, the default for a resend. */
  customerEmail: z.string().nullable(),
  /** The customer's language for the e-mail (the shop's when the books give none). */
  customerLanguage: Locale,
  lastEmail: PayLinkMailDto.nullable(),
});
export type PayLinkEntry = z.infer<typeof PayLinkEntry>;

export const EmailPayLinkInput = z.object({ paymentId: Id, to: Email, language: Locale }).strict();
export type EmailPayLinkInput = z.infer<typeof EmailPayLinkInput>;

/** Spread into the contract: method name → input and output. */
export const paylinkContract = {
  /** Open pay links sent away (and counter QR codes still waiting), then today's ended remote links. */
  'paylinks.list': { input: z.object({}).strict(), output: z.array(PayLinkEntry) },
  /** Queues the link as a durable e-mail job (committed before anything is sent). */
  'paylinks.email': { input: EmailPayLinkInput, output: JobDto },
} as const;
