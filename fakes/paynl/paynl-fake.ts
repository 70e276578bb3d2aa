import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { postCallback, type SeenRequest, startFakeServer } from '../fake-http';
import {
  ACTIONS,
  type DeviceTransaction,
  deviceBody,
  type FakeOrder,
  type FakeRefund,
  type Fault,
  orderBody,
  problem,
} from './paynl-fake-bodies';
import { restRoute } from './paynl-fake-rest';

export interface FakeTerminal {
  code: string;
  name: string;
  online: boolean;
  softpos?: boolean;
  refunds?: boolean;
}

export type ExchangeMode = 'signed' | 'unsigned' | 'legacy' | 'off' | 'hold';

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
  const held: { url: string; body: string; headers: Record<string, string> }[] = [];
  const exchanges: { status: number; text: string; format: string }[] = [];
  let exchangeMode: ExchangeMode = options.exchangeMode ?? 'signed';

  const lookup = (id: string) => orders.get(id) ?? [...orders.values()].find((o) => o.orderId === id);

  function signedHeaders(body: string): Record<string, string> {
    return {
      'content-type': 'application/json',
      'signature-method': 'HMAC',
      'signature-keyid': creds.serviceId,
      'signature-algorithm': 'sha256',
      signature: createHmac('sha256', creds.serviceSecret).update(body).digest('hex'),
    };
  }

  async function deliver(url: string, body: string, headers: Record<string, string>, format: string) {
    if (exchangeMode === 'off') return;
    const target = options.deliverExchange ? options.deliverExchange(url) : url;
    if (exchangeMode === 'hold') {
      held.push({ url: target, body, headers });
      return;
    }
    const answer = await postCallback(target, body, headers);
    exchanges.push({ ...answer, format });
  }

  function exchangeFor(o: FakeOrder): void {
    if (!o.exchangeUrl) return;
    if (exchangeMode === 'legacy') {
      const form = new URLSearchParams({
        action: o.status.code === 100 ? 'new_ppt' : o.status.code < 0 ? 'cancel' : 'pending',
        order_id: o.orderId,
        amount: (o.amount.value / 100).toFixed(2),
        extra1: o.extra1 ?? '',
        payment_session_id: String(randomInt(1e9)),
      }).toString();
      void deliver(o.exchangeUrl, form, { 'content-type': 'application/x-www-form-urlencoded' }, 'legacy');
      return;
    }
    const body = JSON.stringify({
      event: 'status_changed',
      type: 'order',
      version: 1,
      id: o.id,
      object: orderBody(o, creds.tokenCode),
    });
    void deliver(
      o.exchangeUrl,
      body,
      exchangeMode !== 'unsigned' ? signedHeaders(body) : { 'content-type': 'application/json' },
      'order',
    );
  }

  function setStatus(o: FakeOrder, code: number): void {
    o.status = { code, action: ACTIONS[code] ?? (code < 0 ? 'CANCEL' : 'PENDING') };
    exchangeFor(o);
  }

  const authOk = (req: SeenRequest) => {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    const [user, pass] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    return (
      (user === creds.tokenCode && pass === creds.apiToken) ||
      (user === creds.serviceId && pass === creds.serviceSecret)
    );
  };

  function settleByCents(o: FakeOrder): void {
    const cents = o.amount.value % 100;
    if (o.status.code !== 50 && !(cents === 10 && o.aborted)) return;
    if (cents === 5) setStatus(o, -63);
    else if (cents === 6) setStatus(o, -90);
    else if (cents === 7) setStatus(o, -80);
    else setStatus(o, 100);
  }

  const server = await startFakeServer(
    async (req) => {
      const fault = faults.find((f) => f.path.test(`${req.method} ${req.path}`));
      if (fault) faults.splice(faults.indexOf(fault), 1);
      if (fault?.kind === '500') return problem(500, 'PAY-500', 'Internal server error');
      if (fault?.kind === '503') return problem(503, 'PAY-503', 'Service unavailable');
      // A reverse proxy or load balancer in front of Pay. answers in its own words (HTML), not Pay.'s.
      if (fault?.kind === '502' || fault?.kind === '504' || fault?.kind === 'html') {
        const status = fault.kind === 'html' ? 403 : Number(fault.kind);
        return { status, contentType: 'text/html', body: `<html><body><h1>${status}</h1>nginx</body></html>` };
      }
      if (fault?.kind === '429') return problem(429, 'PAY-429', 'Too many requests');
      if (!authOk(req)) return problem(401, 'PAY-401', 'Unauthorized');
      // A read whose answer never comes (connection lost): to the client, the same as a read timeout.
      if (fault?.kind === 'drop_after' && req.method === 'GET') return { status: 200, dropAfter: true };

      if (req.method === 'GET' && req.path === '/v2/terminals') {
        return {
          status: 200,
          body: {
            total: terminals.length,
            count: terminals.length,
            terminals: terminals.map((t) => ({
              code: t.code,
              name: t.name,
              attribution: 'PAY.nl* Kwekerij De Fake',
              status: 'ACTIVE',
              connectionStatus: t.online ? 'ONLINE' : 'OFFLINE',
              merchant: { code: 'M-1000-0001', name: 'Kwekerij De Fake' },
              service: { id: creds.serviceId, name: 'Kassa' },
              terminalType: t.softpos ? 'SoftPOS' : 'PAX A920',
              ecrProtocol: 'WEB',
              paymentTypes: [{ paymentType: 'SALE' }, ...(t.refunds ? [{ paymentType: 'REFUND' }] : [])],
            })),
            _links: [],
          },
        };
      }

      if (req.method === 'POST' && req.path === '/v1/orders') {
        const body = req.body as {
          serviceId?: string;
          amount?: { value?: number; currency?: string };
          reference?: string;
          description?: string;
          exchangeUrl?: string;
          paymentMethod?: { id?: number; input?: { terminalCode?: string } };
          integration?: { test?: boolean };
          stats?: { extra1?: string };
        };
        if (body?.serviceId !== creds.serviceId) return problem(422, 'PAY-2001', 'Invalid serviceId');
        const value = body.amount?.value;
        if (!Number.isInteger(value) || (value ?? 0) < 1) return problem(422, 'PAY-2002', 'Invalid amount');
        // Order:Create documents `reference` as alphanumeric only: anything else is refused.
        if (body.reference !== undefined && !/^[A-Za-z0-9]+$/.test(body.reference))
          return problem(
            422,
            'PAY-2003',
            'Invalid reference',
            'reference: This field only allows alphanumeric characters',
          );
        const methodId = body.paymentMethod?.id;
        const terminal = terminals.find((t) => t.code === body.paymentMethod?.input?.terminalCode);
        if ((methodId !== 1927 && methodId !== 2351) || !terminal) return problem(422, 'PAY-2004', 'Unknown terminal');
        if (!terminal.online) return problem(422, 'PAY-2005', 'Terminal offline');
        if (methodId === 2351 && !terminal.refunds) return problem(422, 'PAY-2006', 'Terminal does not allow refunds');
        const o: FakeOrder = {
          id: randomUUID(),
          orderId: `5${String(randomInt(1e10)).padStart(10, '0')}X${randomInt(0x1000, 0xffff).toString(16)}`,
          type: methodId === 2351 ? 'credit' : 'sale',
          serviceId: creds.serviceId,
          reference: body.reference ?? '',
          description: body.description ?? '',
          amount: { value: value ?? 0, currency: body.amount?.currency ?? 'EUR' },
          terminalCode: terminal.code,
          status: { code: 20, action: 'PENDING' },
          exchangeUrl: body.exchangeUrl ?? null,
          extra1: body.stats?.extra1 ?? null,
          aborted: false,
          refunded: 0,
          paidAmount: null,
          last4: String(randomInt(1000, 9999)),
          test: body.integration?.test === true,
          createdAt: new Date().toISOString(),
        };
        orders.set(o.id, o);
        o.status = { code: 50, action: 'PENDING' };
        // Demo ,11: the answer to the order is lost and the terminal never settles it — an outcome
        // only a manager can decide (Pay. has no lookup by our reference).
        if (options.autoSettleMs != null && o.amount.value % 100 === 11) return { status: 201, dropAfter: true };
        if (options.autoSettleMs != null) setTimeout(() => settleByCents(o), options.autoSettleMs).unref();
        if (fault?.kind === 'drop_after') return { status: 201, dropAfter: true };
        if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, 5_000));
        return { status: 201, body: orderBody(o, creds.tokenCode) };
      }

      const voidMatch = req.path.match(/^\/v1\/orders\/([^/]+)\/void$/);
      if (voidMatch && req.method === 'PATCH') {
        const o = lookup(decodeURIComponent(voidMatch[1] ?? ''));
        if (!o) return problem(404, 'PAY-404', 'Order not found');
        // Order:Void cancels an active reservation (status 95) only; a captured (PAID) order is refunded instead.
        if (o.status.code !== 95) return problem(422, 'PAY-3002', 'Order can not be voided');
        setStatus(o, -90);
        return { status: 200, body: orderBody(o, creds.tokenCode) };
      }

      const orderMatch = req.path.match(/^\/v1\/orders\/([^/]+)\/(status|abort)$/);
      if (orderMatch) {
        const o = lookup(decodeURIComponent(orderMatch[1] ?? ''));
        if (!o) return problem(404, 'PAY-404', 'Order not found');
        if (orderMatch[2] === 'status' && req.method === 'GET')
          return { status: 200, body: orderBody(o, creds.tokenCode) };
        if (orderMatch[2] === 'abort' && req.method === 'PATCH') {
          if (o.status.code !== 20 && o.status.code !== 50) return problem(422, 'PAY-3001', 'Order can not be aborted');
          o.aborted = true;
          setStatus(o, -90);
          if (options.autoSettleMs != null && o.amount.value % 100 === 10) {
            setTimeout(() => setStatus(o, 100), options.autoSettleMs).unref();
          }
          return { status: 200, body: orderBody(o, creds.tokenCode) };
        }
      }

      const rest = restRoute(req, fault?.kind, {
        lookup,
        refunds,
        devices,
        refundsSettle: () => refundsSettle,
        tokenCode: creds.tokenCode,
        serviceId: creds.serviceId,
      });
      if (rest) return rest;
      return problem(404, 'PAY-404', 'Not found');
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
      const o: FakeOrder = {
        id: randomUUID(),
        orderId: `5${String(randomInt(1e10)).padStart(10, '0')}X${randomInt(0x1000, 0xffff).toString(16)}`,
        type: 'sale',
        serviceId: creds.serviceId,
        reference: input.reference,
        description: '',
        amount: { value: input.amountMinor, currency: 'EUR' },
        terminalCode: input.terminalCode,
        status: { code: 50, action: 'PENDING' },
        exchangeUrl: input.exchangeUrl ?? null,
        extra1: input.reference,
        aborted: false,
        refunded: 0,
        paidAmount: null,
        last4: String(randomInt(1000, 9999)),
        test: true,
        createdAt: new Date().toISOString(),
      };
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
    setExchangeMode(mode: ExchangeMode) {
      exchangeMode = mode;
    },
    /** Delivers held exchange calls, optionally reversed and each twice. */
    async release(opts: { reverse?: boolean; twice?: boolean } = {}) {
      const batch = held.splice(0, held.length);
      if (opts.reverse) batch.reverse();
      const answers: { status: number; text: string }[] = [];
      for (const h of batch) {
        answers.push(await postCallback(h.url, h.body, h.headers));
        if (opts.twice) answers.push(await postCallback(h.url, h.body, h.headers));
      }
      return answers;
    },
    held: () => [...held],
    exchanges: () => [...exchanges],
    signedHeaders,
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
        id: `EX-${randomInt(1000, 9999)}-${randomInt(1000, 9999)}-${randomInt(1000, 9999)}`,
        orderId: `5${String(randomInt(1e10)).padStart(10, '0')}X${randomInt(0x1000, 0xffff).toString(16)}`,
        terminalCode: input.terminalCode,
        amount: input.amountMinor,
        currency: input.currency ?? 'EUR',
        last4: String(randomInt(1000, 9999)),
        refund: input.refund === true,
      };
      devices.set(d.id, d);
      const url = options.locationExchangeUrl;
      if (!url) return { transaction: d, answer: null };
      const target = options.deliverExchange ? options.deliverExchange(url) : url;
      if (input.format === 'legacy') {
        const form = new URLSearchParams({
          action: d.refund ? 'refund:add' : 'new_ppt',
          order_id: d.orderId,
          amount: (d.amount / 100).toFixed(2),
          payment_profile_id: d.refund ? '2351' : '3069',
          extra1: '',
        }).toString();
        return {
          transaction: d,
          answer: await postCallback(target, form, { 'content-type': 'application/x-www-form-urlencoded' }),
        };
      }
      const body = JSON.stringify(deviceBody(d, d.refund ? 'refund:add' : 'new_ppt', creds.serviceId));
      const headers = exchangeMode !== 'unsigned' ? signedHeaders(body) : { 'content-type': 'application/json' };
      return { transaction: d, answer: await postCallback(target, body, headers) };
    },
    close: server.close,
  };
}

export type PayNlFake = Awaited<ReturnType<typeof startPayNlFake>>;
