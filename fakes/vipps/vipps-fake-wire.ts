import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { FakeReply, SeenRequest } from '../fake-http';

/** The Vipps MobilePay fake's wire formats and rules: what Vipps documents, in one place. */

export type State = 'CREATED' | 'AUTHORIZED' | 'ABORTED' | 'EXPIRED' | 'TERMINATED';
export type EventName =
  | 'CREATED'
  | 'AUTHORIZED'
  | 'ABORTED'
  | 'EXPIRED'
  | 'TERMINATED'
  | 'CAPTURED'
  | 'CANCELLED'
  | 'REFUNDED';
export interface Amount {
  currency: string;
  value: number;
}
export interface FakePayment {
  reference: string;
  state: State;
  amount: Amount;
  phone: string;
  authorized: number;
  captured: number;
  cancelled: number;
  refunded: number;
  pspReference: string;
  createKey: string;
  createBody: string;
  events: { name: EventName; amount: Amount; timestamp: string; idempotencyKey: string | null; success: boolean }[];
  timer: NodeJS.Timeout | null;
}
export interface Hook {
  id: string;
  url: string;
  events: string[];
  secret: string;
}
export interface OutgoingWebhook {
  readonly hook: Hook;
  readonly body: string;
  readonly name: EventName;
  readonly reference: string;
}

/** Vipps' documented reference rule (ePayment `Reference`, also the `{reference}` path parameter). */
export const VIPPS_REFERENCE = /^[a-zA-Z0-9-]{8,50}$/;

/**
 * How the next matching request fails. Plain kinds are not acted on (the gateway or a proxy answered);
 * `*_after` kinds and `slow` are acted on by Vipps, then the answer is lost, late, or replaced on the
 * way back (a proxy that gave up waiting, a connection reset), so the client cannot know what happened.
 */
export type VippsFault =
  | 'drop_after'
  | 'slow'
  | '500'
  | '429'
  | 'proxy_503'
  | 'proxy_502'
  | 'proxy_503_after'
  | 'proxy_504_after'
  | 'html_400_after';

/** Vipps test-environment amounts (NOK øre) that make the card fail at approval. */
export const FAILING_TEST_AMOUNTS = new Set([151, 182, 183, 184, 186, 187, 197]);

/** Vipps' RFC 7807 problem document (`application/problem+json`). */
export function problem(
  status: number,
  title: string,
  detail = title,
  extraDetails?: { name: string; reason: string }[],
): FakeReply {
  return {
    status,
    contentType: 'application/problem+json',
    body: {
      type: `https://developer.vippsmobilepay.com/docs/APIs/epayment-api/errors#${title.replace(/\W+/g, '-')}`,
      title,
      detail,
      status,
      traceId: randomUUID(),
      ...(extraDetails ? { extraDetails } : {}),
    },
  };
}

export function invalidReference(reference: unknown): FakeReply {
  return problem(400, 'Invalid reference', `The reference ${JSON.stringify(reference)} is not valid`, [
    { name: 'reference', reason: `must match ${VIPPS_REFERENCE.source}` },
  ]);
}

/** What a load balancer or proxy in front of Vipps answers: an HTML page, no problem document. */
export function proxyPage(status: number, text: string): FakeReply {
  return {
    status,
    contentType: 'text/html',
    body: `<html><head><title>${status} ${text}</title></head><body><h1>${status} ${text}</h1></body></html>`,
  };
}

/** Faults answered in Vipps' place before it sees the request, and after it acted on it. */
export function faultBefore(kind: VippsFault | undefined): FakeReply | null {
  if (kind === '500') return problem(500, 'Internal error');
  if (kind === '429') return problem(429, 'Too many requests');
  if (kind === 'proxy_503') return proxyPage(503, 'Service Unavailable');
  if (kind === 'proxy_502') return proxyPage(502, 'Bad Gateway');
  return null;
}

export async function faultAfter(kind: VippsFault | undefined, reply: FakeReply): Promise<FakeReply> {
  if (kind === 'slow') await new Promise((r) => setTimeout(r, 5_000));
  if (kind === 'drop_after') return { status: reply.status, dropAfter: true };
  if (kind === 'proxy_503_after') return proxyPage(503, 'Service Unavailable');
  if (kind === 'proxy_504_after') return proxyPage(504, 'Gateway Timeout');
  if (kind === 'html_400_after') return proxyPage(400, 'Bad Request');
  return reply;
}

