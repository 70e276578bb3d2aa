import type { PayTraceConfig } from '../electron/core/payments/paytrace/paytrace-config';
import { PAYTRACE_DEMO_CUSTOMERS, startPayTraceFake } from '../fakes/paytrace/paytrace-fake';

/**
 * Demo mode's PayTrace: the wire-level fake on a loopback port with the two US demo customers
 * (KASSA-US-1001: Visa …1111; KASSA-US-1002: Mastercard …4444 and a checking account). Amounts
 * ending in .02 decline, .03 are approved then voided; everything else is approved.
 */
export async function startDemoPayTrace(options: { settleEveryMs?: number } = {}) {
  const fake = await startPayTraceFake({ customers: PAYTRACE_DEMO_CUSTOMERS });
  // KASSA_DEMO_PAYTRACE_SETTLE_MS: the batch closes on a timer, so a demo (and the end-to-end test)
  // sees PayTrace's rule: void before the batch settles, refund after.
  const settling = options.settleEveryMs ? setInterval(() => fake.settleBatch(), options.settleEveryMs) : null;
  settling?.unref();
  const config: PayTraceConfig = {
    apiUrl: fake.url,
    username: fake.credentials.username,
    password: fake.credentials.password,
    integratorId: fake.credentials.integratorId,
    sandbox: true,
  };
  const close = async () => {
    if (settling) clearInterval(settling);
    await fake.close();
  };
  return { config, fake, close };
}
