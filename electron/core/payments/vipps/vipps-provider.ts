import { z } from 'zod';
import type {
  AttemptRef,
  CaptureRequest,
  PaymentProvider,
  ProviderStatus,
  RefundAnswer,
  RefundRequest,
  StartRequest,
} from '../provider';
import { ProviderError } from '../provider';
import { type VippsClient, VippsHttpError } from './vipps-client';
import { VippsCreated, VippsPayment } from './vipps-schemas';

export const MOBILEPAY_TERMINAL_ID = 'mobilepay';
const EPAYMENT = '/epayment/v1/payments';

/**
 * Vipps MobilePay ePayment: a push request to the customer's phone, customer present. Vipps looks
 * payments up by our reference, so a start whose answer was lost is resolved by reading it back —
 * never by a second request to the customer. An authorised payment is captured at once (the goods
 * leave the counter), and only then counts as approved; the capture is the tracker's ledger step
 * (capture-step.ts), `status` only reads.
 */
export function createVippsProvider(options: {
  client: VippsClient;
  configured: () => boolean;
  pollIntervalMs?: number;
  firstPollDelayMs?: number;
}): PaymentProvider {
  const { client } = options;
  const path = (reference: string, action = '') => `${EPAYMENT}/${encodeURIComponent(reference)}${action}`;

  async function read(reference: string): Promise<z.infer<typeof VippsPayment> | null> {
    try {
      return await client.request(VippsPayment, 'GET', path(reference));
    } catch (error) {
      // Only Vipps' own "not found" proves the payment does not exist; a proxy's 404 proves nothing.
      if (error instanceof VippsHttpError && error.status === 404 && error.kind === 'refused') return null;
      throw error;
    }
  }

  return {
    id: 'vipps',
    capabilities: {
      lookupByReference: true,
      cancel: 'before_approval',
      pushesEvents: true,
      idempotentStart: true,
      // Vipps' polling guideline: first after 5 s, then every 2 s.
      pollIntervalMs: options.pollIntervalMs ?? 2_000,
      firstPollDelayMs: options.firstPollDelayMs ?? 5_000,
      lateApprovalWatchMs: 0,
      refunds: ['online'],
      idempotentRefunds: true,
      // Only an uncaptured reservation can be voided; Kassa captures at approval, so mostly `too_late`.
      voids: true,
      currencies: ['NOK', 'DKK', 'EUR'],
    },

    async listTerminals() {
      if (!options.configured()) return [];
      return [{ id: MOBILEPAY_TERMINAL_ID, name: 'MobilePay', kind: 'mobilepay', online: true, refunds: false }];
    },

    async start(request: StartRequest) {
      if (!request.phone) throw new ProviderError('refused', 'phone_required', 'no phone number');
      const created = await client.request(
        VippsCreated,
        'POST',
        EPAYMENT,
        {
          amount: { currency: request.amount.currency, value: request.amount.minor },
          paymentMethod: { type: 'WALLET' },
          customer: { phoneNumber: request.phone },
          customerInteraction: 'CUSTOMER_PRESENT',
          userFlow: 'PUSH_MESSAGE',
          reference: request.reference,
          paymentDescription: request.description.slice(0, 100).padEnd(3, '.'),
        },
        request.idempotencyKey,
      );
      return { providerRef: created.reference };
    },

    /** Only reads: capturing is the tracker's capture step (see `capture`), with its own ledger rows. */
    async status(attempt: AttemptRef): Promise<ProviderStatus> {
      const payment = await read(attempt.reference);
      return payment ? describe(payment) : { kind: 'not_found', raw: 'NOT_FOUND' };
    },

    async capture(attempt: AttemptRef, request: CaptureRequest): Promise<ProviderStatus> {
      const answer = await client.request(
        VippsPayment,
        'POST',
        path(attempt.reference, '/capture'),
        { modificationAmount: { currency: attempt.currency, value: request.amountMinor } },
        request.idempotencyKey,
      );
      return describe(answer);
    },

    /**
     * Releases a reservation not yet captured (cancel without `cancelTransactionOnly`). Vipps cannot
     * cancel a captured payment: that is `too_late`, and the money goes back by refund.
     */
    async void(attempt: AttemptRef): Promise<'voided' | 'too_late'> {
      const before = await read(attempt.reference);
      if (!before) throw new ProviderError('refused', 'not_found', `no Vipps payment ${attempt.reference}`);
      if (before.aggregate.capturedAmount.value > 0) return 'too_late';
      if (before.state !== 'AUTHORIZED') {
        throw new ProviderError('refused', 'not_authorized', `Vipps payment is ${before.state}`);
      }
      if (before.aggregate.authorizedAmount.value - before.aggregate.cancelledAmount.value <= 0) return 'voided';
      try {
        const answer = await client.request(
          VippsPayment,
          'POST',
          path(attempt.reference, '/cancel'),
          { cancelTransactionOnly: false },
          `${attempt.idempotencyKey}-void`,
        );
        return answer.aggregate.capturedAmount.value > 0 ? 'too_late' : 'voided';
      } catch (error) {
        // "Cannot cancel a captured payment": a capture won the race. Anything else stands as thrown.
        if (error instanceof VippsHttpError && error.kind === 'refused') {
          const after = await read(attempt.reference);
          if (after && after.aggregate.capturedAmount.value > 0) return 'too_late';
        }
        throw error;
      }
    },

    async cancel(attempt: AttemptRef) {
      try {
        const answer = await client.request(
          VippsPayment.pick({ state: true }),
          'POST',
          path(attempt.reference, '/cancel'),
          // Only if not yet approved: a customer who just approved is not silently released.
          { cancelTransactionOnly: true },
          `${attempt.idempotencyKey}-cancel`,
        );
        return answer.state === 'TERMINATED' ? 'accepted' : 'too_late';
      } catch (error) {
        // "Cannot cancel pending" or "captured": the customer is approving or has; the poll will tell.
        if (error instanceof VippsHttpError && error.kind === 'refused' && error.status < 500) return 'too_late';
        throw error;
      }
    },

    async refund(request: RefundRequest): Promise<RefundAnswer> {
      const answer = await client.request(
        z.object({ pspReference: z.string().nullish() }).passthrough(),
        'POST',
        path(request.payment.reference, '/refund'),
        { modificationAmount: { currency: request.amount.currency, value: request.amount.minor } },
        request.idempotencyKey,
      );
      return { providerRef: answer.pspReference ?? null, state: 'succeeded' };
    },
  };
}

/** What a payment read (or a capture's answer) says, in Kassa's terms. */
function describe(payment: VippsPayment): ProviderStatus {
  const raw = payment.state;
  switch (payment.state) {
    case 'CREATED':
      return { kind: 'pending', phase: 'waiting_customer', raw };
    case 'ABORTED':
      return { kind: 'declined', reason: 'customer_rejected', raw };
    case 'EXPIRED':
      return { kind: 'expired', raw };
    case 'TERMINATED':
      return { kind: 'cancelled', raw };
    case 'AUTHORIZED': {
      const outstanding = payment.amount.value - payment.aggregate.capturedAmount.value;
      if (outstanding > 0 && payment.aggregate.cancelledAmount.value > 0) {
        // The reservation was released (the business portal, or Kassa for a closed attempt) before
        // it was all captured: a manager looks at it.
        return { kind: 'needs_review', reason: 'reservation_cancelled', raw: 'AUTHORIZED+CANCELLED' };
      }
      if (outstanding > 0) return { kind: 'authorized', capturableMinor: outstanding, raw };
      return { kind: 'approved', card: null, raw: 'AUTHORIZED+CAPTURED' };
    }
  }
}
