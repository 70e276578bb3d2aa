import { describe, expect, it } from 'vitest';
import { rememberPayment } from '../../../renderer/src/api/cache';
import { keys } from '../../../renderer/src/api/queries';
import type { PaymentDto } from '../../../shared/api/schemas';
import { aPayment } from './fixtures';
import { testQueryClient } from './render';

describe('rememberPayment: the one writer of a payment into the cache', () => {
  it('keeps the newest state when a late answer arrives after a pushed event', () => {
    const queryClient = testQueryClient();
    const paidAfterCancel = aPayment({ status: 'paid_after_cancel', updatedAt: '2026-12-01T10:00:05.000Z' });
    const cancelReply = aPayment({ status: 'cancelled', updatedAt: '2026-12-01T10:00:02.000Z' });
    rememberPayment(queryClient, paidAfterCancel);
    rememberPayment(queryClient, cancelReply);
    expect(queryClient.getQueryData<PaymentDto>(keys.payment('pay-1'))?.status).toBe('paid_after_cancel');
  });

  it('takes a newer or equally new state', () => {
    const queryClient = testQueryClient();
    rememberPayment(queryClient, aPayment({ status: 'pending', updatedAt: '2026-12-01T10:00:00.000Z' }));
    rememberPayment(queryClient, aPayment({ status: 'approved', updatedAt: '2026-12-01T10:00:00.000Z' }));
    expect(queryClient.getQueryData<PaymentDto>(keys.payment('pay-1'))?.status).toBe('approved');
    rememberPayment(queryClient, aPayment({ status: 'refunded', updatedAt: '2026-12-01T11:00:00.000Z' }));
    expect(queryClient.getQueryData<PaymentDto>(keys.payment('pay-1'))?.status).toBe('refunded');
  });
});
