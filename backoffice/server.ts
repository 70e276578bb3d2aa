import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { BoInvoiceHoldRequest, BoPaymentRecord, BoRefundRecord, PROBLEM_TYPES } from '../shared/backoffice/schemas';
import { auditEventRoute } from './audit-events';
import { dayCloseRoute } from './day-closes';
import { createFaultInjector, FAULT_KINDS, type FaultPlan } from './faults';
import type { HoldOutcome } from './holds';
import { readRequestBody } from './read-request-body';
import { settlementRefsRoute } from './settlement-refs-route';
import { type BackofficeStore, problem, type StoredAnswer } from './store';

const MAX_BODY = 20 * 1024 * 1024;

export interface BackofficeServer {
  readonly url: string;
  readonly port: number;
  readonly store: BackofficeStore;
  readonly faults: ReturnType<typeof createFaultInjector>;
  /** Requests received per "METHOD /path" (for tests that check how hard a client pushes). */
  readonly requestCounts: Map<string, number>;
  close(): Promise<void>;
}

const FaultPlanInput = z.object({
  rate: z.number().min(0).max(1),
  kinds: z.array(z.enum(FAULT_KINDS)),
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  offline: z.boolean().optional(),
  seed: z.number().int().optional(),
  only: z.string().max(200).optional(),
});

/**
 * The reference back-office: implements docs/backoffice-api.openapi.json on its own SQLite file,
 * for demo mode, for tests (with fault injection) and as the model for a real integration.
 */
