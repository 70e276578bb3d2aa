import type { z } from 'zod';
import { ProviderError, type ProviderErrorCode, type ProviderFailureKind } from './provider';

/** One answer from a provider, as received: the body parsed as JSON when it was JSON. */
export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/** How a provider reads a non-2xx answer: its code, words for the log, and whether it is its own "no". */
export interface ProviderProblem {
  readonly code: ProviderErrorCode;
  readonly message: string;
  /** The provider's own refusal (a 4xx in its own error format, a gateway's 401/429): it did not act. */
  readonly ownRefusal: boolean;
}

/**
 * What a request may do at the provider. `may_act`: anything that reaches the provider may have
 * taken effect (a start, refund, void, cancel, and reads too: a read settles nothing by failing).
 * `read_before_money`: a read made before a money-moving request (a token, an order lookup):
 * whatever goes wrong with it, no money moved.
 */
export type RequestEffect = 'may_act' | 'read_before_money';

/** How a request failed, before it is decided what that means. */
export type Failure =
  | { readonly kind: 'not_sent' }
  | { readonly kind: 'lost' }
  | { readonly kind: 'answer'; readonly ownRefusal: boolean }
  | { readonly kind: 'unreadable' };

/**
 * THE place that decides "refused" (certainly not acted on: the payment may be closed) against
 * "outcome unknown" (may have been acted on: settle it with a status read, never by sending again).
 * Only the provider's own refusal, or a connection that never opened, is a refusal; a 5xx (503 too),
 * a proxy's HTML, a reset after sending or a 2xx we cannot read may come after the provider acted.
 */
export function decideFailure(failure: Failure, effect: RequestEffect = 'may_act'): ProviderFailureKind {
  if (effect === 'read_before_money') return 'refused';
  if (failure.kind === 'not_sent') return 'refused';
  if (failure.kind === 'answer' && failure.ownRefusal) return 'refused';
  return 'outcome_unknown';
}

/**
 * The one retry-delay policy for provider calls: exponential from `baseMs`, capped at `maxMs`.
 * `failures` counts the failures so far (1 after the first).
 */
export function retryDelayMs(failures: number, options: { baseMs: number; maxMs: number }): number {
  return Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, failures));
}

/** Connection errors that prove nothing was sent: the provider cannot have acted. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export interface JsonRequest<T extends z.ZodType> {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly schema: T;
  /** Sent as JSON; a string is sent as it is (a form body). */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly effect?: RequestEffect;
  /** The caller stopped waiting (a read whose answer would be dropped): the request is aborted. */
  readonly signal?: AbortSignal;
}

export interface JsonClientOptions {
  /** Read on every request: credentials and addresses may change while Kassa runs. */
  readonly baseUrl: () => string;
  /** Headers for every request (authorisation, the provider's system headers). */
  readonly headers: () => Record<string, string> | Promise<Record<string, string>>;
  /** How this provider reads a non-2xx answer. */
  readonly toError: (answer: JsonAnswer) => ProviderProblem;
  readonly timeoutMs?: number;
  /**
   * An answer status after which the request is sent once more, after `renew` (Vipps: a 401 for an
   * expired token; the gateway refused it, so sending it again under the same key is safe).
   */
  readonly renewOn?: { readonly status: number; renew(): void };
}

export interface JsonClient {
  request<T extends z.ZodType>(request: JsonRequest<T>): Promise<z.output<T>>;
}

/**
 * One JSON request sender over fetch for every provider (in the style of stripe-node's
 * RequestSender): the provider gives its address, headers and how it reads its own errors; the
 * client sends, parses, and decides refused against outcome unknown in one place.
 */
export function createJsonClient(options: JsonClientOptions): JsonClient {
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function send(request: JsonRequest<z.ZodType>): Promise<JsonAnswer> {
    const what = `${request.method} ${request.path}`;
    const effect = request.effect;
    const json = request.body !== undefined && typeof request.body !== 'string';
    const headers = {
      accept: 'application/json',
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...(await options.headers()),
      ...request.headers,
    };
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl()}${request.path}`, {
        method: request.method,
        headers,
        body: json ? JSON.stringify(request.body) : (request.body as string | undefined),
        signal: request.signal
          ? AbortSignal.any([AbortSignal.timeout(timeoutMs), request.signal])
          : AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const code = causeCode(error);
      if (code && NOT_SENT.has(code)) {
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
    return { status: response.status, body: parseJson(text), text };
  }

  return {
    async request(request) {
      let answer = await send(request);
      if (options.renewOn && answer.status === options.renewOn.status) {
        options.renewOn.renew();
        answer = await send(request);
      }
      const effect = request.effect;
      if (answer.status < 200 || answer.status > 299) {
        const problem = options.toError(answer);
        const kind = decideFailure({ kind: 'answer', ownRefusal: problem.ownRefusal }, effect);
        throw new ProviderError(kind, problem.code, `${request.method} ${request.path} → ${problem.message}`);
      }
      const parsed = request.schema.safeParse(answer.status === 204 ? undefined : answer.body);
      if (!parsed.success) {
        const message = `${request.method} ${request.path}: ${parsed.error.message}`;
        throw new ProviderError(decideFailure({ kind: 'unreadable' }, effect), 'unreadable_answer', message);
      }
      return parsed.data;
    },
  };
}

/** The status code when no error code of the provider's own came with the answer. */
export function httpCode(status: number): `http_${number}` {
  return `http_${status}`;
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function causeCode(error: unknown): string | null {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : null;
}
