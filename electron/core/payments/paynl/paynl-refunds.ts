import type { z } from 'zod';
import { ProviderError, type RefundAnswer, type RefundRequest } from '../provider';
import type { PayNlConfig, PayUrl } from './paynl-config';
import { PayOrder, PayRefundAnswer, PayRefundInfo, type PayTransaction } from './paynl-schemas';
import { mapPayStatus } from './paynl-status';

/** Pay. payment method id for money back to a card on a terminal ("credit" order). */
export const PAY_METHOD_POS_REFUND = 2351;

type Call = <T extends z.ZodType>(
  schema: T,
  method: 'GET' | 'POST' | 'PATCH',
  at: PayUrl,
  body?: unknown,
  auth?: 'token' | 'service',
) => Promise<z.output<T>>;

export interface PayRefundDeps {
  call: Call;
  config: () => PayNlConfig;
  order: (id: string) => Promise<PayOrder>;
  transaction: (id: string) => Promise<PayTransaction>;
}

/**
 * Pay. refunds: on the terminal (a credit order the customer's card completes) or online (the
 * transaction's refund, which Pay. may still be processing). Neither carries an idempotency key, so
 * only a request that certainly never left the counter is a plain failure.
 */
export function createPayNlRefunds(deps: PayRefundDeps) {
  const { call, config } = deps;
  const connect = (path: string): PayUrl => ({ api: 'connect', path });
  const rest = (path: string): PayUrl => ({ api: 'rest', path });

  /** Pay.'s refund object: PAID (100) is done, a negative code failed, anything else is still processing. */
  async function onlineRefundState(providerRef: string): Promise<RefundAnswer> {
    if (providerRef.startsWith('RF-')) {
      const info = await call(
        PayRefundInfo,
        'GET',
        rest(`/v2/refunds/${encodeURIComponent(providerRef)}`),
        undefined,
        'token',
      );
      return fromCode(providerRef, info.status?.code ?? null, info.status?.action ?? null);
    }
    // No refund id in the answer: Pay. named the refund transaction (EX-…) instead.
    const tx = await deps.transaction(providerRef);
    return fromCode(providerRef, tx.status.code, tx.status.action ?? null);
  }

  return {
    async refund(request: RefundRequest): Promise<RefundAnswer> {
      const ref = request.payment.providerRef;
      if (!ref) throw new ProviderError('refused', 'no_order_id', 'the payment has no Pay. order');
      if (request.kind === 'terminal') {
        if (!request.terminalId) throw new ProviderError('refused', 'terminal_required', 'choose a terminal');
        const current = config();
        const created = await call(
          PayOrder,
          'POST',
          connect('/v1/orders'),
          {
            serviceId: current.serviceId,
            amount: { value: request.amount.minor, currency: request.amount.currency },
            description: request.description.slice(0, 32),
            reference: request.refundId,
            paymentMethod: { id: PAY_METHOD_POS_REFUND, input: { terminalCode: request.terminalId } },
            integration: { test: current.testMode },
          },
          'token',
        );
        return { providerRef: created.id, state: 'pending' };
      }
      // Online refunds address the order by Pay.'s orderId (51…X…), read from the order itself. That
      // read happens before anything is sent: whatever goes wrong with it, no money moved.
      let orderId: string;
      try {
        orderId = (await deps.order(ref)).orderId ?? ref;
      } catch (error) {
        const code = error instanceof ProviderError ? error.code : 'lookup_failed';
        throw new ProviderError('refused', `lookup_${code}`, `order lookup before the refund: ${String(error)}`);
      }
      const answer = await call(
        PayRefundAnswer,
        'PATCH',
        rest(`/v2/transactions/${encodeURIComponent(orderId)}/refund`),
        {
          amount: { value: request.amount.minor, currency: request.amount.currency },
          description: request.description.slice(0, 32),
        },
        'token',
      );
      const refundRef =
        answer.refundedTransactions?.find((t) => t.refund?.id)?.refund?.id ?? answer.transactionId ?? null;
      // Accepted is not paid out: Pay. processes the refund and may still fail it. Ask once now; if
      // it is not final (or the answer is slow), the refund service follows it until it is.
      if (!refundRef) {
        throw new ProviderError('outcome_unknown', 'no_refund_id', 'Pay. accepted the refund without naming it');
      }
      try {
        return await onlineRefundState(refundRef);
      } catch {
        return { providerRef: refundRef, state: 'pending' };
      }
    },

    async refundStatus(request: RefundRequest, providerRef: string): Promise<RefundAnswer> {
      if (request.kind === 'online') return onlineRefundState(providerRef);
      const current = await deps.order(providerRef);
      const mapped = mapPayStatus(current.status.code, current.status.action);
      if (mapped.kind === 'approved') return { providerRef, state: 'succeeded' };
      if (mapped.kind === 'pending') return { providerRef, state: 'pending' };
      return { providerRef, state: 'failed', reason: mapped.raw };
    },
  };
}

function fromCode(providerRef: string, code: number | null, action: string | null): RefundAnswer {
  if (code === 100) return { providerRef, state: 'succeeded' };
  if (code !== null && code < 0) return { providerRef, state: 'failed', reason: `${code} ${action ?? ''}`.trim() };
  return { providerRef, state: 'pending' };
}
