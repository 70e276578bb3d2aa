import { ApiError } from '../../../../shared/api/errors';
import type { Invoice, InvoiceTableRow, PaymentDto } from '../../../../shared/api/schemas';
import { type Clock, localDate } from '../../clock';
import type { CustomerRepository } from '../../repositories/customers';
import type { InvoiceRepository } from '../../repositories/invoices';
import type { OutboxRepository } from '../../repositories/outbox';
import type { PaymentRepository, PaymentRow } from '../../repositories/payments';
import type { HandlerMap } from './handler-map';

export interface CustomerHandlerDeps {
  customers: CustomerRepository;
  invoices: InvoiceRepository;
  payments: PaymentRepository;
  outbox: OutboxRepository;
  clock: Clock;
  toDto: (row: PaymentRow) => PaymentDto;
}

/** The customer card and the open invoices a payment is taken against. */
export function createCustomerHandlers(
  deps: CustomerHandlerDeps,
): HandlerMap<'customers.search' | 'customers.card' | 'invoices.open' | 'invoices.openRows'> {
  const { customers, invoices, payments, outbox, clock, toDto } = deps;
  return {
    async 'customers.search'({ query }) {
      return customers.search(query);
    },

    async 'customers.card'({ customerId }) {
      const customer = customers.get(customerId);
      if (!customer) throw new ApiError('not_found', 'customer not found', { customerId });
      // Per currency: the customer's own currency in the main totals, any other apart (never summed in).
      const perCurrency = invoices.totalsPerCurrency(customerId, localDate(clock.now()));
      const own = perCurrency.find((row) => row.currency === customer.currency);
      return {
        ...customer,
        openInvoiceCount: own?.count ?? 0,
        outstandingMinor: own?.outstanding ?? 0,
        overdueMinor: own?.overdue ?? 0,
        otherCurrencyTotals: perCurrency
          .filter((row) => row.currency !== customer.currency)
          .map((row) => ({
            currency: row.currency,
            openInvoiceCount: row.count,
            outstandingMinor: row.outstanding,
            overdueMinor: row.overdue,
          })),
        creditMinor: outbox.heldCreditFor(customerId),
        recentPayments: payments.recentForCustomer(customerId, 8).map(toDto),
      };
    },

    async 'invoices.open'({ customerId }) {
      const today = localDate(clock.now());
      return invoices.openForCustomer(customerId).map(
        (inv): Invoice => ({
          id: inv.id,
          number: inv.number,
          issueDate: inv.issueDate,
          dueDate: inv.dueDate,
          amountMinor: inv.amountMinor,
          outstandingMinor: inv.outstandingMinor,
          currency: inv.currency,
          overdue: inv.dueDate < today,
        }),
      );
    },

    /** What the invoice table shows, as compact rows (about half the bytes of invoices.open). */
    async 'invoices.openRows'({ customerId }) {
      const rows = invoices.openRowsForCustomer(customerId, localDate(clock.now()));
      // SQLite has no boolean: the overdue column comes back as 0/1 and is set in place, no copy.
      for (const row of rows) (row as unknown[])[7] = row[7] === 1;
      return rows as unknown as InvoiceTableRow[];
    },
  };
}
