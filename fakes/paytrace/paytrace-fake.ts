import { randomBytes } from 'node:crypto';
import { dailyTimesBetween, PACIFIC_TIME_ZONE } from '../../shared/time/pacific-time';
import { type FakeReply, type SeenRequest, startFakeServer } from '../fake-http';
import {
  createFakeLedger,
  exportRow,
  type FakeCustomer,
  type FakeRail,
  fail,
  pacific,
  usDateTime,
} from './paytrace-fake-ledger';

/**
 * A wire-level fake of PayTrace's JSON API v1 on loopback (shapes: docs/paytrace-wire.md): OAuth
 * password grant with expiring tokens, sale by customer (card and check), void, refund, exports and
 * batches. Knobs: lost answers, held answers (a test kills the counter meanwhile), `invalid_token`
 * mid-session, and closing a batch.
 */

/** The demo's US trade customers (shared with the counter side: keep exactly). */
export const PAYTRACE_DEMO_CUSTOMERS: readonly FakeCustomer[] = [
  { id: 'KASSA-US-1001', name: 'Evergreen Growers LLC', card: { brand: 'Visa', last4: '1111' } },
  {
    id: 'KASSA-US-1002',
    name: 'Sunset Nursery Inc.',
    card: { brand: 'Mastercard', last4: '4444' },
    check: { last4: '6789' },
  },
];

export interface PayTraceFakeOptions {
  readonly customers?: readonly FakeCustomer[];
  /** Seconds a token lives (PayTrace: 7200). */
  readonly tokenLifetimeS?: number;
  readonly now?: () => Date;
  readonly port?: number;
  /** Close the batch this long after a sale or refund (the demo: PayTrace's 8 p.m. settlement, sooner). */
  readonly settleAfterMs?: number;
  /**
   * PayTrace's nightly auto-close, in the fake's Pacific time (8 p.m. by default at PayTrace): every
   * close the fake's clock has passed since the last request is made before the next one is answered.
   * Absent: the batch closes only by `settleBatch` or `settleAfterMs` (auto-close turned off).
   */
  readonly closeBatchAt?: { readonly hour: number; readonly minute: number };
}

type Fault = 'drop_after' | 'drop_before' | 'hold';

