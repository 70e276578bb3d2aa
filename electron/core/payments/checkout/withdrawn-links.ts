import type { Clock } from '../../clock';
import type { PaymentRepository } from '../../repositories/payments';
import type { PaymentTracker } from '../payment-tracker';
import { REMOTE_LINK_SECONDS } from './checkout-provider';

/**
 * Links cannot be revoked: a withdrawn link stays payable at Checkout.com until it expires (a sent
 * link: 7 days). The tracker's late-approval watch covers a counter link's life; this sweep asks,
 * now and then, about every withdrawn link that has not expired yet, so a payment that still arrives
 * shows as paid-after-cancel even without a webhook listener. Expired links are left alone: nobody
 * can pay them.
 */
export function createWithdrawnLinkWatch(deps: {
  payments: PaymentRepository;
  tracker: () => PaymentTracker;
  clock: Clock;
  intervalMs: number;
  log: (message: string, error?: unknown) => void;
}) {
  let timer: NodeJS.Timeout | null = null;
  let sweeping = false;

  /** Withdrawn, unexpired Checkout.com links (only they can still turn paid). */
  function withdrawnOpenLinks(): string[] {
    const now = deps.clock.now().getTime();
    const since = new Date(now - (REMOTE_LINK_SECONDS + 86_400) * 1000).toISOString();
    return deps.payments
      .createdSince(since)
      .filter(
        (p) =>
          p.provider === 'checkout' &&
          p.status === 'cancelled' &&
          p.cancelRequested &&
          p.payLinkExpiresAt !== null &&
          Date.parse(p.payLinkExpiresAt) > now,
      )
      .map((p) => p.id);
  }

  async function sweep(): Promise<void> {
    if (sweeping) return;
    sweeping = true;
    try {
      for (const paymentId of withdrawnOpenLinks()) {
        await deps
          .tracker()
          .checkOnce(paymentId, { closedToo: true })
          .catch((error: unknown) => deps.log(`withdrawn Checkout.com link ${paymentId} not checked`, error));
      }
    } finally {
      sweeping = false;
    }
  }

  return {
    sweep,
    start(): void {
      if (timer) return;
      timer = setInterval(() => void sweep(), deps.intervalMs);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
