import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import type { RefundInput } from '../../../shared/api/schemas';
import { type CurrencyCode, isCurrencyCode } from '../../../shared/money/currency';
import { refundReference } from '../../../shared/payment/reference';
import type { Clock } from '../clock';
import type { Db } from '../db/open-database';
import type { PaymentRepository, PaymentRow } from '../repositories/payments';
import type { RefundRepository, RefundRow } from '../repositories/refunds';
import type { Applied, PaymentLedger } from './payment-ledger';
import { type PaymentProvider, ProviderError, type RefundAnswer, type RefundRequest } from './provider';
import type { ProviderRegistry } from './provider-registry';

const REFUNDABLE = new Set(['approved', 'paid_after_cancel', 'partially_refunded']);

/**
 * Refunds, online or on a terminal, as durable attempts: the refund row (with its idempotency key)
 * commits before the provider is asked; a lost answer leaves it unknown, to be settled by asking
 * again, never by paying out twice.
 */
export function createRefundService(deps: {
  db: Db;
  payments: PaymentRepository;
  refunds: RefundRepository;
  ledger: PaymentLedger;
  registry: ProviderRegistry;
  clock: Clock;
  onApplied: (applied: Applied) => void;
  onRefundChanged: (paymentId: string) => void;
  /** A same-day void of the payment is asked and not yet answered: no refund on top of it. */
  voidInFlight?: (paymentId: string) => boolean;
  pollIntervalMs?: number;
}) {
  const { db, payments, refunds, ledger, registry, clock } = deps;
  const watching = new Set<string>();
  let stopped = false;

  const record = db.transaction((input: RefundInput, payment: PaymentRow, provider: PaymentProvider): RefundRow => {
    if (!REFUNDABLE.has(payment.status) || deps.voidInFlight?.(payment.id)) {
      throw new ApiError('cannot_refund', 'this payment cannot be refunded', { status: payment.status });
    }
    if (!isCurrencyCode(payment.currency)) {
      throw new ApiError('unsupported_currency', 'unsupported currency', { currency: payment.currency });
    }
    if (input.amount.currency !== payment.currency) {
      throw new ApiError('wrong_currency', 'refund currency differs from the payment', {
        currency: input.amount.currency,
        expected: payment.currency,
      });
    }
    if (input.amount.minor <= 0) throw new ApiError('amount_not_positive', 'amount must be above zero');
    const left = payment.amountMinor - payment.refundedMinor - refunds.inFlightMinor(payment.id);
    if (input.amount.minor > left) {
      throw new ApiError('refund_exceeds_paid', 'more than can still be refunded', { maxMinor: Math.max(0, left) });
    }
    if (!provider.refund || !provider.capabilities.refunds.includes(input.kind)) {
      throw new ApiError('refund_kind_unavailable', 'this provider cannot refund this way', { kind: input.kind });
    }
    if (input.kind === 'terminal' && !input.terminalId) {
      throw new ApiError('refund_kind_unavailable', 'choose the terminal for the refund', { kind: input.kind });
    }
    const at = clock.now().toISOString();
    // Letters and digits only: the id doubles as the refund's reference at the provider (Pay.).
    const id = refundReference(
      `${at.replace(/[-:TZ.]/g, '').slice(0, 14)}${randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase()}`,
    );
    refunds.insert({
      id,
      paymentId: payment.id,
      requestId: input.requestId,
      idempotencyKey: randomUUID(),
      kind: input.kind,
      amountMinor: input.amount.minor,
      currency: payment.currency,
      terminalId: input.kind === 'terminal' ? (input.terminalId ?? null) : null,
      reason: input.reason,
      createdAt: at,
    });
    const row = refunds.get(id);
    if (!row) throw new Error('refund row missing after insert');
    return row;
  });

  function requestOf(refund: RefundRow, payment: PaymentRow): RefundRequest {
    return {
      payment,
      refundId: refund.id,
      idempotencyKey: refund.idempotencyKey,
      kind: refund.kind,
      amount: { minor: refund.amountMinor, currency: knownCurrency(refund.currency) },
      terminalId: refund.terminalId,
      description: refund.reason,
    };
  }

  function settle(refund: RefundRow, answer: RefundAnswer): void {
    const at = clock.now().toISOString();
    if (answer.state === 'succeeded') {
      deps.onApplied(ledger.refundSucceeded(refund.id, answer.providerRef));
    } else if (answer.state === 'failed') {
      refunds.setStatus(refund.id, 'failed', at, {
        providerRef: answer.providerRef,
        failureReason: answer.reason ?? 'failed',
      });
    } else {
      refunds.setStatus(refund.id, 'pending', at, { providerRef: answer.providerRef });
      watch(refund.id);
    }
    deps.onRefundChanged(refund.paymentId);
  }

  /** Commits "sent", asks the provider, and commits its answer; a lost answer leaves the refund unknown. */
  async function send(refund: RefundRow, payment: PaymentRow, provider: PaymentProvider): Promise<void> {
    refunds.setStatus(refund.id, 'sent', clock.now().toISOString());
    try {
      const answer = await provider.refund?.(requestOf(refund, payment));
      if (!answer) throw new Error('provider has no refund');
      settle(refund, answer);
    } catch (error) {
      const at = clock.now().toISOString();
      if (error instanceof ProviderError && error.kind === 'refused') {
        refunds.setStatus(refund.id, 'failed', at, { failureReason: error.code });
        deps.onRefundChanged(payment.id);
        throw new ApiError('refund_failed', 'the provider refused the refund', { reason: error.code });
      }
      refunds.setStatus(refund.id, 'unknown', at, { failureReason: 'no_answer' });
      deps.onRefundChanged(payment.id);
    }
  }

  function unknownRefund(refundId: string) {
    const refund = refunds.get(refundId);
    const payment = refund && payments.get(refund.paymentId);
    const provider = payment && registry.provider(payment.provider);
    if (!refund || !payment || !provider) throw new ApiError('not_found', 'refund not found', { refundId });
    if (refund.status !== 'unknown') {
      throw new ApiError('cannot_retry_refund', 'only a refund whose outcome is unknown', { status: refund.status });
    }
    return { refund, payment, provider };
  }

  /** Terminal refunds wait for the customer's card: follow them until final. */
  function watch(refundId: string): void {
    if (watching.has(refundId)) return;
    watching.add(refundId);
    const tick = async () => {
      if (stopped) return;
      const refund = refunds.get(refundId);
      const payment = refund && payments.get(refund.paymentId);
      const provider = payment && registry.provider(payment.provider);
      if (!refund || !payment || !provider?.refundStatus || !refund.providerRef || refund.status !== 'pending') {
        watching.delete(refundId);
        return;
      }
      try {
        const answer = await provider.refundStatus(requestOf(refund, payment), refund.providerRef);
        if (answer.state !== 'pending') {
          watching.delete(refundId);
          settle(refund, answer);
          return;
        }
      } catch {
        // Asked again at the next tick.
      }
      setTimeout(tick, deps.pollIntervalMs ?? 1_500).unref();
    };
    setTimeout(tick, deps.pollIntervalMs ?? 1_500).unref();
  }

  return {
    async refund(input: RefundInput): Promise<PaymentRow> {
      const payment = payments.get(input.paymentId);
      if (!payment) throw new ApiError('not_found', 'payment not found', { paymentId: input.paymentId });
      const provider = registry.provider(payment.provider);
      if (!provider) throw new ApiError('refund_kind_unavailable', 'provider not available', { kind: input.kind });
      // A repeated press of the same Refund returns the first refund's outcome.
      if (refunds.byRequestId(input.requestId)) return payments.get(payment.id) ?? payment;
      const refund = record.immediate(input, payment, provider);
      await send(refund, payment, provider);
      return payments.get(payment.id) ?? payment;
    },

    /** Sends an unknown refund again under its own idempotency key, where the provider allows that. */
    async retry(refundId: string): Promise<PaymentRow> {
      const { refund, payment, provider } = unknownRefund(refundId);
      if (!provider.capabilities.idempotentRefunds) {
        throw new ApiError('cannot_retry_refund', 'this provider cannot take the same refund twice safely');
      }
      await send(refund, payment, provider);
      return payments.get(payment.id) ?? payment;
    },

    /** A manager's decision on a refund whose answer was lost, after checking the provider's portal. */
    decide(refundId: string, outcome: 'succeeded' | 'failed', note: string): PaymentRow {
      const { refund, payment } = unknownRefund(refundId);
      payments.recordEvent(
        payment.id,
        clock.now().toISOString(),
        'refund_decided',
        'noted',
        payment.status,
        payment.status,
        {
          refundId,
          outcome,
          by: 'manager',
          note,
        },
      );
      settle(
        refund,
        outcome === 'succeeded'
          ? { providerRef: null, state: 'succeeded' }
          : { providerRef: null, state: 'failed', reason: `manager: ${note}` },
      );
      return payments.get(payment.id) ?? payment;
    },
    stop(): void {
      stopped = true;
    },
    /** On start: terminal refunds still waiting for a card are followed again; the rest are settled. */
    resume(): void {
      const at = clock.now().toISOString();
      for (const refund of refunds.open()) {
        if (refund.status === 'pending') watch(refund.id);
        // Recorded but never sent: nothing left the counter.
        else if (refund.status === 'recorded')
          refunds.setStatus(refund.id, 'failed', at, { failureReason: 'never_sent' });
        // Sent when the counter stopped: the answer is lost, so it is unknown, never silently resent.
        else if (refund.status === 'sent') refunds.setStatus(refund.id, 'unknown', at, { failureReason: 'no_answer' });
      }
    },
  };
}

export type RefundService = ReturnType<typeof createRefundService>;

/** A stored refund's currency: its payment's, checked when the refund was recorded — never assumed. */
function knownCurrency(currency: string): CurrencyCode {
  if (!isCurrencyCode(currency)) throw new Error(`a refund in an unknown currency (${currency}) cannot be sent`);
  return currency;
}
