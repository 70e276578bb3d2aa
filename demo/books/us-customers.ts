import type { DemoCustomer, DemoData, DemoInvoice } from './demo-data';

/**
 * US trade customers who pay in dollars by the card or bank account PayTrace keeps on file for them.
 * Their PayTrace customer ids, names and what is on file are the ones the PayTrace fake and demo
 * know (fakes/paytrace): keep them in step. Fixed books (no random draws), so the Dutch demo books
 * stay exactly as they were.
 */
export const US_DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    id: 'cust-us-1001',
    number: '300101',
    name: 'Evergreen Growers LLC',
    city: 'Portland, OR',
    email: 'payables@evergreengrowers.example',
    phone: '+1 503 555 0101',
    currency: 'USD',
    language: 'en',
    providerCustomerIds: { paytrace: 'KASSA-US-1001' },
    onFile: [{ provider: 'paytrace', kind: 'card', brand: 'Visa', last4: '1111' }],
  },
  {
    id: 'cust-us-1002',
    number: '300102',
    name: 'Sunset Nursery Inc.',
    city: 'Sacramento, CA',
    email: 'ap@sunsetnursery.example',
    phone: '+1 916 555 0102',
    currency: 'USD',
    language: 'en',
    providerCustomerIds: { paytrace: 'KASSA-US-1002' },
    onFile: [
      { provider: 'paytrace', kind: 'card', brand: 'Mastercard', last4: '4444' },
      { provider: 'paytrace', kind: 'bank', brand: 'Checking', last4: '6789' },
    ],
  },
];

/** [customer, number, days since issue, payment terms in days, amount, outstanding] in cents. */
const US_INVOICES: readonly (readonly [string, string, number, number, number, number])[] = [
  ['cust-us-1001', 'US-2026-0101', 52, 30, 1_234_50, 1_234_50],
  ['cust-us-1001', 'US-2026-0102', 20, 30, 860_00, 860_00],
  ['cust-us-1001', 'US-2026-0103', 6, 30, 2_415_20, 2_415_20],
  ['cust-us-1002', 'US-2026-0201', 45, 30, 4_210_00, 4_210_00],
  ['cust-us-1002', 'US-2026-0202', 25, 30, 1_275_30, 775_30],
  ['cust-us-1002', 'US-2026-0203', 3, 30, 96_80, 96_80],
];

/** The US demo customers and their open invoices in dollars, dated from `today`. */
export function usDemoBooks(today: Date): DemoData {
  const invoices = US_INVOICES.map(
    ([customerId, number, age, terms, amountMinor, outstandingMinor]): DemoInvoice => ({
      id: `inv-${number}`,
      number,
      customerId,
      issueDate: isoDate(addDays(today, -age)),
      dueDate: isoDate(addDays(today, terms - age)),
      amountMinor,
      outstandingMinor,
      currency: 'USD',
    }),
  );
  return { customers: [...US_DEMO_CUSTOMERS], invoices };
}

function addDays(date: Date, days: number): Date {
  const d = new Date(date);
  d.setDate(d.getDate() + days);
  return d;
}

function isoDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
