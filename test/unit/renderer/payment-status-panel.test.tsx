import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { rememberPayment } from '../../../renderer/src/api/cache';
import { PaymentStatusPanel } from '../../../renderer/src/features/payment/PaymentStatusPanel';
import { useCounterStore } from '../../../renderer/src/state/counter-store';
import type { PaymentDto } from '../../../shared/api/schemas';
import { aPayment } from './fixtures';
import { renderWithCore, testQueryClient } from './render';

/** As in the app: Pay (or a pushed event) has put the payment in the cache before the panel opens. */
function showPanel(payment: PaymentDto, answers: Parameters<typeof renderWithCore>[1] = {}) {
  useCounterStore.setState({ paymentId: payment.id });
  const queryClient = testQueryClient();
  rememberPayment(queryClient, payment);
  return renderWithCore(<PaymentStatusPanel paymentId={payment.id} />, answers, queryClient);
}

const lastStart = {
  customerId: 'cust-1',
  invoiceIds: ['inv-1'],
  amount: { minor: 12_50, currency: 'EUR' },
  terminalId: 'term-1',
};

describe('payment status panel: one sentence per state, and the action that makes sense now', () => {
  it('while pending says what the terminal waits for and offers only Cancel, which asks the core to cancel', async () => {
    const pending = aPayment({ status: 'pending', phase: 'waiting_card' });
    const { user, calls } = showPanel(pending, {
      'payments.cancel': { ...pending, cancelRequested: true },
    });
    expect(await screen.findByText('Waiting for card — ask the customer to tap or insert the card.')).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Payment status' })).toBeTruthy();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Cancel payment']);

    await user.click(screen.getByRole('button', { name: 'Cancel payment' }));
    expect(await screen.findByText('Cancel requested — waiting for the terminal.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'payments.cancel')).toEqual([
      { method: 'payments.cancel', input: { paymentId: 'pay-1' } },
    ]);
    expect((screen.getByRole('button', { name: 'Cancel payment' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('cancels with Escape while the terminal still waits', async () => {
    const pending = aPayment({ status: 'pending' });
    const { user, calls } = showPanel(pending, { 'payments.cancel': { ...pending, cancelRequested: true } });
    await screen.findByText('Waiting for the terminal…');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Cancel payment'));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(calls.some((c) => c.method === 'payments.cancel')).toBe(true));
  });

  it('after a decline says why and offers Try again, which starts the same payment as a new attempt', async () => {
    useCounterStore.setState({ lastStart });
    const declined = aPayment({ status: 'declined', failureReason: 'card_declined' });
    const again = aPayment({ id: 'pay-2', status: 'pending' });
    const { user, calls } = showPanel(declined, { 'payments.start': again });
    expect(await screen.findByText('Declined')).toBeTruthy();
    expect(screen.getByText('The card was declined.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel payment' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(useCounterStore.getState().paymentId).toBe('pay-2'));
    const start = calls.find((c) => c.method === 'payments.start');
    expect(start?.input).toMatchObject(lastStart);
    expect(start?.input).toMatchObject({ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('offers no Try again when there is nothing to repeat', async () => {
    showPanel(aPayment({ status: 'declined' }));
    await screen.findByText('Declined');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Done' })).toBeTruthy();
  });

  it('paid after cancel: says the customer was charged, offers a refund of the rest or keeping it', async () => {
    const charged = aPayment({
      status: 'paid_after_cancel',
      refundKinds: ['online'],
      amount: { minor: 40_00, currency: 'EUR' },
      refundedMinor: 10_00,
    });
    const { user, calls } = showPanel(charged, {
      'payments.refund': { ...charged, status: 'refunded', refundedMinor: 40_00 },
      'payments.keep': { ...charged, status: 'approved' },
    });
    expect(await screen.findByText('Paid after cancel — the customer was charged.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Keep payment' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Open receipt' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Refund €30.00' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'payments.refund')).toBe(true));
    expect(calls.find((c) => c.method === 'payments.refund')?.input).toMatchObject({
      paymentId: 'pay-1',
      amount: { minor: 30_00, currency: 'EUR' },
      kind: 'online',
    });
    expect(await screen.findByText('Refunded')).toBeTruthy();
  });

  it('paid after cancel: Keep payment asks the core to keep it', async () => {
    const charged = aPayment({ status: 'paid_after_cancel', refundKinds: [] });
    const { user, calls } = showPanel(charged, { 'payments.keep': { ...charged, status: 'approved' } });
    await user.click(await screen.findByRole('button', { name: 'Keep payment' }));
    expect(await screen.findByText('Approved')).toBeTruthy();
    expect(calls.some((c) => c.method === 'payments.keep')).toBe(true);
    expect(screen.queryByRole('button', { name: /Refund/ })).toBeNull();
  });

  it('unknown: says not to start again and lets a manager decide by hand, only with a note', async () => {
    const unknown = aPayment({ status: 'unknown' });
    const { user, calls } = showPanel(unknown, {
      'payments.resolve': { ...unknown, status: 'failed', failureReason: 'manager_not_charged' },
    });
    expect(
      await screen.findByText('Outcome unknown — checking with the terminal. Do not start the payment again.'),
    ).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Decide by hand' })).toBeTruthy();
    const notCharged = screen.getByRole('button', { name: 'Not charged' }) as HTMLButtonElement;
    expect(notCharged.disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Charged €12.50' }) as HTMLButtonElement).disabled).toBe(true);

    await user.type(screen.getByLabelText('What you checked (required)'), 'portal says no');
    expect(notCharged.disabled).toBe(false);
    await user.click(notCharged);
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'payments.resolve')?.input).toEqual({
        paymentId: 'pay-1',
        outcome: 'failed',
        note: 'portal says no',
      }),
    );
    expect(await screen.findByText('A manager established that nothing was charged.')).toBeTruthy();
  });

  it('approved: shows the card, the receipt and Done', async () => {
    showPanel(aPayment({ status: 'approved', cardBrand: 'Maestro', cardLast4: '4242' }));
    expect(await screen.findByText('Approved')).toBeTruthy();
    expect(screen.getByText('Maestro •••• 4242')).toBeTruthy();
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Open receipt', 'Done']);
  });
});
