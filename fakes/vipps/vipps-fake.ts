import { randomUUID } from 'node:crypto';
import { type FakeReply, postCallback, type SeenRequest, startFakeServer } from '../fake-http';
import {
  type Amount,
  createRequestProblem,
  type EventName,
  FAILING_TEST_AMOUNTS,
  type FakePayment,
  faultAfter,
  faultBefore,
  type Hook,
  invalidReference,
  type OutgoingWebhook,
  problem,
  snapshot,
  tokenAnswer,
  VIPPS_REFERENCE,
  type VippsFault,
  webhookHeaders,
  webhooksApiAnswer,
} from './vipps-fake-wire';

export { FAILING_TEST_AMOUNTS, type OutgoingWebhook, VIPPS_REFERENCE, type VippsFault } from './vipps-fake-wire';

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
  const faults: { path: RegExp; kind: VippsFault }[] = [];
  const watchers: { path: RegExp; fn: (req: SeenRequest) => void | Promise<void> }[] = [];
  let tokensIssued = 0;
  let webhookMode = options.webhookMode ?? 'send';

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
    const target = options.deliverWebhook ? options.deliverWebhook(outgoing.hook.url) : outgoing.hook.url;
    const answer = await postCallback(target, outgoing.body, webhookHeaders(outgoing, date));
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
      const line = `${req.method} ${req.path}`;
      const watcher = watchers.find((w) => w.path.test(line));
      if (watcher) {
        watchers.splice(watchers.indexOf(watcher), 1);
        await watcher.fn(req);
      }
      const fault = faults.find((f) => f.path.test(line));
      if (fault) faults.splice(faults.indexOf(fault), 1);
      return faultBefore(fault?.kind) ?? faultAfter(fault?.kind, await route(req, url));
    },
    { port: options.port },
  );

  async function route(req: SeenRequest, url: URL): Promise<FakeReply> {
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
      return { status: 200, body: tokenAnswer(token, ttl) };
    }
    if (!authorized(req)) return { status: 401, body: { statusCode: 401, message: 'Unauthorized' } };

    const webhooksApi = webhooksApiAnswer(req, hooks);
    if (webhooksApi) return webhooksApi;

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
      if (typeof body?.reference !== 'string' || !VIPPS_REFERENCE.test(body.reference)) {
        return invalidReference(body?.reference);
      }
      const refused = createRequestProblem(body);
      if (refused) return refused;
      if (!body.amount || !body.customer?.phoneNumber) return problem(400, 'Invalid request');
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
      return reply;
    }

    const match = req.path.match(/^\/epayment\/v1\/(test\/)?payments\/([^/]+)(?:\/([a-z]+))?$/);
    if (match) {
      const [, test, ref, action] = match;
      const reference = decodeURIComponent(ref ?? '');
      if (!VIPPS_REFERENCE.test(reference)) return invalidReference(reference);
      const p = payments.get(reference);
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
        return modify(req, p, 'refund', () => {
          const amount = amountOf();
          if (!amount || amount.value < 1 || amount.value > p.captured - p.refunded)
            return problem(400, 'Not enough refundable');
          p.refunded += amount.value;
          emit(p, 'REFUNDED', amount, req.headers['idempotency-key'] ?? null);
          return null;
        });
      }
    }
    return problem(404, 'Not found', `${req.method} ${url.pathname}`);
  }

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
    /** `slow`: acted on at once but answered only after 5 s (time to kill a client). */
    failNext(path: RegExp, kind: VippsFault) {
      faults.push({ path, kind });
    },
    /** Runs `fn` when the next matching request arrives, before the fake acts on it. */
    onNextRequest(path: RegExp, fn: (req: SeenRequest) => void | Promise<void>) {
      watchers.push({ path, fn });
    },
    /** Delivers one event for a payment as Vipps signs it, with other facts where given (a test's own). */
    async sendEvent(reference: string, name: EventName, facts: { success?: boolean; msn?: string } = {}) {
      const p = must(reference);
      const body = JSON.stringify({
        msn: facts.msn ?? creds.msn,
        reference: p.reference,
        pspReference: p.pspReference,
        name,
        amount: p.amount,
        timestamp: new Date().toISOString(),
        idempotencyKey: null,
        success: facts.success ?? true,
      });
      const statuses: number[] = [];
      for (const hook of hooks.values()) statuses.push(await send({ hook, body, name, reference: p.reference }));
      return statuses;
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
