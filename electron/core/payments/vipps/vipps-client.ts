import type { z } from 'zod';
import { ProviderError } from '../provider';
import { type HttpAnswer, providerFetch } from '../provider-http';
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

  async function accessToken(): Promise<string> {
    const current = config();
    const cacheKey = `${current.apiUrl}|${current.clientId}`;
    if (token && token.for === cacheKey && now() < token.expiresAt - TOKEN_MARGIN_MS) return token.value;
    const answer = await providerFetch(`${current.apiUrl}/accesstoken/get`, {
      method: 'POST',
      headers: {
        client_id: current.clientId,
        client_secret: current.clientSecret,
        'content-type': 'application/x-www-form-urlencoded',
        ...systemHeaders(current),
      },
      body: '',
      timeoutMs: options.timeoutMs ?? 10_000,
    });
    // Fetching a token changes nothing at Vipps: any failure here means no payment request went out.
    if (answer.status !== 200) throw new ProviderError('refused', `token_${answer.status}`, problemText(answer));
    const parsed = VippsToken.safeParse(answer.body);
    if (!parsed.success) throw new ProviderError('refused', 'token_unreadable', parsed.error.message);
    const expiresAt = parsed.data.expires_on ? parsed.data.expires_on * 1000 : now() + parsed.data.expires_in * 1000;
    token = { value: parsed.data.access_token, expiresAt, for: cacheKey };
    return token.value;
  }

  async function request<T extends z.ZodType>(
    schema: T,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<z.output<T>> {
    const send = async () => {
      const current = config();
      return providerFetch(`${current.apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await accessToken()}`,
          accept: 'application/json',
          ...systemHeaders(current),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: options.timeoutMs ?? 10_000,
      });
    };
    let answer = await send();
    if (answer.status === 401) {
      // The token ran out mid-payment: a 401 means the request was not processed, so sending it
      // again with a new token (and the same Idempotency-Key) is safe.
      token = null;
      answer = await send();
    }
    if (answer.status < 200 || answer.status > 299) {
      throw new VippsHttpError(vippsFailureKind(answer), answer, `${method} ${path}`);
    }
    if (answer.status === 204) return schema.parse(undefined);
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success) {
      throw new ProviderError('outcome_unknown', 'unreadable_answer', `${method} ${path}: ${parsed.error.message}`);
    }
    return parsed.data;
  }

  return { request, accessToken, forgetToken: () => (token = null) };
}

export type VippsClient = ReturnType<typeof createVippsClient>;

export class VippsHttpError extends ProviderError {
  readonly status: number;
  readonly title: string;

  constructor(kind: 'refused' | 'outcome_unknown', answer: HttpAnswer, what: string) {
    const problem = VippsProblem.safeParse(answer.body);
    const title = (problem.success && problem.data.title) || `HTTP ${answer.status}`;
    super(
      kind,
      answer.status === 404 ? 'not_found' : `http_${answer.status}`,
      `${what}: ${title} ${problemText(answer)}`,
    );
    this.status = answer.status;
    this.title = title;
  }
}

/**
 * Only Vipps' own "no" proves a request was not acted on: a 4xx carrying its problem document, or the
 * gateway's 401/429. A 5xx (503 included) or an answer without Vipps' problem body may come from a
 * proxy or load balancer in front of a request Vipps did act on, so it is `outcome_unknown`: Vipps
 * finds payments by our reference, and a read settles it — a start is never sent again.
 */
export function vippsFailureKind(answer: HttpAnswer): 'refused' | 'outcome_unknown' {
  if (answer.status === 401 || answer.status === 429) return 'refused';
  if (answer.status < 400 || answer.status >= 500) return 'outcome_unknown';
  const problem = VippsProblem.safeParse(answer.body);
  return problem.success && (problem.data.title || problem.data.type) ? 'refused' : 'outcome_unknown';
}

function problemText(answer: HttpAnswer): string {
  const problem = VippsProblem.safeParse(answer.body);
  return problem.success
    ? `${problem.data.title ?? ''} ${problem.data.detail ?? ''}`.trim()
    : answer.text.slice(0, 200);
}
