import type { z } from 'zod';
import { createJsonClient, decideFailure, httpCode, type JsonAnswer, type ProviderProblem } from '../json-client';
import { ProviderError, type ProviderErrorCode, type ProviderFailureKind } from '../provider';
import type { VippsConfig } from './vipps-config';
import { VippsProblem, VippsToken } from './vipps-schemas';

/** Renew this long before the token runs out, so no request goes out with a token about to expire. */
const TOKEN_MARGIN_MS = 120_000;

export interface VippsClientOptions {
  config: () => VippsConfig | null;
  systemVersion: string;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * The Vipps MobilePay HTTP client: fetches and caches the access token, sends the Vipps-System-*
 * headers and an Idempotency-Key on every mutation, and turns problems into ProviderErrors.
 */
export function createVippsClient(options: VippsClientOptions) {
  const now = options.now ?? Date.now;
  let token: { value: string; expiresAt: number; for: string } | null = null;

  const config = (): VippsConfig => {
    const current = options.config();
    if (!current) throw new ProviderError('refused', 'not_configured', 'MobilePay is not configured');
    return current;
  };

  const systemHeaders = (current: VippsConfig) => ({
    'Ocp-Apim-Subscription-Key': current.subscriptionKey,
    'Merchant-Serial-Number': current.merchantSerialNumber,
    'Vipps-System-Name': 'kassa',
    'Vipps-System-Version': options.systemVersion.slice(0, 30),
    'Vipps-System-Plugin-Name': 'kassa-counter',
    'Vipps-System-Plugin-Version': options.systemVersion.slice(0, 30),
  });

  // Fetching a token changes nothing at Vipps: any failure here means no payment request went out.
  const tokenClient = createJsonClient({
    baseUrl: () => config().apiUrl,
    headers: () => {
      const current = config();
      return { client_id: current.clientId, client_secret: current.clientSecret, ...systemHeaders(current) };
    },
    toError: (answer) => ({ ...vippsProblem(answer), code: `token_${answer.status}` }),
    timeoutMs: options.timeoutMs,
  });
  const api = createJsonClient({
    baseUrl: () => config().apiUrl,
    headers: async () => ({ authorization: `Bearer ${await accessToken()}`, ...systemHeaders(config()) }),
    toError: vippsProblem,
    timeoutMs: options.timeoutMs,
    // The token ran out mid-payment: a 401 means the request was not processed, so sending it
    // again with a new token (and the same Idempotency-Key) is safe.
    renewOn: { status: 401, renew: () => (token = null) },
  });

  async function accessToken(): Promise<string> {
    const current = config();
    const cacheKey = `${current.apiUrl}|${current.clientId}`;
    if (token && token.for === cacheKey && now() < token.expiresAt - TOKEN_MARGIN_MS) return token.value;
    const answer = await tokenClient
      .request({
        method: 'POST',
        path: '/accesstoken/get',
        schema: VippsToken,
        body: '',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        effect: 'read_before_money',
      })
      .catch((error: unknown) => {
        if (error instanceof ProviderError && error.code === 'unreadable_answer') {
          throw new ProviderError('refused', 'token_unreadable', error.message);
        }
        throw error;
      });
    const expiresAt = answer.expires_on ? answer.expires_on * 1000 : now() + answer.expires_in * 1000;
    token = { value: answer.access_token, expiresAt, for: cacheKey };
    return token.value;
  }

  async function request<T extends z.ZodType>(
    schema: T,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<z.output<T>> {
    const headers = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined;
    try {
      return await api.request({ schema, method, path, body, headers });
    } catch (error) {
      throw error instanceof ProviderError ? VippsHttpError.from(error) : error;
    }
  }

  return { request, accessToken, forgetToken: () => (token = null) };
}

export type VippsClient = ReturnType<typeof createVippsClient>;

/** A Vipps request answered with an HTTP error (by Vipps or by something in between). */
export class VippsHttpError extends ProviderError {
  readonly status: number;

  constructor(kind: ProviderFailureKind, code: ProviderErrorCode, message: string, status: number) {
    super(kind, code, message);
    this.status = status;
  }

  static from(error: ProviderError): ProviderError {
    const status = /^http_(\d+)$/.exec(error.code)?.[1] ?? (error.code === 'not_found' ? '404' : null);
    return status === null ? error : new VippsHttpError(error.kind, error.code, error.message, Number(status));
  }
}

/**
 * Only Vipps' own "no" proves a request was not acted on: a 4xx carrying its problem document, or the
 * gateway's 401/429. A 5xx (503 included) or an answer without Vipps' problem body may come from a
 * proxy or load balancer in front of a request Vipps did act on, so it is `outcome_unknown`: Vipps
 * finds payments by our reference, and a read settles it — a start is never sent again.
 */
export function vippsProblem(answer: JsonAnswer): ProviderProblem {
  const problem = VippsProblem.safeParse(answer.body);
  const title = (problem.success && problem.data.title) || `HTTP ${answer.status}`;
  const text = problem.success
    ? `${problem.data.title ?? ''} ${problem.data.detail ?? ''}`.trim()
    : answer.text.slice(0, 200);
  const ownProblem = problem.success && Boolean(problem.data.title || problem.data.type);
  return {
    code: answer.status === 404 ? 'not_found' : httpCode(answer.status),
    message: `${answer.status}: ${title} ${text}`,
    ownRefusal:
      answer.status === 401 || answer.status === 429 || (answer.status >= 400 && answer.status < 500 && ownProblem),
  };
}

/** Vipps' refusal rule, as the one decision in json-client.ts applies it to a request that may act. */
export function vippsFailureKind(answer: JsonAnswer): ProviderFailureKind {
  return decideFailure({ kind: 'answer', ownRefusal: vippsProblem(answer).ownRefusal });
}
