import { createHash, createHmac, randomUUID } from 'node:crypto';
import { type FakeReply, postCallback, type SeenRequest, startFakeServer } from '../fake-http';

type State = 'CREATED' | 'AUTHORIZED' | 'ABORTED' | 'EXPIRED' | 'TERMINATED';
type EventName =
  | 'CREATED'
  | 'AUTHORIZED'
  | 'ABORTED'
  | 'EXPIRED'
  | 'TERMINATED'
  | 'CAPTURED'
  | 'CANCELLED'
  | 'REFUNDED';
interface Amount {
  currency: string;
  value: number;
}
interface FakePayment {
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
interface Hook {
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
  readonly webhookMode?: 'send' | 'hold' | 'off';
}

/** Vipps test-environment amounts (NOK øre) that make the card fail at approval. */
export const FAILING_TEST_AMOUNTS = new Set([151, 182, 183, 184, 186, 187, 197]);

/**
 * A wire-level fake of the Vipps MobilePay Access Token, ePayment and Webhooks APIs, behaving like
 * the test environment: Idempotency-Key rules, the force-approve endpoint, failing test amounts,
 * expiry, cancel only before approval, and webhooks signed like the real ones.
 */
export async function startVippsFake(options: VippsFakeOptions = {}) {
  const creds = {
    clientId: options.clientId ?? 'fake-client-id-0001',
    clientSecret: options.clientSecret ?? 'fake-client-secret',
    subscriptionKey: options.subscriptionKey ?? 'fake-subscription-key',
    msn: options.merchantSerialNumber ?? '123456',
  };
  const tokens = new Map<string, number>();
  const payments = new Map<string, FakePayment>();
  const keyed = new Map<string, { body: string; reply: FakeReply }>();
  const hooks = new Map<string, Hook>();
  const held: OutgoingWebhook[] = [];
  const delivered: { name: EventName; reference: string; status: number }[] = [];
  const faults: { path: RegExp; kind: 'drop_after' | '500' | '429' | 'slow' }[] = [];
  let tokensIssued = 0;
  let webhookMode = options.webhookMode ?? 'send';

  const problem = (status: number, title: string, detail = title): FakeReply => ({
    status,
    contentType: 'application/problem+json',
    body: {
      type: `https://developer.vippsmobilepay.com/docs/APIs/epayment-api/errors#${title.replace(/\W+/g, '-')}`,
      title,
      detail,
      status,
      traceId: randomUUID(),
    },
  });

  const snapshot = (p: FakePayment) => ({
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
  });

  function emit(p: FakePayment, name: EventName, amount: Amount, idempotencyKey: string | null, success = true) {
    const timestamp = new Date().toISOString();
    p.events.push({ name, amount, timestamp, idempotencyKey, success });
    const body = JSON.stringify({
      msn: creds.msn,
      reference: p.reference,
      pspReference: p.pspReference,
      name,
      amount,
      timestamp,
      idempotencyKey,
      success,
    });
    for (const hook of hooks.values()) {
      if (!hook.events.includes(`epayments.payment.${name.toLowerCase()}.v1`)) continue;
      const outgoing = { hook, body, name, reference: p.reference };
      if (webhookMode === 'send') void send(outgoing);
      else if (webhookMode === 'hold') held.push(outgoing);
    }
  }

  async function send(outgoing: OutgoingWebhook, date = new Date()): Promise<number> {
    const registered = new URL(outgoing.hook.url);
    const xmsDate = date.toUTCString();
    const contentHash = createHash('sha256').update(outgoing.body).digest('base64');
    const signed = `POST\n${registered.pathname}${registered.search}\n${xmsDate};${registered.host};${contentHash}`;
    const signature = createHmac('sha256', Buffer.from(outgoing.hook.secret, 'utf8')).update(signed).digest('base64');
    const target = options.deliverWebhook ? options.deliverWebhook(outgoing.hook.url) : outgoing.hook.url;
    const answer = await postCallback(target, outgoing.body, {
      'content-type': 'application/json',
      'x-ms-date': xmsDate,
      'x-ms-content-sha256': contentHash,
      authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
    });
    delivered.push({ name: outgoing.name, reference: outgoing.reference, status: answer.status });
    return answer.status;
  }

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

  function modify(req: SeenRequest, p: FakePayment, action: string, act: () => FakeReply | null): FakeReply {
    const key = req.headers['idempotency-key'];
    if (!key) return problem(400, 'Missing Idempotency-Key');
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

  const authorized = (req: SeenRequest) => {
    const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    const expires = tokens.get(bearer);
    return (
      expires !== undefined &&
      expires > Date.now() &&
      req.headers['ocp-apim-subscription-key'] === creds.subscriptionKey &&
      (req.headers['merchant-serial-number'] ?? creds.msn) === creds.msn
    );
  };

  const server = await startFakeServer(
    async (req, url) => {
      const fault = faults.find((f) => f.path.test(`${req.method} ${req.path}`));
      if (fault) faults.splice(faults.indexOf(fault), 1);
      if (fault?.kind === '500') return problem(500, 'Internal error');
      if (fault?.kind === '429') return problem(429, 'Too many requests');

      if (req.method === 'POST' && req.path === '/accesstoken/get') {
        if (
          req.headers.client_id !== creds.clientId ||
          req.headers.client_secret !== creds.clientSecret ||
          req.headers['ocp-apim-subscription-key'] !== creds.subscriptionKey
        ) {
          return { status: 401, body: { error: 'invalid_client' } };
        }
        const ttl = options.tokenTtlSeconds ?? 3600;
        const token = `eyJ.fake.${randomUUID()}`;
        tokens.set(token, Date.now() + ttl * 1000);
        tokensIssued += 1;
        const nowSec = Math.floor(Date.now() / 1000);
        return {
          status: 200,
          body: {
            token_type: 'Bearer',
            expires_in: String(ttl),
            ext_expires_in: String(ttl),
            expires_on: String(nowSec + ttl),
            not_before: String(nowSec),
            resource: '00000002-0000-0000-c000-000000000000',
            access_token: token,
          },
        };
      }
      if (!authorized(req)) return { status: 401, body: { statusCode: 401, message: 'Unauthorized' } };

      if (req.path === '/webhooks/v1/webhooks') {
        if (req.method === 'GET') {
          return {
            status: 200,
            body: { webhooks: [...hooks.values()].map(({ id, url: u, events }) => ({ id, url: u, events })) },
          };
        }
        const body = req.body as { url?: string; events?: string[] };
        if (!body?.url || !Array.isArray(body.events) || body.events.length === 0)
          return problem(400, 'Invalid webhook');
        const hook = { id: randomUUID(), url: body.url, events: body.events, secret: randomUUID() + randomUUID() };
        hooks.set(hook.id, hook);
        return { status: 201, body: { id: hook.id, secret: hook.secret } };
      }
      const hookMatch = req.path.match(/^\/webhooks\/v1\/webhooks\/([^/]+)$/);
      if (hookMatch && req.method === 'DELETE') {
        hooks.delete(decodeURIComponent(hookMatch[1] ?? ''));
        return { status: 204 };
      }

      if (req.method === 'POST' && req.path === '/epayment/v1/payments') {
        const key = req.headers['idempotency-key'];
        if (!key || key.length > 50) return problem(400, 'Invalid Idempotency-Key');
        const body = req.body as Record<string, unknown> & {
          amount?: Amount;
          reference?: string;
          customer?: { phoneNumber?: string };
          userFlow?: string;
          paymentDescription?: string;
        };
        const earlier = keyed.get(`create:${key}`);
        if (earlier) return earlier.body === req.rawBody ? earlier.reply : problem(409, 'Idempotency conflict');
        if (!body?.reference || !/^[a-zA-Z0-9-]{8,50}$/.test(body.reference)) return problem(400, 'Invalid reference');
        if (!body.amount || !Number.isInteger(body.amount.value) || body.amount.value < 1)
          return problem(400, 'Amount invalid');
        if (!['NOK', 'DKK', 'EUR'].includes(body.amount.currency)) return problem(400, 'Invalid currency');
        if (body.amount.currency === 'NOK' && body.amount.value < 100) return problem(400, 'Amount too small');
        if (body.userFlow !== 'PUSH_MESSAGE' || !body.customer?.phoneNumber) return problem(400, 'Invalid user flow');
        if (!/^\d{10,15}$/.test(body.customer.phoneNumber)) return problem(400, 'Invalid phone number');
        const d = body.paymentDescription;
        if (d !== undefined && (d.length < 3 || d.length > 100)) return problem(400, 'Invalid paymentDescription');
        if (payments.has(body.reference))
          return problem(409, 'Reference already exists', `Reference ${body.reference} already exists`);
        const p: FakePayment = {
          reference: body.reference,
          state: 'CREATED',
          amount: body.amount,
          phone: body.customer.phoneNumber,
          authorized: 0,
          captured: 0,
          cancelled: 0,
          refunded: 0,
          pspReference: String(Math.floor(Math.random() * 1e15)),
          createKey: key,
          createBody: req.rawBody,
          events: [],
          timer: null,
        };
        payments.set(p.reference, p);
        emit(p, 'CREATED', p.amount, key);
        p.timer = setTimeout(() => {
          if (p.state === 'CREATED') {
            p.state = 'EXPIRED';
            emit(p, 'EXPIRED', p.amount, null);
          }
        }, options.expiryMs ?? 600_000);
        p.timer.unref();
        if (options.customerApprovesAfterMs != null) {
          // Demo customer: numbers ending 0000 never answer; ending 1111 reject; others approve.
          setTimeout(() => {
            if (p.state !== 'CREATED' || p.phone.endsWith('0000')) return;
            if (p.phone.endsWith('1111')) {
              p.state = 'ABORTED';
              emit(p, 'ABORTED', p.amount, null);
              return;
            }
            approve(p);
          }, options.customerApprovesAfterMs).unref();
        }
        const reply: FakeReply = { status: 201, body: { reference: p.reference } };
        keyed.set(`create:${key}`, { body: req.rawBody, reply });
        if (fault?.kind === 'drop_after') return { status: 201, dropAfter: true };
        if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, 5_000));
        return reply;
      }

      const match = req.path.match(/^\/epayment\/v1\/(test\/)?payments\/([^/]+)(?:\/([a-z]+))?$/);
      if (match) {
        const [, test, ref, action] = match;
        const p = payments.get(decodeURIComponent(ref ?? ''));
        if (!p) return problem(404, 'Reference not found');
        if (test && action === 'approve' && req.method === 'POST') return approve(p) ?? { status: 200, body: {} };
        if (req.method === 'GET' && !action) return { status: 200, body: snapshot(p) };
        if (req.method === 'GET' && action === 'events') {
          return {
            status: 200,
            body: p.events.map((e) => ({ reference: p.reference, pspReference: p.pspReference, ...e })),
          };
        }
        const amountOf = () => (req.body as { modificationAmount?: Amount })?.modificationAmount;
        if (req.method === 'POST' && action === 'cancel') {
          return modify(req, p, 'cancel', () => {
            const onlyTransaction = (req.body as { cancelTransactionOnly?: boolean })?.cancelTransactionOnly === true;
            if (p.state === 'CREATED') {
              if (p.timer) clearTimeout(p.timer);
              p.state = 'TERMINATED';
              p.cancelled = p.amount.value;
              emit(p, 'TERMINATED', p.amount, req.headers['idempotency-key'] ?? null);
              return null;
            }
            if (p.state !== 'AUTHORIZED') return problem(400, 'Cannot cancel', `payment is ${p.state}`);
            if (onlyTransaction) return null;
            if (p.captured >= p.authorized) return problem(400, 'Cannot cancel a captured payment');
            const rest = p.authorized - p.captured - p.cancelled;
            p.cancelled += rest;
            emit(p, 'CANCELLED', { currency: p.amount.currency, value: rest }, req.headers['idempotency-key'] ?? null);
            return null;
          });
        }
        if (req.method === 'POST' && action === 'capture') {
          return modify(req, p, 'capture', () => {
            const amount = amountOf();
            if (p.state !== 'AUTHORIZED') return problem(400, 'Cannot capture before reservation');
            if (!amount || amount.value < 1 || amount.value > p.authorized - p.captured - p.cancelled) {
              return problem(400, 'Capture amount too high');
            }
            p.captured += amount.value;
            emit(p, 'CAPTURED', amount, req.headers['idempotency-key'] ?? null);
            return null;
          });
        }
        if (req.method === 'POST' && action === 'refund') {
          const reply = modify(req, p, 'refund', () => {
            const amount = amountOf();
            if (!amount || amount.value < 1 || amount.value > p.captured - p.refunded)
              return problem(400, 'Not enough refundable');
            p.refunded += amount.value;
            emit(p, 'REFUNDED', amount, req.headers['idempotency-key'] ?? null);
            return null;
          });
          return fault?.kind === 'drop_after' ? { ...reply, dropAfter: true } : reply;
        }
      }
      return problem(404, 'Not found', `${req.method} ${url.pathname}`);
    },
    { port: options.port },
  );

