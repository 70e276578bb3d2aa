import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../renderer/src/api/api-client';
import { ClientError } from '../../../renderer/src/api/client-error';
import { withManagerApproval } from '../../../renderer/src/api/manager-approval';
import { ManagerApprovalDialog } from '../../../renderer/src/features/people/ManagerApprovalDialog';
import { PinPad } from '../../../renderer/src/features/people/PinPad';
import { peopleBroker } from '../../../renderer/src/features/people/people-broker';
import type { PersonTile } from '../../../shared/api/people-schemas';
import { renderWithCore } from './render';

describe('PIN pad', () => {
  it('takes digits from the keyboard and submits on Enter, never more than six, never letters', async () => {
    const onSubmit = vi.fn();
    const { user } = renderWithCore(<PinPad label="PIN for Anna" submitLabel="Sign in" onSubmit={onSubmit} />);
    const field = screen.getByLabelText('PIN for Anna');
    expect(field.getAttribute('type')).toBe('password');
    await user.type(field, '12ab3');
    await user.keyboard('{Enter}');
    expect(onSubmit).not.toHaveBeenCalled(); // three digits are not a PIN
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', true);
    await user.type(field, '45678');
    expect((field as HTMLInputElement).value).toBe('123456');
    expect(screen.getByText('6 digits typed')).toBeTruthy();
    await user.keyboard('{Backspace}{Enter}');
    expect(onSubmit).toHaveBeenCalledWith('12345');
    expect((field as HTMLInputElement).value).toBe('');
  });

  it('works by touch: large keys, delete, clear, and the submit button', async () => {
    const onSubmit = vi.fn();
    const { user } = renderWithCore(<PinPad label="Manager PIN" submitLabel="Approve" onSubmit={onSubmit} />);
    const keys = screen.getByRole('group', { name: 'PIN pad' });
    expect(keys).toBeTruthy();
    for (const digit of ['2', '2', '9']) await user.click(screen.getByRole('button', { name: digit }));
    await user.click(screen.getByRole('button', { name: 'Delete last digit' }));
    await user.click(screen.getByRole('button', { name: 'Clear PIN' }));
    for (const digit of ['2', '2', '2', '2']) await user.click(screen.getByRole('button', { name: digit }));
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(onSubmit).toHaveBeenCalledWith('2222');
  });
});

const MANAGERS: PersonTile[] = [
  { id: 'u-cas', name: 'Cas', role: 'cashier', lockedOut: false, needsEnrolment: false },
  { id: 'u-mia', name: 'Mia', role: 'manager', lockedOut: false, needsEnrolment: false },
];

/** The refund as the core answers it: refused until a manager approved, then done. */
function refundingCore() {
  let approvals = 0;
  const calls: string[] = [];
  const client: ApiClient = {
    call: async (method) => {
      calls.push(method);
      if (approvals === 0) throw new ClientError('manager_required', 'a manager must approve', { method });
      approvals -= 1;
      return { id: 'pay-1', refunded: true } as never;
    },
    subscribe: () => () => {},
  };
  return { client, calls, approve: () => (approvals += 1) };
}

describe('manager approval on the cashier screen', () => {
  it('asks for a manager when the core says manager_required, then sends the same call once more', async () => {
    const core = refundingCore();
    const approveCalls: unknown[] = [];
    const { user } = renderWithCore(<ManagerApprovalDialog />, {
      'people.list': MANAGERS,
      'people.approve': (input) => {
        approveCalls.push(input);
        core.approve();
        return { method: input.method, approvedBy: { id: 'u-mia', name: 'Mia', role: 'manager' }, expiresAt: '' };
      },
    });
    const api = withManagerApproval(core.client, peopleBroker);
    const refund = api.call('payments.refund', { paymentId: 'pay-1' } as never);

    const dialog = await screen.findByRole('dialog', { name: 'Manager approval' });
    expect(dialog).toBeTruthy();
    // Only managers can approve: the cashier is not offered; the one manager is chosen already.
    expect(screen.queryByRole('button', { name: 'Cas' })).toBeNull();
    await user.type(await screen.findByLabelText('Manager PIN'), '2222{Enter}');
    await expect(refund).resolves.toEqual({ id: 'pay-1', refunded: true });
    expect(approveCalls).toEqual([{ userId: 'u-mia', pin: '2222', method: 'payments.refund' }]);
    expect(core.calls).toEqual(['payments.refund', 'payments.refund']);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('gives the refusal back when the approval is cancelled, and never retries twice', async () => {
    const core = refundingCore();
    const { user } = renderWithCore(<ManagerApprovalDialog />, {
      'people.list': MANAGERS,
      // The approval is "given" but the core still refuses: the client must not loop.
      'people.approve': (input) => ({
        method: input.method,
        approvedBy: { id: 'u-mia', name: 'Mia', role: 'manager' },
        expiresAt: '',
      }),
    });
    let clock = 0;
    const api = withManagerApproval(core.client, peopleBroker, () => clock);
    const first = api.call('payments.void', { paymentId: 'pay-1' } as never).catch((error: unknown) => error);
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await first).toMatchObject({ code: 'manager_required' });
    expect(core.calls).toEqual(['payments.void']);
    // Asked again at once (a query's automatic retry): no second dialog right after a cancel.
    const retried = await api.call('payments.void', { paymentId: 'pay-1' } as never).catch((error: unknown) => error);
    expect(retried).toMatchObject({ code: 'manager_required' });
    expect(screen.queryByRole('dialog')).toBeNull();
    clock += 6_000;

    const second = api.call('payments.void', { paymentId: 'pay-1' } as never).catch((error: unknown) => error);
    await user.type(await screen.findByLabelText('Manager PIN'), '2222{Enter}');
    expect(await second).toMatchObject({ code: 'manager_required' });
    expect(core.calls).toEqual(['payments.void', 'payments.void', 'payments.void', 'payments.void']);
  });
});
