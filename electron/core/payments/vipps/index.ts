import type { CallHandler } from '../../webhooks/incoming';
import { defineProviderModule } from '../provider-module';
import { createVippsSettlements } from './settlements';
import { createVippsClient } from './vipps-client';
import type { VippsConfig } from './vipps-config';
import { createVippsProvider, MOBILEPAY_TERMINAL_ID } from './vipps-provider';
import { vippsSettings } from './vipps-settings';
import { createVippsWebhookHandler } from './vipps-webhook-handler';
import { createVippsWebhookRegistry } from './vipps-webhook-registration';

/** Where Vipps delivers webhook events (registered with Vipps at start when the shop has a public URL). */
export const VIPPS_WEBHOOK_PATH = '/vipps/webhook';

/** Vipps MobilePay ePayment: a push request to the customer's phone, and webhooks for its events. */
export const vippsModule = defineProviderModule<VippsConfig>({
  id: 'vipps',
  settings: vippsSettings,
  callPath: VIPPS_WEBHOOK_PATH,
  create(deps) {
    const client = createVippsClient({ config: deps.config, systemVersion: deps.options.version });
    const provider = createVippsProvider({
      client,
      configured: () => deps.config() !== null,
      pollIntervalMs: deps.options.providerPollMs?.vipps,
      firstPollDelayMs: deps.options.providerPollMs?.vippsFirst,
    });
    const webhooks = createVippsWebhookRegistry({ client, settings: deps.settings, secrets: deps.secrets });
    let handler: CallHandler | null = null;
    const events: CallHandler = (call) => {
      handler ??= createVippsWebhookHandler({
        registration: () => webhooks.current(),
        merchantSerialNumber: () => deps.config()?.merchantSerialNumber ?? null,
        payments: deps.payments,
        ledger: deps.ledger(),
        tracker: deps.tracker(),
        events: deps.events,
        clock: deps.clock,
        onApplied: deps.onApplied,
        log: (message) => deps.log(message),
      });
      return handler(call);
    };
    return {
      provider,
      calls: { path: VIPPS_WEBHOOK_PATH, handler: events },
      knownTerminals: [{ id: MOBILEPAY_TERMINAL_ID, name: 'MobilePay' }],
      settlements: createVippsSettlements({ client, config: deps.config, log: (message) => deps.log(message) }),
      async start({ callUrl }) {
        if (!callUrl || !deps.config()) return;
        // Without a registered webhook the poll alone follows MobilePay requests; Kassa works either way.
        await webhooks
          .ensure(callUrl)
          .catch((error: unknown) => deps.log('Vipps webhook registration failed; polling only', error));
      },
    };
  },
});
