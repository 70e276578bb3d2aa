import { isOpen, type PaymentStatus } from '../../../shared/payment/states';
import type { PaymentRepository } from '../repositories/payments';
import type { Applied, PaymentLedger } from './payment-ledger';
import { type PaymentProvider, ProviderError, type ProviderStatus } from './provider';
import { mapProviderStatus } from './status-mapping';

type Authorized = Extract<ProviderStatus, { kind: 'authorized' }>;

/** Attempts Kassa closed without the customer's money: a reservation found later is released, not taken. */
const CLOSED_UNPAID: readonly PaymentStatus[] = ['failed', 'expired', 'cancelled', 'declined'];

/**
 * What Kassa does with a reservation the provider reports (Vipps: AUTHORIZED, not captured). Capturing
 * or releasing it moves money, so it is a ledger step like a start: the intent (with its idempotency
 * key, the same on every retry) is committed, then the call is made, then the answer is committed.
 * A crash in between leaves the intent on record, and the next status read repeats the step under the
 * same key, which the provider answers once.
 *
 * - open attempt: capture; the money counts once the provider says it is captured.
 * - attempt Kassa already closed unpaid (failed, expired, cancelled, declined), or one the cashier asked
 *   to cancel: release the reservation (the provider's void), so the customer is not charged.
 * - anything else (a manager already decided): leave it, and say so in the evidence.
 */
export function createCaptureStep(deps: {
  payments: PaymentRepository;
  ledger: PaymentLedger;
  onApplied: (applied: Applied) => void;
}) {
  const { payments, ledger, onApplied } = deps;

  async function capture(paymentId: string, provider: PaymentProvider, status: Authorized): Promise<void> {
    const payment = payments.get(paymentId);
    if (!payment || !provider.capture) return;
    const request = { amountMinor: status.capturableMinor, idempotencyKey: `${payment.idempotencyKey}-capture` };
    ledger.note(paymentId, 'capture_sent', { ...request, currency: payment.currency });
    let answer: ProviderStatus;
    try {
      answer = await provider.capture(payment, request);
    } catch (error) {
      // Refused: nothing was taken, the next read tries again. Unknown: the next read tells.
      ledger.note(paymentId, 'capture_failed', failure(error, request.idempotencyKey));
      throw error;
    }
    const latest = payments.get(paymentId);
    if (!latest) return;
    const mapped = mapProviderStatus(answer, latest.status, provider.capabilities);
    if (!mapped.event) return;
    onApplied(
      ledger.apply(paymentId, mapped.event, {
        providerStatus: answer.raw,
        card: mapped.card,
        failureReason: mapped.failureReason,
        detail: { capture: request, answer: answer.kind },
      }),
    );
  }

  async function release(paymentId: string, provider: PaymentProvider, status: Authorized, why: string) {
    const payment = payments.get(paymentId);
    if (!payment) return;
    if (!provider.void) {
      ledger.note(paymentId, 'reservation_left', { why, amountMinor: status.capturableMinor, canRelease: false });
      return;
    }
    ledger.note(paymentId, 'release_sent', { why, amountMinor: status.capturableMinor });
    let answer: 'voided' | 'too_late';
    try {
      answer = await provider.void(payment);
    } catch (error) {
      ledger.note(paymentId, 'release_failed', failure(error, null));
      throw error;
    }
    // too_late: captured after all (by someone else); the next read shows the money as taken.
    ledger.note(paymentId, answer === 'voided' ? 'released' : 'release_too_late', { why, answer });
    const latest = payments.get(paymentId);
    if (answer === 'voided' && latest && isOpen(latest.status)) {
      onApplied(
        ledger.apply(paymentId, { type: 'cancelled' }, { providerStatus: 'AUTHORIZED+RELEASED', detail: { why } }),
      );
    }
  }

  /** Runs the step for one `authorized` answer of the payment's provider. */
  return async function settleReservation(
    paymentId: string,
    provider: PaymentProvider,
    status: Authorized,
  ): Promise<void> {
    const payment = payments.get(paymentId);
    if (!payment) return;
    if (CLOSED_UNPAID.includes(payment.status)) return release(paymentId, provider, status, payment.status);
    if (isOpen(payment.status) && payment.cancelRequested) {
      return release(paymentId, provider, status, 'cancel_requested');
    }
    if (isOpen(payment.status)) return capture(paymentId, provider, status);
    ledger.note(paymentId, 'reservation_left', { why: payment.status, amountMinor: status.capturableMinor });
  };
}

function failure(error: unknown, idempotencyKey: string | null) {
  return {
    ...(idempotencyKey ? { idempotencyKey } : {}),
    kind: error instanceof ProviderError ? error.kind : 'error',
    error: String(error),
  };
}

export type CaptureStep = ReturnType<typeof createCaptureStep>;
