import type { z } from 'zod';
import {
  type BoAuditEvent,
  type BoDayCloseRecord,
  BoInvoiceHold,
  type BoInvoiceHoldRequest,
  BoPaymentAccepted,
  type BoPaymentRecord,
  BoRecordAccepted,
  type BoRefundRecord,
  type BoSettlementRefs,
  BUSINESS_PROBLEMS,
  CustomerPage,
  InvoicePage,
  Problem,
} from '../../../shared/backoffice/schemas';
import { UserList } from '../../../shared/backoffice/user-schemas';

export interface BackofficeConfig {
  readonly url: string;
  readonly stationId: string;
  readonly token: string;
}

/**
 * network: no answer (offline, dropped, timed out) — the request may or may not have taken effect.
 * server / rate_limited: the back-office is unwell; try again later (Retry-After honoured).
 * unauthorized: station id or token wrong — nothing will work until a manager fixes the settings.
 * business: refused for a reason that resending will not change — the item is held.
 * invalid_response: the answer did not match the contract.
 */
export type SyncErrorKind =
  | 'network'
  | 'server'
  | 'rate_limited'
  | 'unauthorized'
  | 'business'
  | 'invalid_response'
  | 'client';

export class SyncError extends Error {
  override name = 'SyncError';
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly retryAfterMs: number | null = null,
    readonly problem: Problem | null = null,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 15_000;

/** The counter's side of docs/backoffice-api.openapi.json. Every answer is parsed before use. */
export function createBackofficeClient(config: BackofficeConfig) {
  const base = config.url.replace(/\/+$/, '');

  async function request<T extends z.ZodType>(
    method: string,
    path: string,
    schema: T,
    init: { body?: string | Buffer; contentType?: string; idempotencyKey?: string; timeoutMs?: number } = {},
  ): Promise<z.output<T>> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${config.token}`,
          'Kassa-Station': config.stationId,
          Accept: 'application/json',
          ...(init.contentType ? { 'Content-Type': init.contentType } : {}),
          ...(init.idempotencyKey ? { 'Idempotency-Key': init.idempotencyKey } : {}),
        },
        body: typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body),
        signal: AbortSignal.timeout(init.timeoutMs ?? TIMEOUT_MS),
      });
    } catch (error) {
      throw new SyncError('network', `no answer from the back-office: ${describe(error)}`);
    }
    let payload: unknown;
    try {
      payload = await response.json();
    } catch (error) {
      if (response.ok) throw new SyncError('invalid_response', `answer is not JSON (${response.status})`);
      throw new SyncError(
        response.status >= 500 ? 'server' : 'network',
        `broken answer ${response.status}: ${describe(error)}`,
      );
    }
    if (response.ok) {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        throw new SyncError(
          'invalid_response',
          `answer does not match the contract: ${parsed.error.issues[0]?.message}`,
        );
      }
      return parsed.data;
    }
    const problem = Problem.safeParse(payload);
    const detail = problem.success ? (problem.data.detail ?? problem.data.title) : `HTTP ${response.status}`;
    if (response.status === 429)
      throw new SyncError('rate_limited', detail, retryAfter(response.headers.get('retry-after')));
    if (response.status >= 500) {
      throw new SyncError('server', detail, retryAfter(response.headers.get('retry-after')));
    }
    if (response.status === 401 || response.status === 403) throw new SyncError('unauthorized', detail);
    if (problem.success && BUSINESS_PROBLEMS.includes(problem.data.type)) {
      throw new SyncError('business', detail, null, problem.data);
    }
    throw new SyncError('client', detail, null, problem.success ? problem.data : null);
  }

  return {
    pullCustomers: (after: string, limit: number) =>
      request('GET', `/v1/customers?after=${encodeURIComponent(after)}&limit=${limit}`, CustomerPage),
    pullInvoices: (after: string, limit: number) =>
      request('GET', `/v1/invoices?after=${encodeURIComponent(after)}&limit=${limit}`, InvoicePage),
    /** The shop's users (issue 12); a back-office without them answers 404. */
    pullUsers: () => request('GET', '/v1/users', UserList),
    postPayment: (record: BoPaymentRecord, idempotencyKey: string) =>
      request('POST', '/v1/payments', BoPaymentAccepted, {
        body: JSON.stringify(record),
        contentType: 'application/json',
        idempotencyKey,
      }),
    putReceipt: (paymentId: string, pdf: Buffer, idempotencyKey: string) =>
      request('PUT', `/v1/payments/${encodeURIComponent(paymentId)}/receipt`, BoRecordAccepted, {
        body: pdf,
        contentType: 'application/pdf',
        idempotencyKey,
      }),
    /** Asked while the cashier waits: a short timeout, after which the counter goes on unchecked. */
    holdInvoices: (hold: BoInvoiceHoldRequest, idempotencyKey: string, timeoutMs: number) =>
      request('POST', '/v1/invoice-holds', BoInvoiceHold, {
        body: JSON.stringify(hold),
        contentType: 'application/json',
        idempotencyKey,
        timeoutMs,
      }),
    releaseHold: (key: string, timeoutMs?: number) =>
      request('DELETE', `/v1/invoice-holds/${encodeURIComponent(key)}`, BoInvoiceHold, { timeoutMs }),
    convertHold: (key: string, timeoutMs?: number) =>
      request('POST', `/v1/invoice-holds/${encodeURIComponent(key)}/convert`, BoInvoiceHold, {
        idempotencyKey: `${key}:convert`,
        timeoutMs,
      }),
    putRefundReceipt: (refundId: string, pdf: Buffer, idempotencyKey: string) =>
      request('PUT', `/v1/refunds/${encodeURIComponent(refundId)}/receipt`, BoRecordAccepted, {
        body: pdf,
        contentType: 'application/pdf',
        idempotencyKey,
      }),
    postAuditEvent: (event: BoAuditEvent, idempotencyKey: string) =>
      request('POST', '/v1/audit-events', BoRecordAccepted, {
        body: JSON.stringify(event),
        contentType: 'application/json',
        idempotencyKey,
      }),
    postDayClose: (record: BoDayCloseRecord, idempotencyKey: string) =>
      request('POST', '/v1/day-closes', BoRecordAccepted, {
        body: JSON.stringify(record),
        contentType: 'application/json',
        idempotencyKey,
      }),
    postRefund: (record: BoRefundRecord, idempotencyKey: string) =>
      request('POST', '/v1/refunds', BoRecordAccepted, {
        body: JSON.stringify(record),
        contentType: 'application/json',
        idempotencyKey,
      }),
    postSettlementRefs: (refs: BoSettlementRefs, idempotencyKey: string) =>
      request('POST', '/v1/settlements', BoRecordAccepted, {
        body: JSON.stringify(refs),
        contentType: 'application/json',
        idempotencyKey,
      }),
  };
}

export type BackofficeClient = ReturnType<typeof createBackofficeClient>;

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ? `${error.message} (${cause.code})` : error.message;
  }
  return String(error);
}