export async function startBackofficeServer(options: {
  store: BackofficeStore;
  /** stationId → bearer token */
  stations: Readonly<Record<string, string>>;
  adminToken?: string;
  port?: number;
  faults?: FaultPlan;
}): Promise<BackofficeServer> {
  const { store, stations } = options;
  const faults = createFaultInjector(options.faults);
  const requestCounts = new Map<string, number>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, problem(500, PROBLEM_TYPES.unavailable, String(error)));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://backoffice');
    if (url.pathname.startsWith('/admin/')) return admin(req, res, url);
    const routeKey = `${req.method} ${url.pathname}`;
    requestCounts.set(routeKey, (requestCounts.get(routeKey) ?? 0) + 1);
    if (url.pathname === '/v1/health') return send(res, { status: 200, body: { status: 'ok' } });

    if (faults.plan.offline) return void req.socket.destroy();
    const fault = faults.next(routeKey);
    if (fault === 'latency') await new Promise((r) => setTimeout(r, faults.plan.latencyMs ?? 2_000));
    if (fault === 'drop') return void req.socket.destroy();
    if (fault === 'error_500') return send(res, problem(500, PROBLEM_TYPES.unavailable, 'injected failure'));
    if (fault === 'error_503') return send(res, problem(503, PROBLEM_TYPES.unavailable, 'injected outage'));
    if (fault === 'rate_limit') {
      res.setHeader('Retry-After', String(faults.plan.retryAfterSeconds ?? 1));
      return send(res, problem(429, PROBLEM_TYPES.rateLimited, 'slow down'));
    }

    const stationId = authenticate(req);
    if (!stationId) return send(res, problem(401, PROBLEM_TYPES.unauthorized, 'unknown station or token'));

    const answer = await route(req, url, stationId);
    if (fault === 'lost_response') return void req.socket.destroy(); // committed, but the counter never hears
    send(res, answer);
  }

  async function route(req: IncomingMessage, url: URL, stationId: string): Promise<StoredAnswer> {
    const method = req.method ?? 'GET';
    if (method === 'GET' && (url.pathname === '/v1/customers' || url.pathname === '/v1/invoices')) {
      const after = Number(url.searchParams.get('after') ?? '0');
      const limit = Math.min(1_000, Math.max(1, Number(url.searchParams.get('limit') ?? '500')));
      if (!Number.isSafeInteger(after) || after < 0 || !Number.isSafeInteger(limit)) {
        return problem(400, PROBLEM_TYPES.invalidRequest, 'after and limit are whole numbers');
      }
      const items =
        url.pathname === '/v1/customers'
          ? store.customersAfter(after, limit + 1)
          : store.invoicesAfter(after, limit + 1);
      const page = items.slice(0, limit);
      const last = page.at(-1)?.seq ?? after;
      return { status: 200, body: { items: page, nextCursor: String(last), hasMore: items.length > limit } };
    }

    if (method === 'GET' && url.pathname === '/v1/users') return { status: 200, body: { items: store.users.list() } };
    const key = req.headers['idempotency-key'];
    const mutation = method === 'POST' || method === 'PUT';
    if (mutation && (typeof key !== 'string' || key.length < 8 || key.length > 255)) {
      return problem(
        400,
        PROBLEM_TYPES.idempotencyKeyMissing,
        'every mutation needs an Idempotency-Key of 8–255 characters',
      );
    }

    if (method === 'POST' && url.pathname === '/v1/payments') {
      const raw = await readRequestBody(req, MAX_BODY);
      const parsed = parseJson(BoPaymentRecord, raw);
      if (!parsed.success) return problem(400, PROBLEM_TYPES.invalidRequest, parsed.message);
      if (parsed.data.stationId !== stationId)
        return problem(403, PROBLEM_TYPES.unauthorized, 'stationId is not yours');
      return store.idempotent(stationId, key as string, raw, () => store.applyPayment(stationId, parsed.data));
    }

    const receipt = /^\/v1\/payments\/([A-Za-z0-9_-]{1,64})\/receipt$/.exec(url.pathname);
    if (method === 'PUT' && receipt?.[1]) {
      if (req.headers['content-type'] !== 'application/pdf') {
        return problem(415, PROBLEM_TYPES.invalidRequest, 'the receipt is application/pdf');
      }
      const pdf = await readRequestBody(req, MAX_BODY);
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
        return problem(400, PROBLEM_TYPES.invalidRequest, 'not a PDF');
      const paymentId = receipt[1];
      return store.idempotent(stationId, key as string, pdf, () => store.attachReceipt(paymentId, pdf));
    }

    if (url.pathname.startsWith('/v1/invoice-holds')) return holdRoute(req, url, stationId, key as string);
    if (url.pathname === '/v1/day-closes') return dayCloseRoute(store, req, stationId, key as string);

    const refundReceipt = /^\/v1\/refunds\/([A-Za-z0-9_-]{1,64})\/receipt$/.exec(url.pathname);
    if (method === 'PUT' && refundReceipt?.[1]) {
      if (req.headers['content-type'] !== 'application/pdf') {
        return problem(415, PROBLEM_TYPES.invalidRequest, 'the receipt is application/pdf');
      }
      const pdf = await readRequestBody(req, MAX_BODY);
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
        return problem(400, PROBLEM_TYPES.invalidRequest, 'not a PDF');
      const refundId = refundReceipt[1];
      return store.idempotent(stationId, key as string, pdf, () => {
        const outcome = store.refundReceipts.attach(refundId, pdf);
        if (!outcome.ok) return { status: outcome.problem.status, body: outcome.problem };
        return { status: 200, body: { id: refundId, status: 'recorded', receivedAt: outcome.receivedAt } };
      });
    }

    if (method === 'POST' && url.pathname === '/v1/audit-events')
      return auditEventRoute(req, stationId, key as string, store);

    if (method === 'POST' && url.pathname === '/v1/refunds') {
      const raw = await readRequestBody(req, MAX_BODY);
      const parsed = parseJson(BoRefundRecord, raw);
      if (!parsed.success) return problem(400, PROBLEM_TYPES.invalidRequest, parsed.message);
      return store.idempotent(stationId, key as string, raw, () => store.recordRefund(parsed.data));
    }

    if (method === 'POST' && url.pathname === '/v1/settlements')
      return settlementRefsRoute(req, stationId, key as string, store);

    return problem(404, PROBLEM_TYPES.invalidRequest, `no route ${method} ${url.pathname}`);
  }

  /** POST a hold, DELETE (release) it, or POST …/convert once its money was taken. */
  async function holdRoute(req: IncomingMessage, url: URL, stationId: string, key: string): Promise<StoredAnswer> {
    const method = req.method ?? 'GET';
    const answer = (outcome: HoldOutcome): StoredAnswer =>
      outcome.ok
        ? { status: outcome.status, body: outcome.hold }
        : { status: outcome.problem.status, body: outcome.problem };
    if (method === 'POST' && url.pathname === '/v1/invoice-holds') {
      const raw = await readRequestBody(req, MAX_BODY);
      const parsed = parseJson(BoInvoiceHoldRequest, raw);
      if (!parsed.success) return problem(400, PROBLEM_TYPES.invalidRequest, parsed.message);
      return store.idempotent(stationId, key, raw, () => answer(store.holds.take(stationId, key, parsed.data)));
    }
    const one = /^\/v1\/invoice-holds\/([A-Za-z0-9_:-]{8,255})(\/convert)?$/.exec(url.pathname);
    const holdKey = one?.[1];
    if (holdKey && method === 'DELETE' && !one[2]) return answer(store.holds.release(stationId, holdKey));
    if (holdKey && method === 'POST' && one[2]) return answer(store.holds.convert(stationId, holdKey));
    return problem(404, PROBLEM_TYPES.invalidRequest, `no route ${method} ${url.pathname}`);
  }

  async function admin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const token = options.adminToken;
    if (!token || !sameSecret(token, bearer(req)))
      return send(res, problem(401, PROBLEM_TYPES.unauthorized, 'admin only'));
    if (req.method === 'PUT' && url.pathname === '/admin/faults') {
      const parsed = parseJson(FaultPlanInput, await readRequestBody(req, MAX_BODY));
      if (!parsed.success) return send(res, problem(400, PROBLEM_TYPES.invalidRequest, parsed.message));
      faults.set(parsed.data);
      return send(res, { status: 200, body: faults.plan });
    }
    if (req.method === 'GET' && url.pathname === '/admin/payments') {
      return send(res, { status: 200, body: store.payments() });
    }
    send(res, problem(404, PROBLEM_TYPES.invalidRequest, 'no such admin route'));
  }

  function authenticate(req: IncomingMessage): string | null {
    const station = req.headers['kassa-station'];
    if (typeof station !== 'string') return null;
    const expected = stations[station];
    return expected && sameSecret(expected, bearer(req)) ? station : null;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    faults,
    requestCounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sameSecret(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : null;
}

function parseJson<T extends z.ZodType>(
  schema: T,
  raw: Buffer,
): { success: true; data: z.output<T> } | { success: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return { success: false, message: 'body is not JSON' };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { success: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  return { success: false, message: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
}

function send(res: ServerResponse, answer: StoredAnswer): void {
  const isProblem = answer.status >= 400;
  res.writeHead(answer.status, {
    'Content-Type': isProblem ? 'application/problem+json' : 'application/json',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(answer.body));
}
