import type { CustomerCard, PaymentDto, TerminalDto } from '../../../shared/api/schemas';
import { aPayment } from './fixtures';

export const LINK_URL = 'https://pay.sandbox.checkout.com/link/pl_ELqQJXdXzabU';

/** A Checkout.com link payment waiting for the customer, its link valid until `expiresAt`. */
export function aLinkPayment(overrides: Partial<PaymentDto> = {}, expiresAt = '2026-12-01T10:05:00.000Z'): PaymentDto {
  return aPayment({
    method: 'payment_link',
    provider: 'checkout',
    terminalId: 'checkout-link',
    terminalName: 'Checkout.com link',
    status: 'pending',
    phase: 'waiting_customer',
    allocations: [{ invoiceId: 'inv-1', invoiceNumber: '2026-0001', amountMinor: 12_50, remainingMinor: 0 }],
    payLink: { url: LINK_URL, expiresAt, use: 'counter' },
    ...overrides,
  });
}

export const linkTerminal: TerminalDto = {
  id: 'checkout-link',
  name: 'Checkout.com link',
  provider: 'checkout',
  kind: 'pay_link',
  online: true,
  busy: false,
  refunds: false,
  connection: null,
};

export function aCustomerCard(overrides: Partial<CustomerCard> = {}): CustomerCard {
  return {
    id: 'cust-1',
    number: '10001',
    name: 'Bloemenhandel De Tulp',
    city: 'Aalsmeer',
    email: 'inkoop@detulp.test',
    phone: null,
    currency: 'EUR',
    language: 'nl',
    openInvoiceCount: 2,
    outstandingMinor: 150_00,
    overdueMinor: 0,
    creditMinor: 0,
    recentPayments: [],
    ...overrides,
  };
}
