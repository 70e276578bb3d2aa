import { randomUUID } from 'node:crypto';
import { type FakeReply, type SeenRequest, startFakeServer } from '../fake-http';
import { createPayment, paymentRoute } from './vipps-fake-epayment';
import { createVippsLedger, eventBody, type VippsFakeOptions } from './vipps-fake-ledger';
import { createVippsReport } from './vipps-fake-report';
import {
  type EventName,
  faultAfter,
  faultBefore,
  type OutgoingWebhook,
  problem,
  tokenAnswer,
  type VippsFault,
  webhooksApiAnswer,
} from './vipps-fake-wire';

export type { VippsFakeOptions } from './vipps-fake-ledger';
export { FAILING_TEST_AMOUNTS, type OutgoingWebhook, VIPPS_REFERENCE, type VippsFault } from './vipps-fake-wire';

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
  const ledger = createVippsLedger(creds.msn, options);
  const report = createVippsReport(creds.msn);
  const { payments, hooks, held, delivered, emit, send } = ledger;
  const faults: { path: RegExp; kind: VippsFault }[] = [];
  const watchers: { path: RegExp; fn: (req: SeenRequest) => void | Promise<void> }[] = [];
  let tokensIssued = 0;

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

  function issueToken(req: SeenRequest): FakeReply {
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

  async function route(req: SeenRequest, url: URL): Promise<FakeReply> {
    if (req.method === 'POST' && req.path === '/accesstoken/get') return issueToken(req);
    if (!authorized(req)) return { status: 401, body: { statusCode: 401, message: 'Unauthorized' } };
    if (req.method === 'POST' && req.path === '/epayment/v1/payments') return createPayment(req, ledger, options);
    return (
      webhooksApiAnswer(req, hooks) ??
      report.route(req, url) ??
      paymentRoute(req, ledger) ??
      problem(404, 'Not found', `${req.method} ${url.pathname}`)
    );
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
    /** The Report API's ledger (settlement data for reconciliation): tests and the demo add entries. */
    report,
    /** The customer approves in the app. */
    approve(reference: string) {
      ledger.approve(must(reference));
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
      const body = eventBody(facts.msn ?? creds.msn, p, {
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
    setWebhookMode: ledger.setWebhookMode,
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
