import type { EngineConfig } from '../engine';

/**
 * What both hosts (browser mode and the Electron utility process) read from the environment besides
 * the back-office: demo or live, provider credentials, and the optional provider-call listener.
 */
export function engineOptionsFromEnvironment(
  env: NodeJS.ProcessEnv,
): Pick<EngineConfig, 'demo' | 'env' | 'webhooks' | 'demoMobilePayApproveMs'> {
  const webhookPort = env.KASSA_WEBHOOK_PORT ? Number(env.KASSA_WEBHOOK_PORT) : null;
  if (webhookPort !== null && (!Number.isInteger(webhookPort) || webhookPort < 0 || webhookPort > 65_535)) {
    throw new Error(`invalid KASSA_WEBHOOK_PORT: ${env.KASSA_WEBHOOK_PORT}`);
  }
  const approveMs = env.KASSA_DEMO_MOBILEPAY_MS ? Number(env.KASSA_DEMO_MOBILEPAY_MS) : undefined;
  return {
    // The embedded demo (sandbox terminals, demo back-office, MobilePay fake) unless a shop says no.
    demo: env.KASSA_DEMO !== '0',
    env,
    webhooks:
      webhookPort === null
        ? null
        : {
            port: webhookPort,
            host: env.KASSA_WEBHOOK_HOST ?? '127.0.0.1',
            publicUrl: env.KASSA_WEBHOOK_PUBLIC_URL ?? null,
          },
    demoMobilePayApproveMs: approveMs !== undefined && Number.isFinite(approveMs) ? approveMs : undefined,
  };
}
