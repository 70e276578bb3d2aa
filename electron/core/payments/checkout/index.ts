import type { CallHandler } from '../../webhooks/incoming';
import { defineProviderModule } from '../provider-module';
import { createCheckoutClient } from './checkout-client';
import type { CheckoutConfig } from './checkout-config';
import { CHECKOUT_TERMINAL_ID, createCheckoutProvider } from './checkout-provider';
import { checkoutSettings } from './checkout-settings';
import { createCheckoutWebhookHandler } from './checkout-webhook-handler';
import { createCheckoutWorkflows } from './checkout-workflow';
import { createCheckoutSettlements } from './settlements';

/** Where Checkout.com delivers webhooks (the workflow's URL is the shop's public URL + this path). */
export const CHECKOUT_WEBHOOK_PATH = '/checkout/webhook';

/** Checkout.com payment links: a QR at the counter or a link sent by e-mail, webhooks, money back, settlement. */
export const checkoutModule = defineProviderModule<CheckoutConfig>({
  id: 'checkout',
  settings: checkoutSettings,
  callPath: CHECKOUT_WEBHOOK_PATH,
  create(deps) {
    const client = createCheckoutClient({ config: deps.config });
    const provider = createCheckoutProvider({
      client,
      config: deps.config,
      pollIntervalMs: deps.options.providerPollMs?.checkout,
    });
    const workflows = createCheckoutWorkflows({
      client,
      config: deps.config,
      settings: deps.settings,
      secrets: deps.secrets,
    });
    // The ledger and tracker exist only after the registry this provider is part of: made on first call.
    let handler: CallHandler | null = null;
    const webhook: CallHandler = (call) => {
      handler ??= createCheckoutWebhookHandler({
        keys: workflows.keys,
        payments: deps.payments,
        ledger: deps.ledger(),
        tracker: deps.tracker(),
        events: deps.events,
        clock: deps.clock,
        log: (message) => deps.log(message),
      });
      return handler(call);
    };
    return {
      provider,
      calls: { path: CHECKOUT_WEBHOOK_PATH, handler: webhook },
      knownTerminals: [{ id: CHECKOUT_TERMINAL_ID, name: 'Checkout.com link' }],
      settlements: createCheckoutSettlements({ client, config: deps.config, payments: deps.payments }),
      async start({ callUrl }) {
        if (!callUrl || !deps.config()) return;
        // Without a workflow the poll alone follows links; Kassa works either way.
        await workflows
          .ensure(callUrl)
          .catch((error: unknown) => deps.log('Checkout.com workflow registration failed; polling only', error));
      },
    };
  },
});
