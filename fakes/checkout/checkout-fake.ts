import { randomUUID } from 'node:crypto';
import { type FakeReply, type SeenRequest, startFakeServer } from '../fake-http';
import { eventBody } from './checkout-fake-bodies';
import { ckoId, TEST_AMOUNTS } from './checkout-fake-ids';
import { createReportState } from './checkout-fake-reports';
import { checkoutRoute } from './checkout-fake-routes';
import { createCheckoutState, type FakeAction, type FakePayment } from './checkout-fake-state';
import { createWebhookSender, type OutgoingWebhook, type WebhookMode } from './checkout-fake-webhooks';

export { TEST_AMOUNTS } from './checkout-fake-ids';
export type { OutgoingWebhook, WebhookMode } from './checkout-fake-webhooks';

export interface CheckoutFakeOptions {
  readonly port?: number;
  /** The sandbox-style secret key the fake accepts (`Authorization: Bearer sk_sbox_…`). */
  readonly secretKey?: string;
  /** The OAuth client the fake accepts at `/connect/token`. */
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly tokenTtlSeconds?: number;
  /** Where webhooks really go: the shop's public URL rewritten to Kassa's listener. */
  readonly deliverWebhook?: (url: string) => string;
  readonly webhookMode?: WebhookMode;
  /** A simulated payer pays every link this long after it is created (…06 amounts never pay). */
  readonly payerPaysAfterMs?: number | null;
  /** How long a refund stays accepted-but-unprocessed (asynchronous, as for card refunds). */
  readonly refundDelayMs?: number;
}

/**
 * `drop`: acted on, then the connection drops (a lost answer). `error`: a 502 without acting.
 * `slow`: acted on, answered after `holdMs` (a concurrent request under the same key meanwhile gets 429).
 */
export type CheckoutFault = 'drop' | 'error' | 'slow';

/**
 * A wire-level fake of the Checkout.com API parts Kassa uses: payment links with a hosted page and a
 * simulated payer, payments, captures, refunds (asynchronous), voids, workflows with signed webhooks,
 * subject events and financial actions, payouts with their reports (`/reports`, CSV files behind a
 * 302); `Cko-Idempotency-Key` replays, 429 for a concurrent request
 * under the same key, lost answers and 5xx on demand.
 */
