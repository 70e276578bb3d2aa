import type { CheckoutConfig } from '../electron/core/payments/checkout/checkout-config';
import { startCheckoutFake } from '../fakes/checkout/checkout-fake';
import { DEMO_PUBLIC_URL } from './demo-paynl';

const WEBHOOK_URL = `${DEMO_PUBLIC_URL}/checkout/webhook`;
const SIGNATURE_KEY = 'demo-checkout-signature-key';
const AUTHORIZATION = 'demo-checkout-authorization';

/**
 * Demo mode's Checkout.com: the wire-level fake on a loopback port, with a payer who pays every link
 * a few seconds after it is made (amounts ending in 05 are declined, ending in 06 never paid), and a
 * webhook workflow as a shop would set up in the Dashboard, delivered to Kassa's own listener.
 */
export async function startDemoCheckout(options: { payerPaysAfterMs: number; listenerUrl: () => string | null }) {
  const fake = await startCheckoutFake({
    payerPaysAfterMs: options.payerPaysAfterMs,
    deliverWebhook: (url) => {
      const listener = options.listenerUrl();
      return listener ? url.replace(DEMO_PUBLIC_URL, listener) : url;
    },
  });
  fake.addWorkflow({
    name: 'Kassa demo',
    active: true,
    conditions: [{ type: 'event', events: { gateway: ['payment_approved', 'payment_captured', 'payment_declined'] } }],
    actions: [
      {
        type: 'webhook',
        url: WEBHOOK_URL,
        headers: { Authorization: AUTHORIZATION },
        signature: { method: 'HMACSHA256', key: SIGNATURE_KEY },
      },
    ],
  });
  const config: CheckoutConfig = {
    apiUrl: fake.url,
    secretKey: fake.credentials.secretKey,
    oauth: null,
    processingChannelId: 'pc_kassademochannelkassademo0',
    webhookSecret: SIGNATURE_KEY,
    webhookAuth: AUTHORIZATION,
    sandbox: true,
    capture: true,
    callUrl: WEBHOOK_URL,
  };
  return { config, fake, close: fake.close };
}
