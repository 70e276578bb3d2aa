import { createHmac } from 'node:crypto';
import { postCallback } from '../fake-http';
import { ckoId } from './checkout-fake-ids';

export interface FakeWorkflow {
  id: string;
  name: string;
  active: boolean;
  events: string[];
  url: string;
  headers: Record<string, string>;
  key: string;
}

export interface OutgoingWebhook {
  readonly workflow: FakeWorkflow;
  readonly type: string;
  readonly body: string;
}

export type WebhookMode = 'send' | 'hold' | 'off';

/**
 * Workflows and webhook delivery as Checkout.com does it: one POST per matching workflow, the body
 * signed with the workflow's key (`Cko-Signature`, hex HMAC-SHA256 of the raw body) and the action's
 * static headers added. `hold` keeps deliveries for a test to release (reordered, twice, forged).
 */
export function createWebhookSender(options: { deliverWebhook?: (url: string) => string; mode?: WebhookMode }) {
  const workflows = new Map<string, FakeWorkflow>();
  const held: OutgoingWebhook[] = [];
  const delivered: { type: string; status: number }[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let mode: WebhookMode = options.mode ?? 'send';

  async function send(out: OutgoingWebhook, signatureKey = out.workflow.key): Promise<number> {
    const target = options.deliverWebhook ? options.deliverWebhook(out.workflow.url) : out.workflow.url;
    const signature = createHmac('sha256', signatureKey).update(out.body).digest('hex');
    const answer = await postCallback(target, out.body, {
      'content-type': 'application/json',
      'cko-signature': signature,
      ...out.workflow.headers,
    });
    delivered.push({ type: out.type, status: answer.status });
    return answer.status;
  }

  return {
    workflows,
    held,
    delivered,
    setMode(next: WebhookMode) {
      mode = next;
    },
    addWorkflow(body: Record<string, unknown>): FakeWorkflow {
      const conditions = (body.conditions ?? []) as { type: string; events?: Record<string, string[]> }[];
      const actions = (body.actions ?? []) as {
        type: string;
        url: string;
        headers?: Record<string, string>;
        signature?: { key: string };
      }[];
      const action = actions.find((a) => a.type === 'webhook');
      const events = conditions.find((c) => c.type === 'event')?.events?.gateway ?? [];
      const workflow: FakeWorkflow = {
        id: ckoId('wf'),
        name: String(body.name ?? ''),
        active: body.active !== false,
        events,
        url: action?.url ?? '',
        headers: action?.headers ?? {},
        key: action?.signature?.key ?? '',
      };
      workflows.set(workflow.id, workflow);
      return workflow;
    },
    /** Delivers (or holds) one event to every active workflow that asked for its type. */
    emit(type: string, body: string): void {
      if (mode === 'off') return;
      for (const workflow of workflows.values()) {
        if (!workflow.active || !workflow.events.includes(type)) continue;
        const out = { workflow, type, body };
        if (mode === 'hold') held.push(out);
        else {
          const sending = send(out).finally(() => inFlight.delete(sending));
          inFlight.add(sending);
        }
      }
    },
    send,
    /** Waits for the deliveries under way (a test's "the webhook has been answered"). */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