/** The ePayment create request's documented rules (after the reference, checked first). */
export function createRequestProblem(body: {
  amount?: Amount;
  customer?: { phoneNumber?: string };
  userFlow?: string;
  paymentDescription?: string;
}): FakeReply | null {
  if (!body.amount || !Number.isInteger(body.amount.value) || body.amount.value < 1) {
    return problem(400, 'Amount invalid');
  }
  if (!['NOK', 'DKK', 'EUR'].includes(body.amount.currency)) return problem(400, 'Invalid currency');
  if (body.amount.currency === 'NOK' && body.amount.value < 100) return problem(400, 'Amount too small');
  if (body.userFlow !== 'PUSH_MESSAGE' || !body.customer?.phoneNumber) return problem(400, 'Invalid user flow');
  if (!/^\d{10,15}$/.test(body.customer.phoneNumber)) return problem(400, 'Invalid phone number');
  const d = body.paymentDescription;
  if (d !== undefined && (d.length < 3 || d.length > 100)) return problem(400, 'Invalid paymentDescription');
  return null;
}

/** GET payment and every modification answer: the payment with its aggregate. */
export function snapshot(p: FakePayment) {
  return {
    aggregate: {
      authorizedAmount: { currency: p.amount.currency, value: p.authorized },
      cancelledAmount: { currency: p.amount.currency, value: p.cancelled },
      capturedAmount: { currency: p.amount.currency, value: p.captured },
      refundedAmount: { currency: p.amount.currency, value: p.refunded },
    },
    amount: p.amount,
    state: p.state,
    paymentMethod: { type: 'WALLET' },
    profile: {},
    pspReference: p.pspReference,
    reference: p.reference,
  };
}

/** The Access Token API's answer: every field a string, expires_on in epoch seconds. */
export function tokenAnswer(token: string, ttl: number) {
  const nowSec = Math.floor(Date.now() / 1000);
  return {
    token_type: 'Bearer',
    expires_in: String(ttl),
    ext_expires_in: String(ttl),
    expires_on: String(nowSec + ttl),
    not_before: String(nowSec),
    resource: '00000002-0000-0000-c000-000000000000',
    access_token: token,
  };
}

/** The headers Vipps signs a webhook with (HMAC-SHA256 over the registered URL's path and host). */
export function webhookHeaders(outgoing: OutgoingWebhook, date: Date): Record<string, string> {
  const registered = new URL(outgoing.hook.url);
  const xmsDate = date.toUTCString();
  const contentHash = createHash('sha256').update(outgoing.body).digest('base64');
  const signed = `POST\n${registered.pathname}${registered.search}\n${xmsDate};${registered.host};${contentHash}`;
  const signature = createHmac('sha256', Buffer.from(outgoing.hook.secret, 'utf8')).update(signed).digest('base64');
  return {
    'content-type': 'application/json',
    'x-ms-date': xmsDate,
    'x-ms-content-sha256': contentHash,
    authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
  };
}

/** The Webhooks API: register (201 with the signing secret), list, delete. Null: not a Webhooks API call. */
export function webhooksApiAnswer(req: SeenRequest, hooks: Map<string, Hook>): FakeReply | null {
  if (req.path === '/webhooks/v1/webhooks') {
    if (req.method === 'GET') {
      return {
        status: 200,
        body: { webhooks: [...hooks.values()].map(({ id, url, events }) => ({ id, url, events })) },
      };
    }
    const body = req.body as { url?: string; events?: string[] };
    if (!body?.url || !Array.isArray(body.events) || body.events.length === 0) return problem(400, 'Invalid webhook');
    const hook = { id: randomUUID(), url: body.url, events: body.events, secret: randomUUID() + randomUUID() };
    hooks.set(hook.id, hook);
    return { status: 201, body: { id: hook.id, secret: hook.secret } };
  }
  const hookMatch = req.path.match(/^\/webhooks\/v1\/webhooks\/([^/]+)$/);
  if (hookMatch && req.method === 'DELETE') {
    hooks.delete(decodeURIComponent(hookMatch[1] ?? ''));
    return { status: 204 };
  }
  return null;
}
