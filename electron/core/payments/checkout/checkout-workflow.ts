import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SettingsRepository } from '../../repositories/settings';
import type { SecretCipher } from '../../secrets/secret-cipher';
import type { CheckoutClient } from './checkout-client';
import type { CheckoutConfig } from './checkout-config';
import { WorkflowCreated, WorkflowList } from './checkout-schemas';
import type { WebhookKeys } from './checkout-webhook';

/** The gateway events Kassa follows: a payment's outcome, captures, voids and refunds. */
export const CHECKOUT_WORKFLOW_EVENTS = [
  'payment_approved',
  'payment_pending',
  'payment_declined',
  'payment_expired',
  'payment_canceled',
  'payment_voided',
  'payment_void_declined',
  'payment_captured',
  'payment_capture_declined',
  'payment_refunded',
  'payment_refund_declined',
] as const;

const SETTING = 'checkout.workflow';
const Stored = z.object({ id: z.string(), url: z.string(), key: z.string(), auth: z.string() });

export const workflowName = (url: string) => `Kassa ${url}`.slice(0, 100);

/**
 * The webhook workflow: registered once at start when the shop has a public URL (found again by its
 * name, so a restart does not add a second), with a signature key and Authorization value Kassa
 * makes itself unless the shop set its own (a workflow made in the Dashboard). Keys are sealed.
 */
export function createCheckoutWorkflows(deps: {
  client: CheckoutClient;
  config: () => CheckoutConfig | null;
  settings: SettingsRepository;
  secrets: SecretCipher;
}) {
  const { client, settings, secrets } = deps;

  function stored() {
    const raw = settings.get(SETTING);
    const parsed = raw ? Stored.safeParse(JSON.parse(raw)) : null;
    if (!parsed?.success) return null;
    return { ...parsed.data, key: secrets.open(parsed.data.key), auth: secrets.open(parsed.data.auth) };
  }

  return {
    /** The keys a delivery must carry: the shop's own (settings/environment) win over Kassa's workflow's. */
    keys(): WebhookKeys | null {
      const config = deps.config();
      if (config?.webhookSecret) return { signatureKey: config.webhookSecret, authorization: config.webhookAuth };
      const ours = stored();
      return ours ? { signatureKey: ours.key, authorization: ours.auth } : null;
    },
    async ensure(url: string): Promise<void> {
      const config = deps.config();
      if (!config) return;
      const known = stored();
      const list = await client.request(WorkflowList, 'GET', '/workflows');
      const named = (list.data ?? []).filter((w) => w.name === workflowName(url));
      if (known && known.url === url && named.some((w) => w.id === known.id)) return;
      // A workflow with our name whose keys the shop gave us (a Dashboard workflow): keep it.
      if (named.length > 0 && config.webhookSecret) return;
      const key = config.webhookSecret ?? randomBytes(32).toString('hex');
      const auth = config.webhookAuth ?? randomBytes(24).toString('base64url');
      const created = await client.request(WorkflowCreated, 'POST', '/workflows', {
        name: workflowName(url),
        active: true,
        conditions: [{ type: 'event', events: { gateway: [...CHECKOUT_WORKFLOW_EVENTS] } }],
        actions: [{ type: 'webhook', url, headers: { Authorization: auth }, signature: { method: 'HMACSHA256', key } }],
      });
      settings.set(SETTING, JSON.stringify({ id: created.id, url, key: secrets.seal(key), auth: secrets.seal(auth) }));
    },
  };
}

export type CheckoutWorkflows = ReturnType<typeof createCheckoutWorkflows>;
