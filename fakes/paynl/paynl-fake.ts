import { randomInt } from 'node:crypto';
import { startFakeServer } from '../fake-http';
import {
  ACTIONS,
  type DeviceTransaction,
  type FakeOrder,
  type FakeRefund,
  type FakeTerminal,
  type Fault,
  fakeCode,
  fakeOrderId,
  orderBody,
  problem,
} from './paynl-fake-bodies';
import { createPayNlClearings } from './paynl-fake-clearings';
import { createExchangeSender, type ExchangeMode } from './paynl-fake-exchange';
import { newOrder, orderRoute } from './paynl-fake-orders';
import { restRoute } from './paynl-fake-rest';
import { createPayNlStatistics } from './paynl-fake-statistics';

export type { FakeTerminal } from './paynl-fake-bodies';
export type { ExchangeMode } from './paynl-fake-exchange';

export interface PayNlFakeOptions {
  readonly port?: number;
  readonly tokenCode?: string;
  readonly apiToken?: string;
  readonly serviceId?: string;
  readonly serviceSecret?: string;
  readonly terminals?: readonly FakeTerminal[];
  /** Demo: the terminal settles by itself this long after the order (cents choose the outcome). */
  readonly autoSettleMs?: number | null;
  readonly exchangeMode?: ExchangeMode;
  /** Where exchange calls really go (the shop's reverse proxy; in tests Kassa's listener). */
  readonly deliverExchange?: (url: string) => string;
  /** Exchange URL set on the sales location: used for payments typed on the device. */
  readonly locationExchangeUrl?: string | null;
}

export const DEFAULT_FAKE_TERMINALS: readonly FakeTerminal[] = [
  { code: 'TH-1000-0001', name: 'Pay.POS Toonbank 1', online: true, refunds: true },
  { code: 'TH-1000-0002', name: 'SoftPOS Showroom', online: true, softpos: true },
  { code: 'TH-1000-0003', name: 'Pay.POS Toonbank 2', online: false },
];

/** A fault that answers before the fake acts: Pay.'s own errors, or a proxy's HTML in front of it. */
function faultReply(kind: Fault | undefined) {
  if (kind === '500') return problem(500, 'PAY-500', 'Internal server error');
  if (kind === '503') return problem(503, 'PAY-503', 'Service unavailable');
  // A reverse proxy or load balancer in front of Pay. answers in its own words (HTML), not Pay.'s.
  if (kind === '502' || kind === '504' || kind === 'html') {
    const status = kind === 'html' ? 403 : Number(kind);
    return { status, contentType: 'text/html', body: `<html><body><h1>${status}</h1>nginx</body></html>` };
  }
  if (kind === '429') return problem(429, 'PAY-429', 'Too many requests');
  return null;
}

/**
 * A wire-level fake of Pay.'s Order API (connect), the REST v2 terminals, transaction-info and refund
 * endpoints, and the exchange calls Pay. makes — signed (HMAC), unsigned, legacy and Pay.POS formats.
 */
