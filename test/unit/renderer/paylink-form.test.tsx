import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ClientError } from '../../../renderer/src/api/client-error';
import { usePayLinkStore } from '../../../renderer/src/features/paylink/paylink-store';
import { useCounterStore } from '../../../renderer/src/state/counter-store';
import type { JobDto } from '../../../shared/api/print-email-schemas';
import { counterAnswers, PaymentColumn } from './counter-harness';
import { anInvoice } from './fixtures';
import { aCustomerCard, aLinkPayment, linkTerminal } from './paylink-fixtures';
import { renderWithCore } from './render';

const invoice = anInvoice({ id: 'inv-1', number: '2026-0001', outstandingMinor: 12_50, amountMinor: 12_50 });

function counter(answers: Parameters<typeof renderWithCore>[1] = {}) {
  useCounterStore.setState({ customerId: 'cust-1', selected: new Set(['inv-1']) });
  usePayLinkStore.setState(usePayLinkStore.getInitialState(), true);
  return renderWithCore(<PaymentColumn invoices={[invoice]} />, {
    ...counterAnswers,
    'terminals.list': [linkTerminal],
    'counter.settings': { defaultTerminalId: 'checkout-link', companyName: 'Kwekerij', stationId: 'k1' },
    'customers.card': aCustomerCard(),
    ...answers,
  });
}

const payButton = () => screen.getByRole('button', { name: /^(Show QR|Send link for|Pay)/ }) as HTMLButtonElement;

const queuedJob = (to: string): JobDto => ({
  id: '0b0b0b0b-0000-4000-8000-000000000002',
  kind: 'email',
  purpose: 'payment-link',
  documentKind: 'payment',
  documentId: 'pay-1',
  target: to,
  messageId: '<2@kassa.invalid>',
  status: 'waiting',
  attempts: 0,
  lastError: null,
  nextAttemptAt: null,
  requestedBy: 'C1',
  createdAt: '2026-12-01T10:00:01.000Z',
  sentAt: null,
});

describe('payment form with a pay-link terminal: QR here or link sent', () => {
  it('offers the two uses as large radio options, QR here by default, starting a counter link (no e-mail)', async () => {
    const { user, calls } = counter({ 'payments.start': aLinkPayment() });
    const group = await screen.findByRole('group', { name: 'How does the customer pay?' });
    expect(group).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Show QR here' }) as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect(payButton().disabled).toBe(false));
    expect(payButton().textContent).toBe('Show QR for €12.50');
    await user.click(payButton());
    await waitFor(() => expect(useCounterStore.getState().paymentId).toBe('pay-1'));
    expect(calls.find((c) => c.method === 'payments.start')?.input).toMatchObject({
      terminalId: 'checkout-link',
      linkUse: 'counter',
      amount: { minor: 12_50, currency: 'EUR' },
    });
    expect(calls.some((c) => c.method === 'paylinks.email')).toBe(false);
  });

  it('Send link: the address comes from the customer card and is editable; a wrong one is refused before paying', async () => {
    const { user } = counter();
    await user.click(await screen.findByRole('radio', { name: 'Send link' }));
    const to = (await screen.findByLabelText("Customer's e-mail")) as HTMLInputElement;
    await waitFor(() => expect(to.value).toBe('inkoop@detulp.test'));
    expect((screen.getByLabelText('E-mail language') as HTMLSelectElement).value).toBe('nl');
    await waitFor(() => expect(payButton().disabled).toBe(false));
    expect(payButton().textContent).toBe('Send link for €12.50');

    await user.clear(to);
    await user.type(to, 'inkoop@detulp');
    expect(screen.getByText('Type an e-mail address like name@example.com.')).toBeTruthy();
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(payButton().disabled).toBe(true);

    await user.type(to, '.nl');
    expect(screen.queryByText('Type an e-mail address like name@example.com.')).toBeNull();
    expect(payButton().disabled).toBe(false);
  });

  it('Send link with no address on the card: nothing to send to until the cashier types one', async () => {
    const { user } = counter({ 'customers.card': aCustomerCard({ email: null, language: 'de' }) });
    await user.click(await screen.findByRole('radio', { name: 'Send link' }));
    expect((screen.getByLabelText("Customer's e-mail") as HTMLInputElement).value).toBe('');
    // A German customer's e-mail is in English: the pay-link mail speaks Dutch or English.
    await waitFor(() => expect((screen.getByLabelText('E-mail language') as HTMLSelectElement).value).toBe('en'));
    expect(payButton().disabled).toBe(true);
  });

  it('Send link: starts a remote link, e-mails it, and frees the counter for the next customer', async () => {
    const remote = aLinkPayment({
      payLink: { url: 'https://pay.example/l/1', expiresAt: '2026-12-08T10:00:00.000Z', use: 'remote' },
    });
    const { user, calls } = counter({
      'payments.start': remote,
      'paylinks.email': (input) => queuedJob(input.to),
    });
    await user.click(await screen.findByRole('radio', { name: 'Send link' }));
    const to = (await screen.findByLabelText("Customer's e-mail")) as HTMLInputElement;
    await waitFor(() => expect(to.value).toBe('inkoop@detulp.test'));
    await user.clear(to);
    await user.type(to, 'boekhouding@detulp.test');
    await user.selectOptions(screen.getByLabelText('E-mail language'), 'en');
    await user.click(payButton());

    expect(await screen.findByTestId('paylink-sent')).toBeTruthy();
    expect(screen.getByTestId('paylink-sent').textContent).toBe(
      'Link for €12.50 e-mailed to boekhouding@detulp.test. Follow it under Links sent.',
    );
    expect(calls.find((c) => c.method === 'payments.start')?.input).toMatchObject({ linkUse: 'remote' });
    expect(calls.find((c) => c.method === 'paylinks.email')?.input).toEqual({
      paymentId: 'pay-1',
      to: 'boekhouding@detulp.test',
      language: 'en',
    });
    expect(useCounterStore.getState().paymentId).toBeNull();
    expect(useCounterStore.getState().selected.size).toBe(0);
  });

  it('Send link when the e-mail is refused: the link stays on screen with the reason, to copy or retry', async () => {
    const remote = aLinkPayment({
      payLink: { url: 'https://pay.example/l/1', expiresAt: '2026-12-08T10:00:00.000Z', use: 'remote' },
    });
    const { user } = counter({
      'payments.start': remote,
      'paylinks.email': () => {
        throw new ClientError('mail_not_set_up', 'no mail server', {});
      },
    });
    await user.click(await screen.findByRole('radio', { name: 'Send link' }));
    await waitFor(() => expect(payButton().disabled).toBe(false));
    await user.click(payButton());
    await waitFor(() => expect(usePayLinkStore.getState().notMailed['pay-1']?.to).toBe('inkoop@detulp.test'));
    expect(useCounterStore.getState().paymentId).toBe('pay-1');
    expect(screen.queryByTestId('paylink-sent')).toBeNull();
  });
});