  const must = (reference: string) => {
    const p = payments.get(reference);
    if (!p) throw new Error(`no fake payment ${reference}`);
    return p;
  };

  return {
    url: server.url,
    seen: server.seen,
    credentials: creds,
    /** The customer approves in the app. */
    approve(reference: string) {
      approve(must(reference));
    },
    /** The customer taps "reject". */
    reject(reference: string) {
      const p = must(reference);
      if (p.state !== 'CREATED') return;
      p.state = 'ABORTED';
      emit(p, 'ABORTED', p.amount, null);
    },
    expire(reference: string) {
      const p = must(reference);
      if (p.state !== 'CREATED') return;
      p.state = 'EXPIRED';
      emit(p, 'EXPIRED', p.amount, null);
    },
    /** A merchant releases the reservation in the business portal (also sends the webhook). */
    releaseReservation(reference: string) {
      const p = must(reference);
      const rest = p.authorized - p.captured - p.cancelled;
      if (p.state !== 'AUTHORIZED' || rest <= 0) return;
      p.cancelled += rest;
      emit(p, 'CANCELLED', { currency: p.amount.currency, value: rest }, null);
    },
    payment: (reference: string) => payments.get(reference),
    payments: () => [...payments.values()],
    hooks: () => [...hooks.values()],
    tokensIssued: () => tokensIssued,
    /** Makes every issued token invalid, as if it had run out. */
    expireTokens() {
      tokens.clear();
    },
    /** `slow`: the request is acted on at once but answered only after 5 s (time to kill a client). */
    failNext(path: RegExp, kind: 'drop_after' | '500' | '429' | 'slow') {
      faults.push({ path, kind });
    },
    setWebhookMode(mode: 'send' | 'hold' | 'off') {
      webhookMode = mode;
    },
    held: () => [...held],
    /** Delivers held webhooks (optionally reversed, optionally each twice) and clears the queue. */
    async release(options2: { reverse?: boolean; twice?: boolean } = {}) {
      const batch = held.splice(0, held.length);
      if (options2.reverse) batch.reverse();
      const statuses: number[] = [];
      for (const outgoing of batch) {
        statuses.push(await send(outgoing));
        if (options2.twice) statuses.push(await send(outgoing));
      }
      return statuses;
    },
    /** Re-sends one webhook with a forged signature. */
    async sendForged(outgoing: OutgoingWebhook) {
      return send({ ...outgoing, hook: { ...outgoing.hook, secret: 'not-the-secret' } });
    },
    delivered: () => [...delivered],
    close: server.close,
  };
}

export type VippsFake = Awaited<ReturnType<typeof startVippsFake>>;