export async function startPayNlFake(options: PayNlFakeOptions = {}) {
  const creds = {
    tokenCode: options.tokenCode ?? 'AT-1000-0001',
    apiToken: options.apiToken ?? 'fake0api0token0fake0api0token0fake00000',
    serviceId: options.serviceId ?? 'SL-1000-0001',
    serviceSecret: options.serviceSecret ?? 'fake-service-secret-0001',
  };
  const terminals = [...(options.terminals ?? DEFAULT_FAKE_TERMINALS)];
  const orders = new Map<string, FakeOrder>();
  const devices = new Map<string, DeviceTransaction>();
  const faults: { path: RegExp; kind: Fault }[] = [];
  const refunds = new Map<string, FakeRefund>();
  /** Online refunds: settled at once (Pay.'s usual answer) or left processing until `settleRefund`. */
  let refundsSettle: 'immediately' | 'later' = 'immediately';
  const exchange = createExchangeSender(creds, options);
  const clearings = createPayNlClearings();
  const statistics = createPayNlStatistics(() => [...orders.values()]);

  const lookup = (id: string) => orders.get(id) ?? [...orders.values()].find((o) => o.orderId === id);

  function setStatus(o: FakeOrder, code: number): void {
    o.status = { code, action: ACTIONS[code] ?? (code < 0 ? 'CANCEL' : 'PENDING') };
    exchange.exchangeFor(o);
  }

  const authOk = (req: { headers: Record<string, string> }) => {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    const [user, pass] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    return (
      (user === creds.tokenCode && pass === creds.apiToken) ||
      (user === creds.serviceId && pass === creds.serviceSecret)
    );
  };

  const orderContext = {
    tokenCode: creds.tokenCode,
    serviceId: creds.serviceId,
    terminals,
    orders,
    lookup,
    setStatus,
    autoSettleMs: options.autoSettleMs,
  };
  const restContext = {
    lookup,
    refunds,
    devices,
    refundsSettle: () => refundsSettle,
    tokenCode: creds.tokenCode,
    serviceId: creds.serviceId,
  };

  const server = await startFakeServer(
    async (req, url) => {
      const fault = faults.find((f) => f.path.test(`${req.method} ${req.path}`));
      if (fault) faults.splice(faults.indexOf(fault), 1);
      const early = faultReply(fault?.kind);
      if (early) return early;
      if (!authOk(req)) return problem(401, 'PAY-401', 'Unauthorized');
      // A read whose answer never comes (connection lost): to the client, the same as a read timeout.
      if (fault?.kind === 'drop_after' && req.method === 'GET') return { status: 200, dropAfter: true };
      return (
        (await orderRoute(req, fault?.kind, orderContext)) ??
        restRoute(req, fault?.kind, restContext) ??
        clearings.route(req, url) ??
        statistics.route(req, url) ??
        problem(404, 'PAY-404', 'Not found')
      );
    },
    { port: options.port },
  );

  const must = (id: string) => {
    const o = lookup(id);
    if (!o) throw new Error(`no fake order ${id}`);
    return o;
  };

  return {
    url: server.url,
    seen: server.seen,
    credentials: creds,
    terminals,
    /** What Pay. cleared (settlement data for reconciliation): tests and the demo add transactions. */
    clearings,
    /** Pay.'s day statistics (end of day's "provider reports"): tests add money Kassa never saw. */
    statistics,
    order: (id: string) => lookup(id),
    orders: () => [...orders.values()],
    orderBody: (id: string) => orderBody(must(id), creds.tokenCode),
    /** The card was presented and approved — also after an abort (Pay.: a cancelled order can still turn PAID). */
    pay(id: string) {
      setStatus(must(id), 100);
    },
    decline(id: string) {
      setStatus(must(id), -63);
    },
    expire(id: string) {
      setStatus(must(id), -80);
    },
    setStatusCode(id: string, code: number) {
      setStatus(must(id), code);
    },
    /** Pay. -51 (PAID_CHECKAMOUNT): the card paid, but not the amount asked. */
    payDifferentAmount(id: string, paidMinor: number) {
      const o = must(id);
      o.paidAmount = paidMinor;
      setStatus(o, -51);
    },
    /** Online refunds answer "processing" and settle only when told (`settleRefund`). */
    setRefundsSettle(mode: 'immediately' | 'later') {
      refundsSettle = mode;
    },
    refunds: () => [...refunds.values()],
    settleRefund(id: string, outcome: 'paid' | 'failed') {
      const r = refunds.get(id);
      if (!r) throw new Error(`no fake refund ${id}`);
      r.status = outcome === 'paid' ? { code: 100, action: 'PAID' } : { code: -90, action: 'CANCEL' };
    },
    /**
     * An order a terminal created itself (PAY.ECR): Pay.'s cloud knows it under the terminal's
     * reference. `paid: false` models a terminal that says "approved" while Pay. has no payment.
     */
    terminalOrder(input: {
      reference: string;
      amountMinor: number;
      terminalCode: string;
      exchangeUrl?: string | null;
      paid: boolean;
    }) {
      const o = newOrder({
        type: 'sale',
        serviceId: creds.serviceId,
        reference: input.reference,
        description: '',
        amount: { value: input.amountMinor, currency: 'EUR' },
        terminalCode: input.terminalCode,
        status: { code: 50, action: 'PENDING' },
        exchangeUrl: input.exchangeUrl ?? null,
        extra1: input.reference,
        test: true,
      });
      orders.set(o.id, o);
      if (input.paid) setStatus(o, 100);
      return o;
    },
    /**
     * `slow`: the request is acted on at once but answered only after 5 s (time to kill a client);
     * `502`/`504`/`html`: a proxy's own HTML answer.
     */
    failNext(path: RegExp, kind: Fault) {
      faults.push({ path, kind });
    },
    setExchangeMode: exchange.setMode,
    /** Delivers held exchange calls, optionally reversed and each twice. */
    release: exchange.release,
    held: exchange.held,
    exchanges: exchange.exchanges,
    signedHeaders: exchange.signedHeaders,
    /** A payment typed on the SoftPOS phone itself: Pay. tells the sales location's exchange URL. */
    async devicePayment(input: {
      terminalCode: string;
      amountMinor: number;
      currency?: string;
      format?: 'new' | 'legacy';
      /** Money paid back to a card on the device, reported to the location's exchange URL. */
      refund?: boolean;
    }) {
      const d: DeviceTransaction = {
        id: fakeCode('EX'),
        orderId: fakeOrderId(),
        terminalCode: input.terminalCode,
        amount: input.amountMinor,
        currency: input.currency ?? 'EUR',
        last4: String(randomInt(1000, 9999)),
        refund: input.refund === true,
      };
      devices.set(d.id, d);
      const url = options.locationExchangeUrl;
      if (!url) return { transaction: d, answer: null };
      return { transaction: d, answer: await exchange.deviceCall(url, d, input.format) };
    },
    close: server.close,
  };
}

export type PayNlFake = Awaited<ReturnType<typeof startPayNlFake>>;