export async function startCheckoutFake(options: CheckoutFakeOptions = {}) {
  const creds = {
    secretKey: options.secretKey ?? 'sk_sbox_kassafakekassafakekassafake',
    clientId: options.clientId ?? 'ack_kassafakeclientkassafakeclie',
    clientSecret: options.clientSecret ?? 'fake-oauth-client-secret',
  };
  const tokens = new Map<string, number>();
  let tokensIssued = 0;
  let payerMs = options.payerPaysAfterMs ?? null;
  const webhooks = createWebhookSender({ deliverWebhook: options.deliverWebhook, mode: options.webhookMode });
  let base = '';
  const emit = (payment: FakePayment, type: string, action: FakeAction | null) => {
    const id = ckoId('evt');
    const body = eventBody(id, type, payment, action, state, base);
    state.events.push({ subject: payment.id, summary: { id, type, timestamp: body.created_on } });
    webhooks.emit(type, JSON.stringify(body));
  };
  const state = createCheckoutState(emit);
  const payouts = createReportState(() => state.financial);
  const idempotent = new Map<string, FakeReply | 'in_flight'>();
  const faults: { path: RegExp; kind: CheckoutFault; holdMs: number }[] = [];
  const answers: { method: string; path: string; status: number; body: unknown }[] = [];

  const payLink = (linkId: string, outcome?: 'approved' | 'declined') => {
    const link = state.links.get(linkId);
    if (!link || state.linkStatus(link) !== 'Active') return null;
    return state.pay(link, outcome);
  };

  const authorized = (req: SeenRequest) => {
    const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (bearer === creds.secretKey) return true;
    const expires = tokens.get(bearer);
    // Payment links take the secret key only, as the API reference says.
    return expires !== undefined && expires > Date.now() && !req.path.startsWith('/payment-links');
  };

  function issueToken(req: SeenRequest): FakeReply {
    const basic = req.headers.authorization?.startsWith('Basic ')
      ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString().split(':')
      : [];
    const form = (req.body ?? {}) as Record<string, string>;
    const id = basic[0] ?? form.client_id;
    const secret = basic[1] ?? form.client_secret;
    if (form.grant_type !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    if (id !== creds.clientId || secret !== creds.clientSecret)
      return { status: 400, body: { error: 'invalid_client' } };
    const ttl = options.tokenTtlSeconds ?? 3600;
    const token = `eyJ.fake.${randomUUID()}`;
    tokens.set(token, Date.now() + ttl * 1000);
    tokensIssued += 1;
    return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: ttl, scope: form.scope } };
  }

  async function handle(req: SeenRequest, url: URL): Promise<FakeReply> {
    if (req.method === 'POST' && req.path === '/connect/token') return issueToken(req);
    // The hosted page is the customer's; a report file's download address carries its own token.
    const hostedPage = req.path.startsWith('/link/') || req.path.startsWith('/report-files/');
    if (!hostedPage && !authorized(req)) return { status: 401 };
    const line = `${req.method} ${req.path}`;
    const fault = faults.find((f) => f.path.test(line));
    if (fault) faults.splice(faults.indexOf(fault), 1);
    if (fault?.kind === 'error') return { status: 502, contentType: 'text/html', body: '<html>Bad gateway</html>' };
    const key = req.headers['cko-idempotency-key'];
    const slot = key ? `${line} ${key}` : null;
    if (slot) {
      const earlier = idempotent.get(slot);
      if (earlier === 'in_flight') return { status: 429 };
      if (earlier) return earlier;
      idempotent.set(slot, 'in_flight');
    }
    const reply =
      payouts.route(req, url, base) ??
      checkoutRoute(
        { state, webhooks, base: () => base, payLink, refundDelayMs: options.refundDelayMs ?? 30 },
        req,
        url,
      );
    // Failed validation is not stored (Checkout.com re-attempts it); anything processed is.
    if (slot) {
      if (reply.status === 422) idempotent.delete(slot);
      else if (fault?.kind !== 'slow') idempotent.set(slot, reply);
    }
    if (reply.status === 201 && req.path === '/payment-links' && payerMs !== null) {
      const created = reply.body as { id: string };
      const link = state.links.get(created.id);
      if (link && link.amount % 100 !== TEST_AMOUNTS.neverPays) {
        setTimeout(() => payLink(created.id), payerMs).unref();
      }
    }
    if (fault?.kind === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, fault.holdMs));
      if (slot) idempotent.set(slot, reply);
    }
    answers.push({ method: req.method, path: req.path, status: reply.status, body: reply.body });
    return fault?.kind === 'drop' ? { ...reply, dropAfter: true } : reply;
  }

  const server = await startFakeServer(handle, { port: options.port });
  base = server.url;

  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`no fake ${what}`);
    return value;
  };
  const linkOf = (reference: string) =>
    must(
      [...state.links.values()].find((l) => l.reference === reference || l.id === reference),
      `link ${reference}`,
    );

  return {
    url: server.url,
    seen: server.seen,
    /** Every answer the fake gave, for checking against the spec. */
    answers,
    credentials: creds,
    /**
     * The customer pays the link (by its id or our reference); amounts ending in 05 are declined. A
     * declined link stays active: `outcome` is another card tried on the same page.
     */
    pay(referenceOrId: string, outcome?: 'approved' | 'declined') {
      return payLink(linkOf(referenceOrId).id, outcome);
    },
    /** The link runs out now. */
    expire(referenceOrId: string) {
      linkOf(referenceOrId).expiresAt = Date.now() - 1;
    },
    link: (referenceOrId: string) => linkOf(referenceOrId),
    links: () => [...state.links.values()],
    payment: (id: string) => state.payments.get(id),
    paymentFor: (reference: string) => [...state.payments.values()].find((p) => p.reference === reference),
    workflows: () => [...webhooks.workflows.values()],
    /** A workflow made in the Dashboard (as `POST /workflows` takes it). */
    addWorkflow: (body: Record<string, unknown>) => webhooks.addWorkflow(body),
    /**
     * Pays out every captured or refunded action not paid out yet (one payout per currency) on `date`,
     * or adds them to the payout `into`; makes or updates its reports. See checkout-fake-reports.ts.
     */
    settle: payouts.settle,
    payouts: () => [...payouts.payouts.values()],
    renameReportColumn: payouts.renameColumn,
    /** A web shop's capture on another processing channel of the entity: paid out with Kassa's. */
    otherChannelCapture: state.otherChannelCapture,
    reports: () => [...payouts.reports],
    /** Moves a payment's financial actions `days` back (a payout that spans several days). */
    backdate(paymentId: string, days: number) {
      for (const f of state.financial.filter((a) => a.paymentId === paymentId)) {
        const at = new Date(Date.parse(String(f.body.processed_on)) - days * 86_400_000).toISOString();
        f.body.processed_on = at;
        f.body.requested_on = at;
      }
    },
    tokensIssued: () => tokensIssued,
    expireTokens: () => tokens.clear(),
    setPayerDelay(ms: number | null) {
      payerMs = ms;
    },
    failNext(path: RegExp, kind: CheckoutFault, holdMs = 5_000) {
      faults.push({ path, kind, holdMs });
    },
    setWebhookMode: webhooks.setMode,
    held: () => [...webhooks.held],
    /** Delivers held webhooks (optionally reversed, optionally each twice) and clears the queue. */
    async release(order: { reverse?: boolean; twice?: boolean } = {}) {
      const batch = webhooks.held.splice(0, webhooks.held.length);
      if (order.reverse) batch.reverse();
      const statuses: number[] = [];
      for (const out of batch) {
        statuses.push(await webhooks.send(out));
        if (order.twice) statuses.push(await webhooks.send(out));
      }
      return statuses;
    },
    /** Sends one webhook signed with another key, or with another Authorization value. */
    async sendForged(out: OutgoingWebhook, how: 'signature' | 'authorization') {
      if (how === 'signature') return webhooks.send(out, 'not-the-signature-key');
      return webhooks.send({ ...out, workflow: { ...out.workflow, headers: { Authorization: 'wrong' } } });
    },
    delivered: () => [...webhooks.delivered],
    webhooksIdle: webhooks.idle,
    close: server.close,
  };
}

export type CheckoutFake = Awaited<ReturnType<typeof startCheckoutFake>>;
