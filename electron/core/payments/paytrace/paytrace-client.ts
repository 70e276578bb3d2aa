import type { z } from 'zod';
import { decideFailure, type RequestEffect } from '../json-client';
import { ProviderError } from '../provider';
import type { PayTraceConfig } from './paytrace-config';
import { OAuthError, TokenAnswer, TransactionAnswer } from './wire';

/** Renew this long before PayTrace's token runs out, so no request leaves with a dying token. */
const TOKEN_MARGIN_MS = 60_000;
/** Connection errors that prove nothing was sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export interface PayTraceClientOptions {
  config: () => PayTraceConfig | null;
  timeoutMs?: number;
  now?: () => number;
}

/**
 * PayTrace's JSON API v1: an OAuth password-grant token cached until it expires, `integrator_id`
 * in every body, and one decision per failure (json-client's `decideFailure`). PayTrace answers a
 * decline or a validation error with a transaction answer (success false) — those are returned,
 * not thrown: only the caller knows what the code means for its request.
 */
export function createPayTraceClient(options: PayTraceClientOptions) {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let token: { value: string; expiresAt: number; for: string } | null = null;
  let tokensFetched = 0;

  const config = (): PayTraceConfig => {
    const current = options.config();
    if (!current) throw new ProviderError('refused', 'not_configured', 'PayTrace is not configured');
    return current;
  };

  async function send(path: string, init: RequestInit, effect: RequestEffect, stop?: AbortSignal) {
    const what = `POST ${path}`;
    let response: Response;
    try {
      response = await fetch(`${config().apiUrl}${path}`, {
        ...init,
        method: 'POST',
        signal: stop ? AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]) : AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      if (typeof code === 'string' && NOT_SENT.has(code)) {
        throw new ProviderError(decideFailure({ kind: 'not_sent' }, effect), 'unreachable', `${what}: ${code}`);
      }
      throw new ProviderError(decideFailure({ kind: 'lost' }, effect), 'no_answer', `${what}: ${String(error)}`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new ProviderError(decideFailure({ kind: 'lost' }, effect), 'answer_cut', `${what}: ${String(error)}`);
    }
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: response.status, body, text };
  }

  async function accessToken(): Promise<string> {
    const current = config();
    const key = `${current.apiUrl}|${current.username}`;
    if (token && token.for === key && now() < token.expiresAt - TOKEN_MARGIN_MS) return token.value;
    // A token changes nothing at PayTrace: whatever goes wrong here, no money moved.
    const form = new URLSearchParams({
      grant_type: 'password',
      username: current.username,
      password: current.password,
    });
    const answer = await send(
      '/oauth/token',
      {
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      },
      'read_before_money',
    );
    const parsed = TokenAnswer.safeParse(answer.body);
    if (answer.status !== 200 || !parsed.success) {
      const oauth = OAuthError.safeParse(answer.body);
      const why = oauth.success
        ? `${oauth.data.error} ${oauth.data.error_description ?? ''}`
        : answer.text.slice(0, 200);
      throw new ProviderError(
        'refused',
        `token_${answer.status}`,
        `POST /oauth/token → ${answer.status} ${why}`.trim(),
      );
    }
    tokensFetched += 1;
    token = { value: parsed.data.access_token, expiresAt: now() + parsed.data.expires_in * 1000, for: key };
    return token.value;
  }

  /**
   * Sends one request. A token PayTrace calls `invalid_token` proves the request was not processed,
   * so it goes once more with a new token; a second `invalid_token` is a refusal.
   */
  async function post<T extends z.ZodType>(
    path: string,
    body: Record<string, unknown>,
    schema: T,
    effect: RequestEffect = 'may_act',
    /** The caller stopped waiting (a read whose answer would be dropped): the request is aborted. */
    stop?: AbortSignal,
  ): Promise<z.output<T>> {
    for (let attempt = 1; ; attempt += 1) {
      const headers = {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${await accessToken()}`,
      };
      const json = JSON.stringify({ ...body, integrator_id: config().integratorId });
      const answer = await send(path, { headers, body: json }, effect, stop);
      const oauth = OAuthError.safeParse(answer.body);
      if (answer.status === 401 && oauth.success && oauth.data.error === 'invalid_token') {
        token = null;
        if (attempt === 1) continue;
        throw new ProviderError('refused', 'token_401', `POST ${path} → invalid_token twice`);
      }
      const parsed = schema.safeParse(answer.body);
      if (parsed.success) return parsed.data;
      // PayTrace's own "no" comes as a transaction answer (or an OAuth error); anything else non-2xx
      // may be a proxy in front of a request PayTrace did act on.
      const own = TransactionAnswer.safeParse(answer.body).success || oauth.success;
      const ok = answer.status >= 200 && answer.status < 300;
      const kind = decideFailure(ok ? { kind: 'unreadable' } : { kind: 'answer', ownRefusal: own }, effect);
      const code = ok ? 'unreadable_answer' : (`http_${answer.status}` as const);
      throw new ProviderError(kind, code, `POST ${path} → ${answer.status} ${answer.text.slice(0, 300)}`);
    }
  }

  return {
    post,
    accessToken,
    /** Tokens fetched so far (tests: one per expiry, one renewal per `invalid_token`). */
    tokensFetched: () => tokensFetched,
  };
}

export type PayTraceClient = ReturnType<typeof createPayTraceClient>;
