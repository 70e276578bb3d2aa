import { describe, expect, it } from 'vitest';
import { usDemoBooks } from '../../../demo/books/us-customers';
import { BoCustomer, BoInvoice } from '../../../shared/backoffice/schemas';

describe('the US demo customers (PayTrace, dollars)', () => {
  const books = usDemoBooks(new Date(2026, 11, 1));

  it('are valid back-office records with their PayTrace ids and what is on file', () => {
    for (const customer of books.customers) expect(BoCustomer.safeParse({ ...customer, seq: 1 }).success).toBe(true);
    expect(
      books.customers.map((c) => [c.name, c.currency, c.language, c.providerCustomerIds?.paytrace, c.onFile]),
    ).toEqual([
      [
        'Evergreen Growers LLC',
        'USD',
        'en',
        'KASSA-US-1001',
        [{ provider: 'paytrace', kind: 'card', brand: 'Visa', last4: '1111' }],
      ],
      [
        'Sunset Nursery Inc.',
        'USD',
        'en',
        'KASSA-US-1002',
        [
          { provider: 'paytrace', kind: 'card', brand: 'Mastercard', last4: '4444' },
          { provider: 'paytrace', kind: 'bank', brand: 'Checking', last4: '6789' },
        ],
      ],
    ]);
  });

  it('each owe open invoices in dollars, some overdue, one partly paid', () => {
    for (const invoice of books.invoices) {
      expect(BoInvoice.safeParse({ ...invoice, status: 'open', seq: 1 }).success).toBe(true);
      expect(invoice.currency).toBe('USD');
      expect(invoice.outstandingMinor).toBeGreaterThan(0);
    }
    for (const customer of books.customers) {
      expect(books.invoices.filter((i) => i.customerId === customer.id).length).toBeGreaterThanOrEqual(3);
    }
    expect(books.invoices.some((i) => i.dueDate < '2026-12-01')).toBe(true);
    expect(books.invoices.some((i) => i.outstandingMinor < i.amountMinor)).toBe(true);
  });
});
