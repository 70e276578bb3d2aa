import { z } from 'zod';
import type { SettingsRepository } from '../../repositories/settings';
import type { SecretCipher } from '../../secrets/secret-cipher';
import type { VippsClient } from './vipps-client';
import { VippsWebhookList, VippsWebhookRegistration } from './vipps-schemas';
import type { WebhookRegistration } from './vipps-webhook';

export const VIPPS_WEBHOOK_EVENTS = [
  'epayments.payment.created.v1',
  'epayments.payment.aborted.v1',
  'epayments.payment.expired.v1',
  'epayments.payment.cancelled.v1',
  'epayments.payment.captured.v1',
  'epayments.payment.refunded.v1',
  'epayments.payment.authorized.v1',
  'epayments.payment.terminated.v1',
] as const;

const SETTING = 'vipps.webhook';
const Stored = z.object({ id: z.string(), url: z.string(), secret: z.string() });

/**
 * Registers Kassa's public webhook URL with the Webhooks API once, and keeps the returned secret
 * sealed in the settings. A registration for our URL without a secret we know is replaced.
 */
export function createVippsWebhookRegistry(deps: {
  client: VippsClient;
  settings: SettingsRepository;
  secrets: SecretCipher;
}) {
  const { client, settings, secrets } = deps;

  function stored(): (WebhookRegistration & { id: string }) | null {
    const raw = settings.get(SETTING);
    if (!raw) return null;
    const parsed = Stored.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    return { id: parsed.data.id, url: parsed.data.url, secret: secrets.open(parsed.data.secret) };
  }

  return {
    current: stored,
    async ensure(url: string): Promise<WebhookRegistration> {
      const known = stored();
      const list = await client.request(VippsWebhookList, 'GET', '/webhooks/v1/webhooks');
      const ours = list.webhooks.filter((w) => w.url === url);
      if (known && known.url === url && ours.some((w) => w.id === known.id)) return known;
      const created = await client.request(VippsWebhookRegistration, 'POST', '/webhooks/v1/webhooks', {
        url,
        events: VIPPS_WEBHOOK_EVENTS,
      });
      settings.set(SETTING, JSON.stringify({ id: created.id, url, secret: secrets.seal(created.secret) }));
      // Replace, then remove: Vipps advises never leaving a gap without a working hook.
      for (const old of ours) {
        if (old.id !== created.id) {
          await client.request(z.unknown(), 'DELETE', `/webhooks/v1/webhooks/${encodeURIComponent(old.id)}`);
        }
      }
      return { url, secret: created.secret };
    },
  };
}
