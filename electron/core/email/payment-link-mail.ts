import { z } from 'zod';
import { isCurrencyCode } from '../../../shared/money/currency';
import { formatMoney } from '../../../shared/money/format';

/**
 * A pay link e-mailed to the customer. Everything the message says is frozen into the job when the
 * cashier presses "Send": every attempt (and a manager's resend of the same job) is the same message,
 * whatever happens to the payment meanwhile.
 */
export const PaymentLinkMailPayload = z.object({
  type: z.literal('payment_link'),
  to: z.string(),
  /** The customer's language: the shop speaks Dutch and English to its customers' inboxes. */
  language: z.enum(['nl', 'en']),
  paymentId: z.string(),
  reference: z.string(),
  url: z.string().url(),
  /** null: the provider gave no expiry. */
  expiresAt: z.string().nullable(),
  amountMinor: z.number().int().positive(),
  currency: z.string().length(3),
  invoiceNumbers: z.array(z.string()),
  customerName: z.string(),
  shopName: z.string(),
});
export type PaymentLinkMailPayload = z.infer<typeof PaymentLinkMailPayload>;

const TEXTS = {
  nl: {
    subject: 'Betaallink voor {amount} – {shop}',
    greeting: 'Beste {customer},',
    body: 'U kunt {amount} voor {invoices} veilig online betalen via deze link:',
    invoice: 'factuur {numbers}',
    invoices: 'de facturen {numbers}',
    expires: 'De link is geldig tot {expiry}.',
    noExpiry: 'De link blijft geldig tot u hebt betaald.',
    reference: 'Referentie: {reference}',
    ignore: 'Hebt u al betaald? Dan kunt u deze e-mail negeren.',
    closing: 'Met vriendelijke groet,',
  },
  en: {
    subject: 'Payment link for {amount} – {shop}',
    greeting: 'Dear {customer},',
    body: 'You can pay {amount} for {invoices} securely online with this link:',
    invoice: 'invoice {numbers}',
    invoices: 'invoices {numbers}',
    expires: 'The link is valid until {expiry}.',
    noExpiry: 'The link stays valid until you have paid.',
    reference: 'Reference: {reference}',
    ignore: 'Already paid? Then you can ignore this e-mail.',
    closing: 'Kind regards,',
  },
} as const;

const LOCALES = { nl: 'nl-NL', en: 'en-GB' } as const;

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

/** Subject and plain-text body: amount, invoice numbers, the link on a line of its own, and the expiry. */
export function paymentLinkMailTexts(payload: PaymentLinkMailPayload): { subject: string; text: string } {
  const t = TEXTS[payload.language];
  const amount = isCurrencyCode(payload.currency)
    ? formatMoney(payload.amountMinor, payload.currency, payload.language)
    : `${payload.currency} ${payload.amountMinor}`;
  const numbers = payload.invoiceNumbers.join(', ');
  const invoices = fill(payload.invoiceNumbers.length === 1 ? t.invoice : t.invoices, { numbers });
  const expiry = payload.expiresAt
    ? new Intl.DateTimeFormat(LOCALES[payload.language], { dateStyle: 'long', timeStyle: 'short' }).format(
        new Date(payload.expiresAt),
      )
    : null;
  const values = {
    amount,
    invoices,
    expiry: expiry ?? '',
    shop: payload.shopName,
    customer: payload.customerName,
    reference: payload.reference,
  };
  const lines = [
    fill(t.greeting, values),
    '',
    fill(t.body, values),
    '',
    payload.url,
    '',
    expiry ? fill(t.expires, values) : t.noExpiry,
    fill(t.reference, values),
    '',
    t.ignore,
    '',
    t.closing,
    payload.shopName,
    '',
  ];
  return { subject: fill(t.subject, values), text: lines.join('\n') };
}
