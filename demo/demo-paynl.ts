import type { PayNlConfig } from '../electron/core/payments/paynl/paynl-config';
import { startPayNlFake } from '../fakes/paynl/paynl-fake';
import { seedDemoPayNlSettlements } from './demo-settlements';

/**
 * Demo mode against the wire-level Pay. fake (KASSA_DEMO_PAYNL=1): three terminals that settle by
 * themselves after a moment, the cents choosing the outcome as on the sandbox terminal, plus ,10 for
 * "cancel, then paid anyway". Exchange calls go to Kassa's own listener, signed like Pay.'s.
 */
export async function startDemoPayNl(options: { settleMs: number; listenerUrl: () => string | null }) {
  const fake = await startPayNlFake({
    autoSettleMs: options.settleMs,
    terminals: [
      { code: 'TH-1000-0001', name: 'Pay.POS Toonbank 1 (fake Pay.)', online: true, refunds: true },
      { code: 'TH-1000-0002', name: 'SoftPOS Showroom (fake Pay.)', online: true, softpos: true },
      { code: 'TH-1000-0003', name: 'Pay.POS Toonbank 2 (fake Pay.)', online: false },
    ],
    deliverExchange: (url) => {
      const listener = options.listenerUrl();
      return listener ? url.replace(DEMO_PUBLIC_URL, listener) : url;
    },
    locationExchangeUrl: `${DEMO_PUBLIC_URL}/paynl/exchange`,
  });
  seedDemoPayNlSettlements(fake);
  const config: PayNlConfig = {
    connectUrl: fake.url,
    restUrl: fake.url,
    tokenCode: fake.credentials.tokenCode,
    apiToken: fake.credentials.apiToken,
    serviceId: fake.credentials.serviceId,
    serviceSecret: fake.credentials.serviceSecret,
    testMode: true,
    exchangeUrl: `${DEMO_PUBLIC_URL}/paynl/exchange`,
  };
  return { config, fake, close: fake.close };
}

/** Stands for the shop's public URL; the fake delivers it to the local listener as a reverse proxy would. */
export const DEMO_PUBLIC_URL = 'https://demo-shop.invalid/kassa';
