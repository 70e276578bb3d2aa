import { createHmac } from 'node:crypto';
import type { Clock } from '../clock';
import type { Channel } from '../jobs/job-runner';

/**
 * Standard Webhooks signature: HMAC-SHA256 over `id.timestamp.body` with the base64 key after
 * `whsec_`, sent as `v1,<base64>`. The timestamp is the attempt's (receivers reject old ones).
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** Why a webhook waits: the screen and the job queue say what to do. */
export const NO_SECRET = 'no webhook signing secret yet: a manager creates one in Settings → Automations';

/**
 * POSTs a job's JSON event to its URL. At-least-once: after a crash or a lost answer it goes again
 * under the same `webhook-id`, which receivers use to de-duplicate (the Standard Webhooks contract).
 * 2xx → sent; 408, 429 and 5xx or no answer → retry; other 4xx → failed with the status. No
 * signing secret set yet → retry, without sending.
 */
export function createWebhookChannel(deps: { secret: () => string | null; clock: Clock; timeoutMs?: number }): Channel {
  return {
    afterCrash: 'resend',
    async attempt(job) {
      // Nothing leaves unsigned: the event waits (retried) until a manager creates the secret.
      const secret = deps.secret();
      if (!secret) return { result: 'retry', error: NO_SECRET };
      const id = job.messageId;
      const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
      const body = job.payload;
      let response: Response;
      try {
        response = await fetch(job.target, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': signWebhook(secret, id, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000),
        });
      } catch (error) {
        return { result: 'retry', error: `no answer: ${error instanceof Error ? error.message : error}` };
      }
      await response.body?.cancel();
      if (response.ok) return { result: 'sent' };
      const reason = `HTTP ${response.status}`;
      if (response.status === 408 || response.status === 429 || response.status >= 500) {
        const retryAfter = Number(response.headers.get('retry-after'));
        return { result: 'retry', error: reason, ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}) };
      }
      return { result: 'failed', error: reason };
    },
  };
}