export async function startPayTraceFake(options: PayTraceFakeOptions = {}) {
  const now = options.now ?? (() => new Date());
  const credentials = {
    username: 'kassa-api-user',
    password: `pw-${randomBytes(6).toString('hex')}`,
    integratorId: '9999KASSA01',
  };
  const ledger = createFakeLedger(options.customers ?? PAYTRACE_DEMO_CUSTOMERS, now);
  const tokens = new Map<string, number>();
  const faults: Array<{ path: RegExp; fault: Fault }> = [];
  const held: Array<() => void> = [];
  let tokenLifetimeS = options.tokenLifetimeS ?? 7_200;
  let refuseTokens = 0;

  const ok = (body: Record<string, unknown>): FakeReply => ({ status: 200, body: { success: true, ...body } });
  const invalidToken: FakeReply = {
    status: 401,
    body: {
      error: 'invalid_token',
      error_description: 'The access token provided is expired, revoked, malformed, or invalid for other reasons.',
    },
  };

  function issueToken(body: Record<string, string>): FakeReply {
    if (
      body.grant_type !== 'password' ||
      body.username !== credentials.username ||
      body.password !== credentials.password
    ) {
      return {
        status: 400,
        body: {
          error: 'invalid_grant',
          error_description:
            'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
        },
      };
    }
    const token = `${randomBytes(8).toString('hex')}:${randomBytes(8).toString('hex')}:${randomBytes(8).toString('hex')}`;
    tokens.set(token, now().getTime() + tokenLifetimeS * 1000);
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: 'Bearer',
        expires_in: tokenLifetimeS,
        created_at: Math.floor(now().getTime() / 1000),
      },
    };
  }

  const cents = (amount: unknown): number | null => {
    const match = typeof amount === 'string' ? /^(\d+)\.(\d{2})$/.exec(amount) : null;
    return match ? Number(match[1]) * 100 + Number(match[2]) : null;
  };
  const railOf = (path: string): FakeRail => (path.startsWith('/v1/checks/') ? 'check' : 'card');
  const idIn = (body: Record<string, unknown>, rail: FakeRail) =>
    Number(rail === 'check' ? body.check_transaction_id : body.transaction_id);
  /** MM/DD/YYYY to a UTC day number for comparisons. */
  const dayOf = (text: unknown) => {
    const m = typeof text === 'string' ? /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text) : null;
    return m ? Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2])) : Number.NaN;
  };
  /** Dates in requests are PayTrace's (Pacific) days. */
  const inDays = (when: Date, body: Record<string, unknown>) => {
    const at = pacific(when);
    const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
    return day >= dayOf(body.start_date) && day <= dayOf(body.end_date);
  };

  function api(path: string, body: Record<string, unknown>): FakeReply {
    if (body.integrator_id !== credentials.integratorId)
      return fail({ '981': ['Insufficient permissions: unknown integrator id.'] });
    const rail = railOf(path);
    switch (path) {
      case '/v1/transactions/sale/by_customer':
      case '/v1/checks/sale/by_customer': {
        const amountMinor = cents(body.amount);
        if (amountMinor === null || amountMinor <= 0) return fail({ '35': ['Please provide a valid amount.'] });
        if (typeof body.customer_id !== 'string') return fail({ '40': ['Please provide a valid Customer ID.'] });
        if (typeof body.invoice_id !== 'string' || body.invoice_id.length > 50)
          return fail({ '38': ['Please provide a valid invoice number.'] });
        return ledger.sale(rail, {
          amountMinor,
          customerId: body.customer_id,
          invoiceId: body.invoice_id,
          description: typeof body.description === 'string' ? body.description : '',
        });
      }
      case '/v1/transactions/void':
      case '/v1/checks/manage/void':
        return ledger.voidSale(rail, idIn(body, rail));
      case '/v1/transactions/refund/for_transaction':
      case '/v1/checks/refund/by_transaction':
        return ledger.refund(
          rail,
          idIn(body, rail),
          body.amount === undefined ? null : cents(body.amount),
          String(body.invoice_id ?? ''),
        );
      case '/v1/transactions/export/by_id':
      case '/v1/checks/export/by_id': {
        const tx = ledger.find(rail, idIn(body, rail));
        return ok({
          [rail === 'check' ? 'checks' : 'transactions']: tx ? [exportRow(tx)] : [],
          ...(rail === 'check' ? { transactions: [] } : {}),
        });
      }
      case '/v1/transactions/export/by_date_range':
      case '/v1/checks/export/by_date_range': {
        if (Number.isNaN(dayOf(body.start_date)) || Number.isNaN(dayOf(body.end_date))) {
          return fail({ '151': ['Please provide a valid start and end date (MM/DD/YYYY).'] });
        }
        const text = typeof body.including_text === 'string' ? body.including_text : null;
        const rows = ledger.transactions.filter(
          (t) =>
            t.rail === rail &&
            inDays(t.createdAt, body) &&
            (!text || t.invoiceId.includes(text) || t.description.includes(text)) &&
            (!body.transaction_type || t.type === body.transaction_type),
        );
        return ok({
          [rail === 'check' ? 'checks' : 'transactions']: rows.map(exportRow),
          ...(rail === 'check' ? { transactions: [] } : {}),
        });
      }
      case '/v1/batches/export': {
        const batches = ledger.batches.filter((b) => inDays(b.settledAt, body));
        return ok({
          batches: batches.map((b) => {
            const rows = ledger.transactions.filter((t) => t.batch === b.number);
            const net = rows.reduce((sum, t) => sum + (t.type === 'REFUND' ? -t.amountMinor : t.amountMinor), 0);
            return {
              batch_number: b.number,
              created: { at: usDateTime(b.settledAt) },
              transaction_count: rows.length,
              net_amount: net / 100,
            };
          }),
        });
      }
      case '/v1/batches/transaction_list': {
        const batch = ledger.batches.find((b) => b.number === Number(body.batch_number));
        if (!batch) return fail({ '161': ['Please provide a valid batch number.'] });
        return ok({
          batch: { batch_number: batch.number, created: { at: usDateTime(batch.settledAt) } },
          transactions: ledger.transactions.filter((t) => t.batch === batch.number).map(exportRow),
        });
      }
      default:
        return { status: 404, body: { success: false, status_message: 'Not found' } };
    }
  }

  function answer(req: SeenRequest): FakeReply {
    if (req.path === '/oauth/token') return issueToken(Object.fromEntries(new URLSearchParams(req.rawBody)));
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const expires = token ? tokens.get(token) : undefined;
    if (!expires || expires <= now().getTime() || refuseTokens > 0) {
      refuseTokens = Math.max(0, refuseTokens - 1);
      return invalidToken;
    }
    return api(req.path, (req.body ?? {}) as Record<string, unknown>);
  }

  let closedUpTo = now();
  /** The nightly closes between the last request and now, each at its own time (daylight saving included). */
  function closeDueBatches(): void {
    const close = options.closeBatchAt;
    const until = now();
    if (!close) return;
    for (const at of dailyTimesBetween(closedUpTo, until, { ...close, timeZone: PACIFIC_TIME_ZONE })) {
      ledger.settleBatch(at);
    }
    closedUpTo = until;
  }

  function route(req: SeenRequest): FakeReply | Promise<FakeReply> {
    if (req.method !== 'POST') return { status: 405, body: { success: false, status_message: 'POST only' } };
    closeDueBatches();
    const index = faults.findIndex((f) => f.path.test(req.path));
    const fault = index >= 0 ? faults.splice(index, 1)[0]?.fault : undefined;
    if (fault === 'drop_before') return { status: 0, dropAfter: true };
    const reply = answer(req);
    if (options.settleAfterMs !== undefined && reply.status === 200 && /\/(sale|refund)\//.test(req.path)) {
      setTimeout(() => ledger.settleBatch(), options.settleAfterMs).unref();
    }
    if (fault === 'drop_after') return { ...reply, dropAfter: true };
    if (fault === 'hold')
      return new Promise<FakeReply>((resolve) => held.push(() => resolve({ ...reply, dropAfter: true })));
    return reply;
  }

  const server = await startFakeServer(route, { port: options.port });
  return {
    url: server.url,
    seen: server.seen,
    credentials,
    ledger,
    /** The next request to a matching path fails this way (the request is processed unless `drop_before`). */
    failNext(path: RegExp, fault: Fault): void {
      faults.push({ path, fault });
    },
    /** Every token issued so far is refused with `invalid_token` from now on (revoked mid-session). */
    revokeTokens(): void {
      tokens.clear();
    },
    /** The next `count` API requests are refused with `invalid_token`, whatever token they carry. */
    refuseNextTokens(count: number): void {
      refuseTokens = count;
    },
    setTokenLifetime(seconds: number): void {
      tokenLifetimeS = seconds;
    },
    settleBatch: () => ledger.settleBatch(),
    sales: () => ledger.transactions.filter((t) => t.originalId === null),
    async close(): Promise<void> {
      for (const release of held.splice(0)) release();
      await server.close();
    },
  };
}

export type PayTraceFake = Awaited<ReturnType<typeof startPayTraceFake>>;
