import { ProviderError } from './provider';

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * One HTTP exchange with a provider. Tells apart "certainly not processed" (connection refused, the
 * server said no) from "may have been processed" (timeout, connection dropped after sending), because
 * the second must be resolved by a status query and never by sending again.
 */
export async function providerFetch(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number },
): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(init.timeoutMs),
    });
  } catch (error) {
    const code = causeCode(error);
    if (code && NOT_SENT.has(code)) throw new ProviderError('refused', 'unreachable', `${init.method} ${url}: ${code}`);
    throw new ProviderError('outcome_unknown', 'no_answer', `${init.method} ${url}: ${String(error)}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new ProviderError('outcome_unknown', 'answer_cut', `${init.method} ${url}: ${String(error)}`);
  }
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  return { status: response.status, body, text };
}

/** 4xx (and 429/503, which mean "not now") were not acted on; other 5xx might have been. */
export function failureKind(status: number): 'refused' | 'outcome_unknown' {
  if (status < 500 || status === 503) return 'refused';
  return 'outcome_unknown';
}

function causeCode(error: unknown): string | null {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : null;
}
