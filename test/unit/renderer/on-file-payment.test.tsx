import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OnFileSummary } from '../../../renderer/src/features/customer/OnFileSummary';
import { TodayView } from '../../../renderer/src/features/today/TodayView';
import { useCounterStore } from '../../../renderer/src/state/counter-store';
import type { CustomerCard, OnFile, TerminalDto } from '../../../shared/api/schemas';
import { counterAnswers, PaymentColumn } from './counter-harness';
import { anInvoice, aPayment, counterTerminal } from './fixtures';
import { renderWithCore, speak } from './render';

const visa: OnFile = { provider: 'paytrace', kind: 'card', brand: 'Visa', last4: '1111' };
const checking: OnFile = { provider: 'paytrace', kind: 'bank', brand: 'Checking' };

const onFileTerminal = (id: string, name: string, onFile: 'card' | 'bank'): TerminalDto => ({
  id,
  name,
  provider: 'paytrace',
  kind: 'on_file',
  online: true,
  busy: false,
  refunds: true,
  connection: null,
  currencies: ['USD'],
  onFile,
});
const payTraceCard = onFileTerminal('paytrace-card', 'PayTrace — card on file', 'card');
const payTraceBank = onFileTerminal('paytrace-ach', 'PayTrace — bank account on file', 'bank');
const mobilePay: TerminalDto = {
  ...counterTerminal,
  id: 'vipps-mp',
  name: 'MobilePay',
  provider: 'vipps',
  kind: 'mobilepay',
  currencies: ['NOK', 'DKK', 'EUR'],
};

function aCustomer(overrides: Partial<CustomerCard> = {}): CustomerCard {
  return {
    id: 'cust-1',
    number: '300101',
    name: 'Evergreen Growers LLC',
    city: 'Portland, OR',
    email: null,
    phone: null,
    currency: 'USD',
    language: 'en',
    providerCustomerIds: { paytrace: 'KASSA-US-1001' },
    onFile: [visa],
    openInvoiceCount: 1,
    outstandingMinor: 1_234_50,
    overdueMinor: 0,
    creditMinor: 0,
    recentPayments: [],
    ...overrides,
  };
}

const dollarInvoice = anInvoice({ id: 'inv-us', number: 'US-2026-0101', outstandingMinor: 1_234_50, currency: 'USD' });

function counter(customer: CustomerCard, invoice = dollarInvoice) {
  useCounterStore.setState({ customerId: 'cust-1', selected: new Set([invoice.id]) });
  return renderWithCore(<PaymentColumn invoices={[invoice]} currency={customer.currency} />, {
    ...counterAnswers,
    'terminals.list': [counterTerminal, payTraceCard, payTraceBank, mobilePay],
    'customers.card': customer,
    'counter.setDefaultTerminal': { defaultTerminalId: 'term-1', companyName: 'Kwekerij', stationId: 'k1' },
    'payments.start': aPayment({ id: 'pay-us', amount: { minor: 1_234_50, currency: 'USD' } }),
  });
}

const picker = () => screen.getByLabelText('Terminal') as HTMLSelectElement;
const optionTexts = () =>
  within(picker())
    .getAllByRole('option')
    .map((o) => o.textContent);

