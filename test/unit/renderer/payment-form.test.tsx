import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useCounterStore } from '../../../renderer/src/state/counter-store';
import { counterAnswers, PaymentColumn } from './counter-harness';
import { anInvoice, aPayment, aSystemStatus } from './fixtures';
import { renderWithCore, speak } from './render';

const older = anInvoice({ id: 'inv-1', number: '2026-0001', dueDate: '2026-11-01', outstandingMinor: 100_00 });
const newer = anInvoice({ id: 'inv-2', number: '2026-0002', dueDate: '2026-12-15', outstandingMinor: 50_00 });

function counter(answers = {}) {
  return renderWithCore(<PaymentColumn invoices={[older, newer]} />, { ...counterAnswers, ...answers });
}

const amountField = () => screen.getByLabelText('Amount to pay (EUR)') as HTMLInputElement;
const payButton = () => screen.getByRole('button', { name: /^Pay/ }) as HTMLButtonElement;

describe('payment form: the amount the cashier types', () => {
  it('fills in the ticked invoices in full and pays exactly that', async () => {
    useCounterStore.setState({ customerId: 'cust-1', selected: new Set(['inv-1', 'inv-2']) });
    const { user, calls } = counter({ 'payments.start': aPayment({ id: 'pay-9' }) });
    expect(amountField().value).toBe('150.00');
    expect(screen.getByText(/^2 selected · /)).toBeTruthy();
    await waitFor(() => expect(payButton().disabled).toBe(false));
    expect(payButton().textContent).toBe('Pay €150.00');

    await user.click(payButton());
    await waitFor(() => expect(useCounterStore.getState().paymentId).toBe('pay-9'));
    expect(calls.find((c) => c.method === 'payments.start')?.input).toMatchObject({
      customerId: 'cust-1',
      invoiceIds: ['inv-1', 'inv-2'],
      amount: { minor: 150_00, currency: 'EUR' },
      terminalId: 'term-1',
    });
  });

  it('refuses an ambiguous amount with both readings, and keeps Pay disabled', async () => {
    const { user } = counter();
    await user.type(amountField(), '12,500');
    expect(screen.getByRole('alert').textContent).toBe(
      '12,500 could be €12.50 or €12,500.00 — type 12.50 or 12,500.00.',
    );
    expect(amountField().getAttribute('aria-invalid')).toBe('true');
    expect(payButton().disabled).toBe(true);
    expect(payButton().textContent).toBe('Pay');
  });

  it('refuses an ambiguous amount in Dutch too', async () => {
    speak('nl');
    const { user } = counter();
    await user.type(screen.getByLabelText('Te betalen bedrag (EUR)'), '1.000');
    expect(screen.getByRole('alert').textContent).toBe(
      '1.000 kan €\u00a01,00 of €\u00a01.000,00 zijn — typ 1,00 of 1.000,00.',
    );
  });

  it('refuses more than the invoices owe', async () => {
    const { user } = counter();
    await user.type(amountField(), '200.00');
    expect(screen.getByRole('alert').textContent).toBe('The amount is more than the outstanding €150.00.');
    expect(payButton().disabled).toBe(true);
  });

  it('previews a partial amount oldest due first: the older invoice paid off, the newer one still owing', async () => {
    const { user } = counter();
    await user.type(amountField(), '120');
    const preview = screen.getByRole('list', { name: 'Allocation' });
    expect((screen.getByLabelText('Amount for invoice 2026-0001') as HTMLInputElement).value).toBe('100.00');
    expect((screen.getByLabelText('Amount for invoice 2026-0002') as HTMLInputElement).value).toBe('20.00');
    expect(preview.textContent).toContain('paid off');
    expect(preview.textContent).toContain('still owes €30.00');
    await waitFor(() => expect(payButton().textContent).toBe('Pay €120.00'));
  });

  it('tells the cashier when other counters cannot be checked (offline)', async () => {
    counter({ 'system.status': aSystemStatus({ online: false }) });
    expect((await screen.findByTestId('other-counters-unchecked')).textContent).toContain('can’t check other counters');
  });
});

describe('payment form: Cancel while Pay is still on its way', () => {
  it('shows "Sending to the terminal…" with a Cancel that cancels this very Pay by its request id', async () => {
    useCounterStore.setState({ customerId: 'cust-1', selected: new Set(['inv-1']) });
    // The core never answers the start: the terminal is slow to take it.
    const { user, calls } = counter({ 'payments.cancelStart': null });
    await waitFor(() => expect(payButton().disabled).toBe(false));
    await user.click(payButton());

    expect((await screen.findByText('Sending to the terminal…')).closest('[role="status"]')).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Cancel payment' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'payments.cancelStart')).toBe(true));
    const started = calls.find((c) => c.method === 'payments.start')?.input as { requestId: string };
    expect(calls.find((c) => c.method === 'payments.cancelStart')?.input).toEqual({ requestId: started.requestId });
  });

  it('takes Escape as Cancel while sending', async () => {
    useCounterStore.setState({ customerId: 'cust-1', selected: new Set(['inv-1']) });
    const { user, calls } = counter({ 'payments.cancelStart': null });
    await waitFor(() => expect(payButton().disabled).toBe(false));
    await user.click(payButton());
    await screen.findByText('Sending to the terminal…');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(calls.filter((c) => c.method === 'payments.cancelStart')).toHaveLength(1));
  });
});
