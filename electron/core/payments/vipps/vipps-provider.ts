import { z } from 'zod';
import type {
  AttemptRef,
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
 * leave the counter), and only then counts as approved.
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
      if (error instanceof VippsHttpError && error.status === 404) return null;
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
      voids: false,
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

    async status(attempt: AttemptRef): Promise<ProviderStatus> {
      const payment = await read(attempt.reference);
      if (!payment) return { kind: 'not_found', raw: 'NOT_FOUND' };
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
            // Someone released the reservation (the business portal, say) before Kassa captured it all.
            return { kind: 'needs_review', reason: 'reservation_cancelled', raw: 'AUTHORIZED+CANCELLED' };
          }
          if (outstanding > 0) {
            await client.request(
              VippsPayment.partial(),
              'POST',
              path(attempt.reference, '/capture'),
              { modificationAmount: { currency: payment.amount.currency, value: outstanding } },
              `${attempt.idempotencyKey}-capture`,
            );
          }
          return { kind: 'approved', card: null, raw: 'AUTHORIZED+CAPTURED' };
        }
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
        if (error instanceof VippsHttpError && error.status >= 400 && error.status < 500) return 'too_late';
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
