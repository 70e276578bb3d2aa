import { z } from 'zod';
import type { PayTraceConfig } from '../electron/core/payments/paytrace/paytrace-config';
import { PAYTRACE_DEMO_CUSTOMERS, startPayTraceFake } from '../fakes/paytrace/paytrace-fake';

/**
 * Demo mode's PayTrace: the wire-level fake on a loopback port with the two US demo customers
 * (KASSA-US-1001: Visa …1111; KASSA-US-1002: Mastercard …4444 and a checking account). Amounts
 * ending in .02 decline, .03 are approved then voided; everything else is approved.
 */
export async function startDemoPayTrace(env: NodeJS.ProcessEnv = process.env) {
  const fake = await startPayTraceFake({ customers: PAYTRACE_DEMO_CUSTOMERS, settleAfterMs: settleAfterMs(env) });
  const config: PayTraceConfig = {
    apiUrl: fake.url,
    username: fake.credentials.username,
    password: fake.credentials.password,
    integratorId: fake.credentials.integratorId,
    sandbox: true,
  };
  return { config, fake, close: fake.close };
}

/**
 * KASSA_DEMO_PAYTRACE_SETTLE_MS: the demo's batch closes this long after each sale or refund, so a
 * demo payment can be refunded (before that: voided). Unset: batches never close in the demo.
 */
function settleAfterMs(env: NodeJS.ProcessEnv): number | undefined {
  const parsed = z.coerce
    .number()
    .int()
    .min(0)
    .max(86_400_000)
    .optional()
    .safeParse(env.KASSA_DEMO_PAYTRACE_SETTLE_MS || undefined);
  if (!parsed.success) throw new Error('KASSA_DEMO_PAYTRACE_SETTLE_MS: milliseconds, 0 to 86400000');
  return parsed.data;
}
