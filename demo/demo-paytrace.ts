import type { PayTraceConfig } from '../electron/core/payments/paytrace/paytrace-config';
import { PAYTRACE_DEMO_CUSTOMERS, startPayTraceFake } from '../fakes/paytrace/paytrace-fake';

/**
 * Demo mode's PayTrace: the wire-level fake on a loopback port with the two US demo customers
 * (KASSA-US-1001: Visa …1111; KASSA-US-1002: Mastercard …4444 and a checking account). Amounts
 * ending in .02 decline, .03 are approved then voided; everything else is approved.
 */
export async function startDemoPayTrace() {
  const fake = await startPayTraceFake({ customers: PAYTRACE_DEMO_CUSTOMERS });
  const config: PayTraceConfig = {
    apiUrl: fake.url,
    username: fake.credentials.username,
    password: fake.credentials.password,
    integratorId: fake.credentials.integratorId,
    sandbox: true,
  };
  return { config, fake, close: fake.close };
}
