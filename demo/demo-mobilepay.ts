import type { VippsConfig } from '../electron/core/payments/vipps/vipps-config';
import { startVippsFake } from '../fakes/vipps/vipps-fake';
import { seedDemoVippsSettlements } from './demo-settlements';

/**
 * Demo mode's MobilePay: the wire-level fake on a loopback port with a simulated customer who
 * approves after a few seconds (numbers ending 1111 reject, ending 0000 never answer).
 */
export async function startDemoMobilePay(options: { approveAfterMs: number }) {
  const fake = await startVippsFake({ customerApprovesAfterMs: options.approveAfterMs, expiryMs: 120_000 });
  seedDemoVippsSettlements(fake);
  const config: VippsConfig = {
    apiUrl: fake.url,
    clientId: fake.credentials.clientId,
    clientSecret: fake.credentials.clientSecret,
    subscriptionKey: fake.credentials.subscriptionKey,
    merchantSerialNumber: fake.credentials.msn,
    testMode: true,
  };
  return { config, fake, close: fake.close };
}
