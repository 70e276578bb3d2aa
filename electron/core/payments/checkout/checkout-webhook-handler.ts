import type { Clock } from '../../clock';
import type { PaymentRepository } from '../../repositories/payments';
import type { ProviderEventRepository } from '../../repositories/provider-events';
import type { CallAnswer, CallHandler } from '../../webhooks/incoming';
import type { PaymentLedger } from '../payment-ledger';
import type { PaymentTracker } from '../payment-tracker';
import type { CheckoutEvent } from './checkout-schemas';
import { verifyCheckoutWebhook, type WebhookKeys } from './checkout-webhook';

export interface CheckoutWebhookDeps {
  keys: () => WebhookKeys | null;
  payments: PaymentRepository;
  ledger: PaymentLedger;
  tracker: PaymentTracker;
  events: ProviderEventRepository;
  clock: Clock;
  log: (message: string) => void;
}

/**
 * Receives Checkout.com webhooks: verified, de-duplicated by event id, then never trusted for the
 * outcome — the payment is re-read (`GET /payments/{id}` through the status query) and the state
 * machine never moves a payment backwards, so duplicates and out-of-order deliveries are harmless.
 * Refund events only wake: the refund service reads the refund's action on the payment.
 */
export function createCheckoutWebhookHandler(deps: CheckoutWebhookDeps): CallHandler {
  const { payments, ledger, tracker, events, clock } = deps;

  async function process(event: CheckoutEvent): Promise<string> {
    const reference = event.data.reference;
    const byRef = reference ? payments.byReference(reference) : undefined;
    const payment =
      byRef?.provider === 'checkout'
        ? byRef
        : event.data.id
          ? payments.byProviderRef('checkout', event.data.id)
          : undefined;
    if (!payment) return 'not a Kassa payment';
    ledger.note(payment.id, 'webhook', { event: event.id, type: event.type, at: event.created_on ?? null });
    if (!event.type.startsWith('payment_') || event.type.startsWith('payment_refund')) return 'noted';
    await tracker.checkOnce(payment.id, { closedToo: true });
    tracker.wake(payment.id);
    return 'confirmed by status query';
  }

  return async (call): Promise<CallAnswer> => {
    const keys = deps.keys();
    if (!keys) return answer(404, 'no webhook configured');
    const checked = verifyCheckoutWebhook(call, keys);
    if (!checked.ok) {
      deps.log(`Checkout.com webhook refused: ${checked.reason}`);
      return answer(401, checked.reason);
    }
    const { event } = checked;
    const fresh = events.record('checkout', event.id, clock.now().toISOString(), true, {
      type: event.type,
      subject: event.data.id ?? null,
    });
    if (!fresh && events.outcome('checkout', event.id)) return answer(200, 'already processed');
    try {
      const outcome = await process(event);
      events.finish('checkout', event.id, outcome);
      return answer(200, outcome);
    } catch (error) {
      // Checkout.com retries (5 min, 10 min, …); the poll covers the gap meanwhile.
      deps.log(`Checkout.com webhook not processed: ${String(error)}`);
      return answer(503, 'not processed, please retry');
    }
  };
}

function answer(status: number, body: string): CallAnswer {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}
