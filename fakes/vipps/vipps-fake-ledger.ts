import { type FakeReply, postCallback, type SeenRequest } from '../fake-http';
import {
  type Amount,
  type EventName,
  FAILING_TEST_AMOUNTS,
  type FakePayment,
  type Hook,
  type OutgoingWebhook,
  problem,
  snapshot,
  webhookHeaders,
} from './vipps-fake-wire';

export type WebhookMode = 'send' | 'hold' | 'off';

export interface VippsFakeOptions {
  readonly port?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly subscriptionKey?: string;
  readonly merchantSerialNumber?: string;
  /** How long an access token lives (test environment: 1 h). */
  readonly tokenTtlSeconds?: number;
  /** The customer's time to act before the payment expires (Vipps: 10 min). */
  readonly expiryMs?: number;
  /** Demo: a simulated customer approves this long after the push (or rejects, see below). */
  readonly customerApprovesAfterMs?: number | null;
  /** Where webhooks really go (the shop's reverse proxy, in tests: Kassa's local listener). */
  readonly deliverWebhook?: (registeredUrl: string) => string;
  /** `hold`: webhooks queue until a test releases them (to deliver twice or out of order). */
  readonly webhookMode?: WebhookMode;
}

/** One ePayment event as Vipps puts it in a webhook body. */
export function eventBody(
  msn: string,
  p: FakePayment,
  event: { name: EventName; amount: Amount; timestamp: string; idempotencyKey: string | null; success: boolean },
): string {
  return JSON.stringify({
    msn,
    reference: p.reference,
    pspReference: p.pspReference,
    name: event.name,
    amount: event.amount,
    timestamp: event.timestamp,
    idempotencyKey: event.idempotencyKey,
    success: event.success,
  });
}

/**
 * The fake's payments and what they say: every change is an event, kept on the payment and sent (or
 * held) as a signed webhook to each subscription that asked for it; modifications keep Vipps'
 * Idempotency-Key rules.
 */
export function createVippsLedger(msn: string, options: VippsFakeOptions) {
  const payments = new Map<string, FakePayment>();
  const keyed = new Map<string, { body: string; reply: FakeReply }>();
  const hooks = new Map<string, Hook>();
  const held: OutgoingWebhook[] = [];
  const delivered: { name: EventName; reference: string; status: number }[] = [];
  let webhookMode = options.webhookMode ?? 'send';

  async function send(outgoing: OutgoingWebhook, date = new Date()): Promise<number> {
    const target = options.deliverWebhook ? options.deliverWebhook(outgoing.hook.url) : outgoing.hook.url;
    const answer = await postCallback(target, outgoing.body, webhookHeaders(outgoing, date));
    delivered.push({ name: outgoing.name, reference: outgoing.reference, status: answer.status });
    return answer.status;
  }

  function emit(p: FakePayment, name: EventName, amount: Amount, idempotencyKey: string | null, success = true) {
    const timestamp = new Date().toISOString();
    p.events.push({ name, amount, timestamp, idempotencyKey, success });
    const body = eventBody(msn, p, { name, amount, timestamp, idempotencyKey, success });
    for (const hook of hooks.values()) {
      if (!hook.events.includes(`epayments.payment.${name.toLowerCase()}.v1`)) continue;
      const outgoing = { hook, body, name, reference: p.reference };
      if (webhookMode === 'send') void send(outgoing);
      else if (webhookMode === 'hold') held.push(outgoing);
    }
  }

  /** The customer approves in the app (a failing test amount aborts instead). */
  function approve(p: FakePayment): FakeReply | null {
    if (p.state !== 'CREATED') return problem(400, 'Approve failed', `payment is ${p.state}`);
    if (p.timer) clearTimeout(p.timer);
    if (FAILING_TEST_AMOUNTS.has(p.amount.value)) {
      p.state = 'ABORTED';
      emit(p, 'ABORTED', p.amount, null, true);
      return null;
    }
    p.state = 'AUTHORIZED';
    p.authorized = p.amount.value;
    emit(p, 'AUTHORIZED', p.amount, null);
    return null;
  }

  /** Runs a modification once per Idempotency-Key; the same key with another body is a conflict. */
  function modify(req: SeenRequest, p: FakePayment, action: string, act: () => FakeReply | null): FakeReply {
    const key = req.headers['idempotency-key'];
    if (!key || key.length > 50) return problem(400, 'Invalid Idempotency-Key');
    const cacheKey = `${p.reference}:${action}:${key}`;
    const earlier = keyed.get(cacheKey);
    if (earlier) {
      return earlier.body === req.rawBody ? earlier.reply : problem(409, `${action} idempotency conflict`);
    }
    const failed = act();
    const reply: FakeReply = failed ?? { status: 200, body: snapshot(p) };
    if (!failed) keyed.set(cacheKey, { body: req.rawBody, reply });
    return reply;
  }

  return {
    payments,
    keyed,
    hooks,
    held,
    delivered,
    send,
    emit,
    approve,
    modify,
    setWebhookMode(mode: WebhookMode) {
      webhookMode = mode;
    },
  };
}

export type VippsLedger = ReturnType<typeof createVippsLedger>;