describe('charging a card on file: offered only where there is one, confirmed, never typed', () => {
  it('offers the card on file by brand and last four, hides what the customer lacks or cannot pay in', async () => {
    counter(aCustomer());
    await waitFor(() => expect(optionTexts()).toContain('Charge card on file — Visa ••1111'));
    // No bank account on file: no ACH choice. MobilePay takes no dollars: not offered.
    expect(optionTexts()).toEqual(['—', 'Counter 1', 'Charge card on file — Visa ••1111']);
  });

  it('offers the bank account too when the back-office has one', async () => {
    counter(aCustomer({ onFile: [visa, checking] }));
    await waitFor(() =>
      expect(optionTexts()).toEqual([
        '—',
        'Counter 1',
        'Charge card on file — Visa ••1111',
        'Charge bank account on file — Checking',
      ]),
    );
  });

  it('shows a customer without anything on file no on-file choice at all', async () => {
    counter(aCustomer({ providerCustomerIds: {}, onFile: [] }));
    await waitFor(() => expect(optionTexts()).toEqual(['—', 'Counter 1']));
  });

  it('offers no dollars-only provider to a customer in euros, card on file or not', async () => {
    const euroInvoice = anInvoice({ id: 'inv-eu', outstandingMinor: 50_00 });
    counter(aCustomer({ currency: 'EUR', onFile: [visa] }), euroInvoice);
    await waitFor(() => expect(optionTexts()).toEqual(['—', 'Counter 1', 'MobilePay']));
  });

  it('shows and takes dollars as in the US, and charges only after the cashier confirms', async () => {
    const { user, calls } = counter(aCustomer());
    const amount = screen.getByLabelText('Amount to pay (USD)') as HTMLInputElement;
    expect(amount.value).toBe('1234.50');
    await waitFor(() => expect(optionTexts()).toContain('Charge card on file — Visa ••1111'));
    await user.selectOptions(picker(), 'paytrace-card');
    // A card on file is one customer's: never remembered as the counter's terminal.
    expect(calls.some((c) => c.method === 'counter.setDefaultTerminal')).toBe(false);

    const pay = screen.getByRole('button', { name: 'Charge $1,234.50…' });
    await user.click(pay);
    const confirm = screen.getByRole('alertdialog', { name: 'Charge without the customer present' });
    expect(confirm.textContent).toContain('Charge $1,234.50 to Evergreen Growers LLC — Visa ••1111?');
    expect(confirm.textContent).toContain('no card or account details are typed here');
    expect(calls.some((c) => c.method === 'payments.start')).toBe(false);
    // The only fields to type in are amounts (the payment's, the invoice's split): no card number,
    // expiry or CVC anywhere.
    expect(screen.getAllByRole('textbox').map((box) => box.getAttribute('inputmode'))).toEqual(['decimal', 'decimal']);

    await user.click(within(confirm).getByRole('button', { name: 'Charge $1,234.50' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'payments.start')).toBe(true));
    expect(calls.find((c) => c.method === 'payments.start')?.input).toMatchObject({
      terminalId: 'paytrace-card',
      amount: { minor: 1_234_50, currency: 'USD' },
      invoiceIds: ['inv-us'],
    });
  });

  it('Back leaves the confirmation without charging; a second F9 never charges', async () => {
    const { user, calls } = counter(aCustomer());
    await waitFor(() => expect(optionTexts()).toContain('Charge card on file — Visa ••1111'));
    await user.selectOptions(picker(), 'paytrace-card');
    await user.keyboard('{F9}');
    await user.keyboard('{F9}');
    expect(screen.getByRole('alertdialog')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(calls.some((c) => c.method === 'payments.start')).toBe(false);
  });

  it('reads "1,234.50" typed for dollars in a Dutch screen, and still refuses "12,500" with both readings', async () => {
    speak('nl');
    const { user } = counter(aCustomer());
    const amount = screen.getByLabelText('Te betalen bedrag (USD)') as HTMLInputElement;
    expect(amount.value).toBe('1234.50');
    await user.clear(amount);
    await user.type(amount, '1,000.00');
    await waitFor(() => expect(screen.getByRole('button', { name: /\$1,000\.00/ })).toBeTruthy());
    await user.clear(amount);
    await user.type(amount, '12,500');
    expect(screen.getByRole('alert').textContent).toBe(
      '12,500 kan $12.50 of $12,500.00 zijn — typ 12.50 of 12,500.00.',
    );
  });
});

describe('the customer card and Today in dollars', () => {
  it('says what PayTrace keeps on file for the customer', () => {
    renderWithCore(<OnFileSummary customer={aCustomer({ onFile: [visa, checking] })} />);
    const summary = screen.getByTestId('customer-on-file');
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'PayTrace customer KASSA-US-1001',
      'PayTrace card on file: Visa ••1111',
      'Bank account on file: Checking',
    ]);
  });

  it('shows nothing for a customer the back-office keeps nothing for', () => {
    renderWithCore(<OnFileSummary customer={{ providerCustomerIds: {}, onFile: [] }} />);
    expect(screen.queryByTestId('customer-on-file')).toBeNull();
  });

  it('totals Today per currency: dollars and euros are never added up', async () => {
    renderWithCore(<TodayView />, {
      'payments.today': [
        aPayment({ id: 'p1', status: 'approved', amount: { minor: 1_234_50, currency: 'USD' } }),
        aPayment({ id: 'p2', status: 'approved', amount: { minor: 10_00, currency: 'EUR' } }),
        aPayment({ id: 'p3', status: 'approved', amount: { minor: 100_00, currency: 'USD' } }),
        aPayment({ id: 'p4', status: 'declined', amount: { minor: 999_00, currency: 'USD' } }),
      ],
    });
    await waitFor(() => expect(screen.getByTestId('today-total-USD').textContent).toBe('Approved today: $1,334.50'));
    expect(screen.getByTestId('today-total-EUR').textContent).toBe('Approved today: €10.00');
  });

  it('shows no total, and no guessed euro, when nothing was taken', async () => {
    renderWithCore(<TodayView />, { 'payments.today': [] });
    await waitFor(() => expect(screen.getByText('No transactions today.')).toBeTruthy());
    expect(screen.queryByText(/Approved today/)).toBeNull();
  });
});
