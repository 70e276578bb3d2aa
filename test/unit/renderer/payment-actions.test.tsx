import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ClientError } from '../../../renderer/src/api/client-error';
import { RefundForm } from '../../../renderer/src/features/payment/RefundForm';
import { VoidPayment } from '../../../renderer/src/features/payment/VoidPayment';
import { aPayment } from './fixtures';
import { renderWithCore } from './render';

const approved = aPayment({ status: 'approved', voidable: true, amount: { minor: 40_00, currency: 'EUR' } });

describe('void: asked twice, with a note, one request id per attempt', () => {
  it('says why a void was refused, and a second confirm is a new request', async () => {
    let answers = 0;
    const { user, calls } = renderWithCore(<VoidPayment payment={approved} />, {
      'payments.void': () => {
        answers += 1;
        if (answers === 1) throw new ClientError('void_failed', 'refused', { reason: 'PAY-1' });
        return { ...approved, status: 'voided' };
      },
    });
    await user.click(screen.getByRole('button', { name: 'Void payment' }));
    const confirm = screen.getByRole('button', { name: 'Void €40.00' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await user.type(screen.getByLabelText('Why (required)'), 'wrong customer');
    await user.click(confirm);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The provider refused the void (PAY-1). The payment stands.',
    );
    await user.click(confirm);
    await waitFor(() => expect(calls.filter((c) => c.method === 'payments.void')).toHaveLength(2));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    const [first, second] = calls.filter((c) => c.method === 'payments.void').map((c) => c.input);
    expect(first).toMatchObject({ paymentId: 'pay-1', note: 'wrong customer' });
    expect((second as { requestId: string }).requestId).not.toBe((first as { requestId: string }).requestId);
  });
});

describe('refund form: all or part, and what was recorded', () => {
  it('refunds the typed part and names the amount that was recorded', async () => {
    const paid = aPayment({ status: 'approved', refundKinds: ['online'], amount: { minor: 40_00, currency: 'EUR' } });
    const { user, calls } = renderWithCore(<RefundForm payment={paid} />, {
      'terminals.list': [],
      'payments.refund': { ...paid, status: 'partially_refunded', refundedMinor: 10_00 },
    });
    const amount = screen.getByLabelText('Amount to refund') as HTMLInputElement;
    expect(amount.value).toBe('40.00');
    await user.clear(amount);
    await user.type(amount, '10');
    await user.type(screen.getByLabelText('Reason (on the statement)'), 'Broken pot');
    await user.click(screen.getByRole('button', { name: 'Refund €10.00' }));
    expect((await screen.findByRole('status')).textContent).toBe('Refund recorded: €10.00.');
    expect(calls.find((c) => c.method === 'payments.refund')?.input).toMatchObject({
      paymentId: 'pay-1',
      amount: { minor: 10_00, currency: 'EUR' },
      kind: 'online',
      reason: 'Broken pot',
    });
  });
});
