import { createHash } from 'node:crypto';
import type { PaymentEvent } from '../../../../shared/payment/state-machine';
import type { Clock } from '../../clock';
import type { PaymentRepository } from '../../repositories/payments';
import type { ProviderEventRepository } from '../../repositories/provider-events';
import type { CallAnswer, CallHandler } from '../../webhooks/incoming';
import type { Applied, PaymentLedger } from '../payment-ledger';
import type { PaymentTracker } from '../payment-tracker';
import type { VippsWebhookEvent } from './vipps-schemas';
import { verifyVippsWebhook, type WebhookRegistration } from './vipps-webhook';

export interface VippsWebhookDeps {
  registration: () => WebhookRegistration | null;
  /** Our sales unit: a partner's hook also fires for its other merchants, whose events are not ours. */
  merchantSerialNumber: () => string | null;
  payments: PaymentRepository;
  ledger: PaymentLedger;
  tracker: PaymentTracker;
  events: ProviderEventRepository;
  clock: Clock;
  onApplied: (applied: Applied) => void;
  log: (message: string) => void;
}

/**
 * Receives ePayment webhooks. Verified and de-duplicated first; a final "no" (aborted, expired,
 * terminated) is applied as told, an authorisation is confirmed (and captured) through the API.
 * Out-of-order deliveries are harmless: the state machine never moves a payment backwards.
 */
export function createVippsWebhookHandler(deps: VippsWebhookDeps): CallHandler {
  const { payments, ledger, tracker, events, clock } = deps;

  async function process(event: VippsWebhookEvent): Promise<string> {
    if (event.msn !== deps.merchantSerialNumber()) {
      // Answered 200 all the same: Vipps delivers in order per hook and would hold back ours behind it.
      deps.log(`Vipps webhook ignored: ${event.name} for ${event.reference} is for sales unit ${event.msn}`);
      return 'ignored: another merchant serial number';
    }
    const payment = payments.byReference(event.reference);
    if (payment?.provider !== 'vipps') return 'not a Kassa payment';
    if (!event.success) {
      // A failed operation (a capture or cancel Vipps could not do) changes no state: keep it as evidence.
      ledger.note(payment.id, 'webhook_unsuccessful', { webhook: event.name, at: event.timestamp });
      tracker.wake(payment.id);
      return `unsuccessful ${event.name}: nothing changed`;
    }
    const told = eventFor(event.name);
    if (told === 'ask') {
      await tracker.checkOnce(payment.id, { closedToo: true });
      return 'confirmed by status query';
    }
    if (!told) return 'nothing to change';
    const applied = ledger.apply(payment.id, told, {
      providerStatus: event.name,
      failureReason: event.name === 'ABORTED' ? 'customer_rejected' : null,
      detail: { webhook: event.name, at: event.timestamp },
    });
    deps.onApplied(applied);
    return applied.transition.kind;
  }

  return async (call): Promise<CallAnswer> => {
    const registration = deps.registration();
    if (!registration) return answer(404, 'no webhook registered');
    const checked = verifyVippsWebhook(call, registration, clock.now());
    if (!checked.ok) {
      deps.log(`Vipps webhook refused: ${checked.reason}`);
      return answer(401, checked.reason);
    }
    const key = createHash('sha256').update(call.rawBody).digest('hex');
    const { event } = checked;
    const fresh = events.record('vipps', key, clock.now().toISOString(), true, {
      name: event.name,
      reference: event.reference,
      timestamp: event.timestamp,
    });
    if (!fresh && events.outcome('vipps', key)) return answer(200, 'already processed');
    try {
      const outcome = await process(event);
      events.finish('vipps', key, outcome);
      return answer(200, outcome);
    } catch (error) {
      // Vipps retries on any error; the poll covers the gap meanwhile.
      deps.log(`Vipps webhook not processed: ${String(error)}`);
      return answer(503, 'not processed, please retry');
    }
  };
}

function eventFor(name: VippsWebhookEvent['name']): PaymentEvent | 'ask' | null {
  switch (name) {
    case 'CREATED':
      return { type: 'progress', phase: 'waiting_customer' };
    case 'AUTHORIZED':
    case 'CAPTURED':
      return 'ask';
    case 'ABORTED':
      return { type: 'declined' };
    case 'EXPIRED':
      return { type: 'expired' };
    case 'TERMINATED':
      return { type: 'cancelled' };
    case 'CANCELLED':
    case 'REFUNDED':
      return null;
  }
}

function answer(status: number, body: string): CallAnswer {
  return { status, contentType: 'text/plain; charset=utf-8', body };
}
