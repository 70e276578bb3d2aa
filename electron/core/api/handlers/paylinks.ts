import { ApiError } from '../../../../shared/api/errors';
import type { PayLinkEntry } from '../../../../shared/api/paylink-schemas';
import type { PaymentDto } from '../../../../shared/api/schemas';
import { isOpen } from '../../../../shared/payment/states';
import { type Clock, startOfLocalDay } from '../../clock';
import type { JobRow } from '../../jobs/job-repository';
import type { PrintEmailService } from '../../jobs/print-email-service';
import type { PaymentRepository, PaymentRow } from '../../repositories/payments';
import type { SettingsRepository } from '../../repositories/settings';
import { HOLD_UNCHECKED_EVENT, holdSecondsFor } from '../../sync/invoice-holds';
import type { HandlerMap } from './handler-map';
import { paymentOr404 } from './payment-lookup';

export interface PaylinkHandlerDeps {
  payments: PaymentRepository;
  settings: SettingsRepository;
  printEmail: PrintEmailService;
  clock: Clock;
  toDto: (row: PaymentRow) => PaymentDto;
}

const toJobDto = ({ payload: _payload, updatedAt: _updatedAt, ...job }: JobRow) => job;

/** The customer's inbox hears Dutch or English: Dutch for Dutch customers, English for everyone else. */
const mailLanguage = (language: string): 'nl' | 'en' => (language === 'nl' ? 'nl' : 'en');

/**
 * Issue 14, the counter side of pay links: the "Links sent" list and the e-mail that carries a link.
 * The link itself is the provider's (PaymentDto.payLink); this only reads it and queues mail.
 */
export function createPaylinkHandlers(deps: PaylinkHandlerDeps): HandlerMap<'paylinks.list' | 'paylinks.email'> {
  const { payments, toDto, clock } = deps;

  /**
   * Until when the back-office holds the invoices: the hold is asked for right after the attempt is
   * recorded (sync/invoice-holds.ts), so its end is at the latest this. None when it was not taken.
   */
  function holdExpiresAt(row: PaymentRow): string | null {
    if (!isOpen(row.status)) return null;
    if (payments.events(row.id).some((event) => event.event === HOLD_UNCHECKED_EVENT)) return null;
    return new Date(Date.parse(row.createdAt) + holdSecondsFor(row) * 1000).toISOString();
  }

  function entry(row: PaymentRow, payment: PaymentDto): PayLinkEntry {
    const mail = deps.printEmail.jobs
      .forDocument(row.id)
      .find((job) => job.kind === 'email' && job.purpose === 'payment-link');
    return {
      payment,
      holdExpiresAt: holdExpiresAt(row),
      customerEmail: deps.printEmail.customerEmail(row.customerId),
      customerLanguage: mailLanguage(deps.printEmail.customerLanguage(row.customerId)),
      lastEmail: mail ? { jobId: mail.id, to: mail.target, status: mail.status, at: mail.createdAt } : null,
    };
  }

  return {
    async 'paylinks.list'() {
      const since = startOfLocalDay(clock.now()).toISOString();
      const seen = new Set<string>();
      const rows: PayLinkEntry[] = [];
      // Open links first (oldest first: the longest waiting), then today's ended links sent away.
      for (const row of [...payments.open(), ...payments.createdSince(since)]) {
        if (row.method !== 'payment_link' || seen.has(row.id)) continue;
        seen.add(row.id);
        const payment = toDto(row);
        if (!payment.payLink) continue;
        if (!isOpen(row.status) && payment.payLink.use !== 'remote') continue;
        rows.push(entry(row, payment));
      }
      return rows;
    },

    async 'paylinks.email'({ paymentId, to, language }) {
      const row = paymentOr404(payments, paymentId);
      const payment = toDto(row);
      const link = payment.payLink;
      const expired = link?.expiresAt ? Date.parse(link.expiresAt) <= clock.now().getTime() : false;
      // Mailing a link nobody can pay any more (paid, stopped, expired) would only confuse the customer.
      if (!link || !isOpen(row.status) || row.cancelRequested || expired) {
        throw new ApiError('paylink_not_open', 'this payment has no link that can still be paid', {
          reference: row.reference,
        });
      }
      const job = deps.printEmail.emailPaymentLink({
        type: 'payment_link',
        to,
        language,
        paymentId: row.id,
        reference: row.reference,
        url: link.url,
        expiresAt: link.expiresAt,
        amountMinor: row.amountMinor,
        currency: row.currency,
        invoiceNumbers: payment.allocations.map((allocation) => allocation.invoiceNumber),
        customerName: row.customerName,
        shopName: deps.settings.get('company.name') ?? 'Kassa',
      });
      return toJobDto(job);
    },
  };
}
