import type { z } from 'zod';
import { createJsonClient, httpCode, type JsonAnswer, type ProviderProblem } from '../json-client';
import { ProviderError } from '../provider';
import { CHECKOUT_SCOPES, type CheckoutConfig } from './checkout-config';
import { CheckoutError, CheckoutToken } from './checkout-schemas';

/** Renew this long before the token runs out, so no request leaves with a token about to expire. */
const TOKEN_MARGIN_MS = 60_000;

export interface CheckoutClientOptions {
  readonly config: () => CheckoutConfig | null;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

/**
 * The Checkout.com HTTP client: Bearer secret key or OAuth token (fetched, cached, refreshed before
 * it runs out and once more after a 401), `Cko-Idempotency-Key` on money-moving requests, and
 * Checkout.com's errors turned into ProviderErrors by the one rule in json-client.ts.
 */
export function createCheckoutClient(options: CheckoutClientOptions) {
  const now = options.now ?? Date.now;
  let token: { value: string; expiresAt: number; for: string } | null = null;
  let tokensFetched = 0;
  /** Counts token fetches: a 401 for a request sent before the latest fetch does not discard it. */
  let generation = 0;

  const config = (): CheckoutConfig => {
    const current = options.config();
    if (!current) throw new ProviderError('refused', 'not_configured', 'Checkout.com is not configured');
    return current;
  };

  // Fetching a token changes nothing at Checkout.com: whatever goes wrong, no money moved.
  const tokenClient = createJsonClient({
    baseUrl: () => config().oauth?.tokenUrl ?? '',
    headers: (): Record<string, string> => {
      const oauth = config().oauth;
      if (!oauth) return {};
      return { authorization: `Basic ${Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`).toString('base64')}` };
    },
    toError: (answer) => ({ ...checkoutProblem(answer), code: `token_${answer.status}` }),
    timeoutMs: options.timeoutMs,
  });

  /** One token request at a time: requests that find the token gone share the one being fetched. */
  let fetching: Promise<string> | null = null;

  async function accessToken(current: CheckoutConfig): Promise<string> {
    const oauth = current.oauth;
    if (!oauth) throw new ProviderError('refused', 'not_configured', 'no OAuth client');
    const cacheKey = `${oauth.tokenUrl}|${oauth.clientId}`;
    if (token && token.for === cacheKey && now() < token.expiresAt - TOKEN_MARGIN_MS) return token.value;
    fetching ??= fetchToken(cacheKey).finally(() => {
      fetching = null;
    });
    return fetching;
  }

  async function fetchToken(cacheKey: string): Promise<string> {
    const answer = await tokenClient
      .request({
        method: 'POST',
        path: '',
        schema: CheckoutToken,
        body: new URLSearchParams({ grant_type: 'client_credentials', scope: CHECKOUT_SCOPES.join(' ') }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        effect: 'read_before_money',
      })
      .catch((error: unknown) => {
        if (error instanceof ProviderError && error.code === 'unreadable_answer') {
          throw new ProviderError('refused', 'token_unreadable', error.message);
        }
        throw error;
      });
    tokensFetched += 1;
    generation += 1;
    token = { value: answer.access_token, expiresAt: now() + answer.expires_in * 1000, for: cacheKey };
    return answer.access_token;
  }

  /**
   * Payment Links accept only the secret key (API reference: "Security: ApiSecretKey"); everything
   * else takes the OAuth token when a client is configured, else the secret key.
   */
  async function authorization(linkCall: boolean): Promise<string> {
    const current = config();
    if (current.secretKey && (linkCall || !current.oauth)) return `Bearer ${current.secretKey}`;
    return `Bearer ${await accessToken(current)}`;
  }

  const clientFor = (linkCall: boolean) =>
    createJsonClient({
      baseUrl: () => config().apiUrl,
      headers: async () => ({ authorization: await authorization(linkCall) }),
      toError: checkoutProblem,
      timeoutMs: options.timeoutMs,
    });
  const links = clientFor(true);
  const api = clientFor(false);

  async function request<T extends z.ZodType>(
    schema: T,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<z.output<T>> {
    const headers = idempotencyKey ? { 'Cko-Idempotency-Key': idempotencyKey } : undefined;
    const linkCall = path.startsWith('/payment-links');
    const client = linkCall ? links : api;
    const sentWith = generation;
    try {
      return await client.request({ schema, method, path, body, headers });
    } catch (error) {
      // An OAuth token that ran out: the 401 means nothing was processed, so sending again (same
      // idempotency key) is safe. Requests sent together all get the 401; only the first renews.
      const usedToken = !linkCall || !config().secretKey;
      if (!(error instanceof ProviderError) || error.code !== 'http_401' || !usedToken || !config().oauth) throw error;
      if (generation === sentWith) token = null;
      return client.request({ schema, method, path, body, headers });
    }
  }

  /**
   * A report file (`GET /reports/{id}/files/{fileId}`): Checkout.com answers 302 with the file's
   * `Location` (reference A.1.2). The redirect is followed by hand and without our Authorization
   * header, which is only for Checkout.com's API: the location is taken to be a pre-signed address
   * (UNCONFIRMED; a 200 with the file straight away is read too). Reading only: nothing moves money.
   */
  async function download(path: string): Promise<string> {
    const timeout = options.timeoutMs ?? 30_000;
    const get = async (url: string, headers: Record<string, string>): Promise<Response> => {
      try {
        return await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(timeout) });
      } catch (error) {
        throw new ProviderError('refused', 'no_answer', `GET ${path}: ${String(error)}`);
      }
    };
    const ask = async () => get(`${config().apiUrl}${path}`, { authorization: await authorization(false) });
    let first = await ask();
    if (first.status === 401 && config().oauth) {
      await first.body?.cancel();
      token = null;
      first = await ask();
    }
    let answer = first;
    const location = first.headers.get('location');
    if (first.status >= 300 && first.status < 400 && location) {
      await first.body?.cancel();
      answer = await get(new URL(location, `${config().apiUrl}/`).toString(), { accept: 'text/csv' });
    }
    const text = await answer.text().catch((error: unknown) => {
      throw new ProviderError('refused', 'answer_cut', `GET ${path}: ${String(error)}`);
    });
    if (answer.status !== 200) {
      const problem = checkoutProblem({ status: answer.status, body: parseJsonOrNull(text), text });
      throw new ProviderError('refused', problem.code, `GET ${path} → ${problem.message}`);
    }
    return text;
  }

  return { request, download, tokensFetched: () => tokensFetched, forgetToken: () => (token = null) };
}

export type CheckoutClient = ReturnType<typeof createCheckoutClient>;

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Only Checkout.com's own "no" proves a request was not acted on: a 4xx carrying its error body
 * (`error_type`), an empty 401/404 as it sends them, or a 429 (a concurrent request under the same
 * idempotency key is being processed). A 5xx or a proxy's page may follow a request it did act on.
 */
export function checkoutProblem(answer: JsonAnswer): ProviderProblem {
  const error = CheckoutError.safeParse(answer.body);
  const codes = error.success ? (error.data.error_codes ?? []).join(',') : '';
  const own = error.success || (answer.text.trim() === '' && answer.status < 500);
  return {
    code: answer.status === 404 ? 'not_found' : httpCode(answer.status),
    message: `${answer.status}: ${error.success ? `${error.data.error_type} ${codes}` : answer.text.slice(0, 200)}`,
    ownRefusal: answer.status === 401 || answer.status === 429 || (answer.status >= 400 && answer.status < 500 && own),
  };
}
